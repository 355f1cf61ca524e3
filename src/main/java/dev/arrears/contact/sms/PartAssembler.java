package dev.arrears.contact.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the parts of concatenated messages back together, keyed as a handset keys them: originator, recipient,
 * reference and part count. A part seen twice replaces itself. At most {@code capacity} messages wait for missing
 * parts; the oldest incomplete one is dropped beyond that. Thread-safe.
 */
final class PartAssembler {

    /** A complete message and the ids of its parts in part order (the ids may be null where none exist). */
    record Assembled(String text, List<String> partIds) {
    }

    private record Key(String source, String destination, int reference, int total) {
    }

    private static final class Pending {
        final String[] texts;
        final String[] ids;
        int received;

        Pending(int total) {
            texts = new String[total];
            ids = new String[total];
        }
    }

    private final int capacity;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    PartAssembler(int capacity) {
        this.capacity = capacity;
    }

    /** Adds one part (sequence 1-based); returns the whole message once its last missing part arrives. */
    synchronized Optional<Assembled> add(String source, String destination, ShortMessages.Concatenation header,
                                         String text, String partId) {
        int total = header.total();
        int index = header.sequence() - 1;
        if (total < 2 || index < 0 || index >= total) {
            return Optional.of(new Assembled(text, Arrays.asList(partId)));
        }
        Key key = new Key(source, destination, header.reference(), total);
        Pending parts = pending.computeIfAbsent(key, k -> new Pending(total));
        if (parts.texts[index] == null) {
            parts.received++;
        }
        parts.texts[index] = text;
        parts.ids[index] = partId;
        if (parts.received < total) {
            evictBeyondCapacity();
            return Optional.empty();
        }
        pending.remove(key);
        return Optional.of(new Assembled(String.join("", parts.texts), new ArrayList<>(Arrays.asList(parts.ids))));
    }

    /** Returns the number of messages still missing parts. */
    synchronized int incomplete() {
        return pending.size();
    }

    private void evictBeyondCapacity() {
        Iterator<Key> oldest = pending.keySet().iterator();
        while (pending.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
