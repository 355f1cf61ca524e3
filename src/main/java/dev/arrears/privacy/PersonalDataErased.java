package dev.arrears.privacy;

import java.time.Instant;

/** An administrator erased one customer's personal data; ids, amounts and dates stay as the law requires. */
public record PersonalDataErased(long customerId, String actor, String reason, Instant at) {
}
