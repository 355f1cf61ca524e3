package dev.arrears.selfservice;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's complaint: made on the portal, by a collector or through the API ({@code source} PORTAL, COLLECTOR,
 * API), in a category, in the customer's words; {@code createdOn} is the account's local date; status OPEN or
 * RESOLVED.
 */
public record ComplaintView(long id, long accountId, long customerId, String source, String category, String text,
                            String createdBy, Instant createdAt, LocalDate createdOn, String status) {
}
