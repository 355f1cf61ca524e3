package dev.arrears.contact;

import java.time.Instant;

/**
 * A batch of letters was created, printed or posted: the batch, what happened, by whom, how many letters and pages
 * it holds. Published inside the writing transaction (the audit trail records it).
 */
public record LetterBatchChanged(long batchId, Change change, String actor, int letters, int pages, Instant at) {

    /** What happened to the batch. */
    public enum Change { CREATED, PRINTED, POSTED }
}
