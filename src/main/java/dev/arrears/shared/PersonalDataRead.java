package dev.arrears.shared;

import java.time.Instant;

/**
 * Someone read a customer's personal data (the account page, the customer API, an export): recorded in the audit
 * trail by customer id, never by name. {@code where} names the page or endpoint.
 */
public record PersonalDataRead(long customerId, String actor, String where, Instant at) {
}
