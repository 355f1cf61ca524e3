package dev.arrears.contact.dispatch;

import dev.arrears.contact.dispatch.domain.TokenBucket;
import dev.arrears.shared.Channel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Per-channel rate limits of this node: a token bucket per limited channel (burst = one second's worth), shared by
 * the node's workers. A worker takes tokens for the messages it is about to hand over and waits if they are not
 * there yet; batches are cut to the burst, so a wait stays under about a second. Several nodes each get the rate.
 */
final class RateLimits {

    private final Map<Channel, TokenBucket> buckets = new EnumMap<>(Channel.class);
    private final LongSupplier nanos;

    RateLimits(Map<Channel, Double> rates, LongSupplier nanos) {
        this.nanos = nanos;
        long now = nanos.getAsLong();
        rates.forEach((channel, rate) -> buckets.put(channel, new TokenBucket(rate, Math.max(1, rate), now)));
    }

    /** Returns the largest batch the channel allows at once ({@code wanted} when unlimited). */
    int batch(Channel channel, int wanted) {
        TokenBucket bucket = buckets.get(channel);
        return bucket == null ? wanted : Math.max(1, Math.min(wanted, bucket.burst()));
    }

    /** Takes {@code n} tokens of the channel, waiting until they are there; returns the nanoseconds waited. */
    long acquire(Channel channel, int n) {
        TokenBucket bucket = buckets.get(channel);
        if (bucket == null || n <= 0) {
            return 0;
        }
        long wait;
        synchronized (bucket) {
            wait = bucket.take(n, nanos.getAsLong());
        }
        if (wait > 0) {
            long until = System.nanoTime() + wait;
            for (long left = wait; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return TimeUnit.NANOSECONDS.toNanos(wait);
    }
}
