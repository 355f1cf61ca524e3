package dev.arrears.audit.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What an entry's HMAC covers: its id, when it happened (whole microseconds, as PostgreSQL keeps them), its
 * kind, who acted, what it is about and its canonical JSON details. Texts are clean: no NUL and no lone
 * surrogate, so that they reach the database and come back byte for byte.
 */
public record EntryContent(long id, Instant occurredAt, String kind, String actor, String subjectType,
                           String subjectId, String details) {

    public EntryContent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (occurredAt.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("occurredAt must be in whole microseconds: " + occurredAt);
        }
        for (String text : new String[] {kind, actor, subjectType, subjectId, details}) {
            Objects.requireNonNull(text, "texts of an entry are never null");
        }
    }

    /** Returns the instant in epoch microseconds, the unit the HMAC covers. */
    public long occurredAtMicros() {
        return Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L), occurredAt.getNano() / 1_000);
    }

    /** Returns the text with NUL and lone surrogates replaced by U+FFFD, which PostgreSQL's text cannot hold. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = c == 0 || Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
