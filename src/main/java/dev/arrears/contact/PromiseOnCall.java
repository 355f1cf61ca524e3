package dev.arrears.contact;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published inside the transaction that records a call whose conversation ended with a promise to pay: the
 * arrangement module takes the promise in the same transaction (so a promise it refuses undoes the outcome).
 * {@code amount} is a decimal string in the account's currency, or null for what is overdue.
 */
public record PromiseOnCall(long accountId, long callTaskId, String collector, String amount, LocalDate promisedOn,
                            Instant at) {
}
