package dev.arrears.arrangement;

import java.time.Instant;

/**
 * Published inside the transaction that requested, approved or rejected a settlement or waiver; the audit trail
 * records it ({@code decision} REQUESTED, APPROVED or REJECTED; {@code actor} the maker or the checker).
 */
public record ApprovalDecided(long approvalId, String kind, long subjectId, long accountId, String decision,
                              long amountMinor, String currency, String requiredRole, String actor, Instant at) {
}
