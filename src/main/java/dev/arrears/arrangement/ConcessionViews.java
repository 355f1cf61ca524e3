package dev.arrears.arrangement;

import java.time.Instant;
import java.time.LocalDate;

/** Settlements, waivers and their approvals as the façade returns them; amounts in minor units. */
public final class ConcessionViews {

    private ConcessionViews() {
    }

    /**
     * A settlement: pay {@code amountMinor} by {@code validUntil} to settle {@code balanceMinor};
     * {@code discountMinor} is given away. States: PENDING_APPROVAL, OFFERED, REJECTED, PAID, EXPIRED, WITHDRAWN.
     */
    public record SettlementView(long id, long accountId, long customerId, String currency, long balanceMinor,
                                 long amountMinor, long discountMinor, LocalDate validUntil, String reason,
                                 String state, String madeBy, Instant madeAt, Instant offeredAt, long paidMinor,
                                 Long writtenOffMinor, LocalDate endedOn, String endReason, Long approvalId) {
    }

    /** A waiver of {@code amountMinor} (of a bill, or of the account). States: PENDING_APPROVAL, APPLIED, REJECTED. */
    public record WaiverView(long id, long accountId, long customerId, String billRef, String currency,
                             long amountMinor, String reason, String state, String madeBy, Instant madeAt,
                             Long adjustmentId, Long approvalId) {
    }

    /**
     * A request for approval: what is given away ({@code amountMinor}), the lowest role that may approve it, who
     * asked and who decided. States: PENDING, APPROVED, REJECTED.
     */
    public record ApprovalView(long id, String kind, long subjectId, long accountId, long amountMinor,
                               String currency, String requiredRole, String state, String maker, Instant madeAt,
                               String checker, Instant decidedAt, String note) {
    }
}
