package dev.arrears.contact;

import java.time.Instant;

/**
 * The print queue's views: letters the live letter channel rendered and stored, and the batches they are printed
 * and posted in. A letter is RENDERED, then BATCHED, then POSTED with its batch, or CANCELLED before it was batched;
 * a batch is OPEN (being printed), PRINTED, then POSTED.
 */
public final class LetterViews {

    private LetterViews() {
    }

    /** A stored letter without its PDF; {@code pdf} is the link to it. */
    public record LetterView(long id, String contactKey, long jobId, long accountId, long customerId,
                             String recipientName, String recipientAddress, String locale, int pages, String sha256,
                             String state, Long batchId, Integer batchPosition, Instant createdAt, Instant batchedAt,
                             Instant postedAt, Instant cancelledAt, String cancelReason, String pdf) {
    }

    /** A batch of letters; {@code pdf} and {@code manifest} are the links to the merged PDF and the CSV manifest. */
    public record BatchView(long id, String state, int letters, int pages, Instant createdAt, String createdBy,
                            Instant printedAt, String printedBy, Instant postedAt, String postedBy, String pdf,
                            String manifest) {
    }

    /** One line of a batch's manifest, in print order. */
    public record ManifestLine(int position, long letterId, String recipientName, String recipientAddress, int pages,
                               String sha256) {
    }

    /** A PDF to download: its file name, bytes and the customer it concerns (null for a whole batch). */
    public record PdfFile(String fileName, byte[] bytes, Long customerId) {
    }

    /** States of a letter. */
    public enum LetterState { RENDERED, BATCHED, POSTED, CANCELLED }

    /** States of a batch. */
    public enum BatchState { OPEN, PRINTED, POSTED }
}
