package dev.arrears.arrangement;

import java.time.Instant;

/**
 * Published inside the transaction that took, kept, broke or cancelled a promise to pay; the audit trail records
 * it. {@code state} is the promise's new state (ACTIVE when it was taken).
 */
public record PromiseChanged(long promiseId, long accountId, String state, long amountMinor, String currency,
                             String actor, String reason, Instant at) {
}
