package dev.arrears.contact.dispatch.domain;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. Taking more than there
 * are goes into debt and returns how long the caller must wait before using them, so that a steady taker is held
 * to the rate. Not thread-safe; the caller passes monotonic nanosecond ticks.
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and a burst of at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes {@code n} tokens at {@code nowNanos}; returns the nanoseconds to wait before using them (0: at once). */
    public long take(int n, long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerSecond / 1e9);
            last = nowNanos;
        }
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerSecond * 1e9);
    }

    /** Returns the most tokens the bucket saves up: the largest batch that needs no wait after a pause. */
    public int burst() {
        return (int) burst;
    }
}
