package dev.arrears.selfservice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per key (a portal token, a client address) in fixed windows of {@code window} length aligned to
 * the epoch, and says whether one more is allowed: at most {@code limit} per key per window. The instant is passed
 * in (the application clock). Keys whose window has passed are dropped once more than {@code maxKeys} are held, so
 * memory stays bounded whatever the traffic; when even the live keys exceed it, the oldest-looking half goes (a
 * client then starts afresh, which errs on the side of serving customers).
 */
public final class RateWindow {

    private final int limit;
    private final long windowMillis;
    private final int maxKeys;
    private final Map<String, long[]> counts = new ConcurrentHashMap<>();

    /** What a request gets: allowed, or refused with the seconds until the window ends (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    public RateWindow(int limit, Duration window, int maxKeys) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a rate window needs a positive limit, length and key count");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
    }

    /** Counts one request of the key at an instant; returns whether it is within the limit. */
    public Decision hit(String key, Instant now) {
        long millis = now.toEpochMilli();
        long start = Math.floorDiv(millis, windowMillis) * windowMillis;
        if (counts.size() > maxKeys) {
            evict(start);
        }
        // [window start, count]: a new window resets the count
        long[] slot = counts.compute(key, (k, old) -> old == null || old[0] != start
                ? new long[]{start, 1} : new long[]{start, old[1] + 1});
        if (slot[1] <= limit) {
            return new Decision(true, 0);
        }
        long retry = Math.max(1, (start + windowMillis - millis + 999) / 1000);
        return new Decision(false, retry);
    }

    /** Returns how many keys are held. */
    public int keys() {
        return counts.size();
    }

    private void evict(long currentStart) {
        counts.values().removeIf(slot -> slot[0] != currentStart);
        if (counts.size() > maxKeys) {
            int drop = counts.size() / 2;
            Iterator<String> it = counts.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }
}
