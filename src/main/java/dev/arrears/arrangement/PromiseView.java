package dev.arrears.arrangement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A promise to pay: {@code amountMinor} of {@code currency} by {@code promisedOn} (a date of the account's zone),
 * with {@code graceDays} after it; taken through {@code channel} by {@code takenBy} (a user, or {@code customer}
 * on the portal). {@code paidMinor} is what had been paid towards it when it was last reviewed; {@code endedOn}
 * and {@code endReason} say when and why it was kept, broken or cancelled.
 */
public record PromiseView(long id, long accountId, long customerId, Long caseId, long amountMinor, String currency,
                          LocalDate promisedOn, int graceDays, PromiseChannel channel, String takenBy,
                          Instant takenAt, LocalDate takenOn, String note, String state, long paidMinor,
                          LocalDate endedOn, Instant endedAt, String endReason) {

    /** How a promise was made. */
    public enum PromiseChannel { CALL, PORTAL, SMS, EMAIL, LETTER, IN_PERSON, OTHER }
}
