package dev.arrears.audit;

import java.time.Instant;

/**
 * Which sealed entries to list, oldest first: occurred in [from, to) (either may be null), of a kind, about a
 * subject, by an actor, with positions after {@code after} (0 for the start), at most {@code limit}.
 */
public record AuditQuery(Instant from, Instant to, AuditKind kind, String subjectType, String subjectId, String actor,
                         long after, int limit) {

    /** Most entries in one page. */
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (after < 0) {
            throw new IllegalArgumentException("after is a position, 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT);
        }
    }

    /** Returns the first page of every entry. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, 0, limit);
    }
}
