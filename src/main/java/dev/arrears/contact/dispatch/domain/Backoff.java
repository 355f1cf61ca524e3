package dev.arrears.contact.dispatch.domain;

import java.time.Duration;

/**
 * Exponential backoff with jitter for transient failures: retry {@code n} (1 = the first retry) waits
 * {@code min(cap, base × 2^(n-1))}, less up to {@code jitter} of it drawn at random, so that messages that failed
 * together do not all come back together. After {@code maxAttempts} hand-overs a message has failed for good.
 *
 * @param jitter share of the wait that is random, 0 … 1 (0.5: between half and all of it)
 */
public record Backoff(Duration base, Duration cap, double jitter, int maxAttempts) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a share from 0 to 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** Returns the wait before retry {@code retry} (1-based) for a uniform random draw {@code u} in [0, 1). */
    public Duration delay(int retry, double u) {
        long capMillis = cap.toMillis();
        long millis = base.toMillis();
        // doubling stops at the cap, so the shift never overflows
        for (int i = 1; i < retry && millis < capMillis; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, capMillis);
        return Duration.ofMillis(millis - (long) Math.floor(millis * jitter * u));
    }

    /** Returns true when a message that has had {@code attempts} hand-overs may not have another. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
