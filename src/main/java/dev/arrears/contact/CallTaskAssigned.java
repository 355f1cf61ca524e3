package dev.arrears.contact;

import java.time.Instant;

/**
 * A call task changed hands: a collector claimed it (by id or as their next task), a supervisor assigned it to a
 * user or released it to the pool. {@code previous} is who held it before (null: nobody). Published inside the
 * writing transaction.
 */
public record CallTaskAssigned(long taskId, long accountId, String assignee, String previous, Change change,
                               String actor, Instant at) {

    /** How the task changed hands. */
    public enum Change { CLAIMED, ASSIGNED, RELEASED }
}
