package dev.arrears.privacy;

import java.time.Instant;

/** An administrator exported one customer's personal data; {@code sha256} is the hash of the export as delivered. */
public record PersonalDataExported(long customerId, String actor, String sha256, Instant at) {
}
