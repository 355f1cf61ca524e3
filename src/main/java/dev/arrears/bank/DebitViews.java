package dev.arrears.bank;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the direct debit part of the bank module shows: mandates, pain.008 batches and their collections. */
public final class DebitViews {

    private DebitViews() {
    }

    public enum MandateStatus { ACTIVE, REVOKED }

    /** CORE for consumers, B2B for businesses (the SEPA schemes; the local instrument code in the file). */
    public enum Scheme { CORE, B2B }

    public enum BatchStatus { CREATED, SUBMITTED, COLLECTED }

    public enum InstructionStatus { PENDING, COLLECTED, RETURNED, REJECTED }

    /** A new mandate as a person or an integration records it. */
    public record NewMandate(String reference, Scheme scheme, String debtorName, String debtorIban, String debtorBic,
                             String agreementId, LocalDate signedOn) {
    }

    /** A mandate; the IBAN is shown masked (country, check digits and the last four characters). */
    public record MandateView(long id, String reference, long accountId, String accountRef, Scheme scheme,
                              String debtorName, String debtorIbanMasked, String debtorBic, String agreementId,
                              MandateStatus status, LocalDate signedOn, String createdBy, Instant createdAt,
                              String revokedBy, Instant revokedAt, String revokeReason) {
    }

    /** A pain.008 file and what became of it; control sums per currency as decimal strings. */
    public record BatchView(long id, String messageId, LocalDate collectionDate, int transactions,
                            Map<String, String> controlSums, BatchStatus status, String createdBy, Instant createdAt,
                            String submittedBy, Instant submittedAt, String collectedBy, Instant collectedAt) {
    }

    /** One collection of one bill. */
    public record InstructionView(long id, String endToEndId, long batchId, long mandateId, String mandateRef,
                                  long accountId, String accountRef, long billId, String billRef, long amountMinor,
                                  String currency, String sequence, InstructionStatus status, Long paymentId,
                                  String returnReason, Instant returnedAt) {
    }

    /** A batch with its collections. */
    public record BatchDetail(BatchView batch, List<InstructionView> instructions) {
    }
}
