package dev.arrears.contact.dispatch;

import dev.arrears.contact.dispatch.domain.Backoff;
import dev.arrears.shared.Channel;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How dispatch runs, from {@code arrears.contact.dispatch.*} and {@code arrears.contact.<channel>.rate}.
 *
 * @param batchSize      jobs claimed at once per channel
 * @param lease          how long a claim holds before another worker may take the job over
 * @param maxClaims      claims after which a job that never finished (its worker died each time) fails
 * @param historyDays    days of contact history given to the guard (its longest rule counts 7 local days)
 * @param maxAgeDays     due actions planned longer ago than this are not sent late
 * @param workers        worker threads of the dispatch loop
 * @param idle           pause of a worker that found nothing to do
 * @param enqueueEvery   how often the loop turns due planned actions into jobs
 * @param rates          messages per second per channel; absent means unlimited
 * @param jitterSeed     seed of the retry jitter (tests); null for a random seed
 */
public record DispatchSettings(int batchSize, Duration lease, Backoff backoff, int maxClaims, int historyDays,
                               int maxAgeDays, int workers, Duration idle, Duration enqueueEvery,
                               Map<Channel, Double> rates, Long jitterSeed) {

    public DispatchSettings {
        rates = Map.copyOf(rates);
    }

    /** Reads the settings from the environment, with defaults. */
    public static DispatchSettings from(Environment env) {
        Map<Channel, Double> rates = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            double rate = env.getProperty("arrears.contact." + c.name().toLowerCase(Locale.ROOT) + ".rate",
                    Double.class, 0.0);
            if (rate > 0) {
                rates.put(c, rate);
            }
        }
        String seed = env.getProperty("arrears.contact.dispatch.jitter-seed", "");
        return new DispatchSettings(
                env.getProperty("arrears.contact.dispatch.batch-size", Integer.class, 500),
                env.getProperty("arrears.contact.dispatch.lease", Duration.class, Duration.ofSeconds(60)),
                new Backoff(env.getProperty("arrears.contact.dispatch.backoff-base", Duration.class,
                        Duration.ofSeconds(30)),
                        env.getProperty("arrears.contact.dispatch.backoff-cap", Duration.class, Duration.ofHours(1)),
                        env.getProperty("arrears.contact.dispatch.backoff-jitter", Double.class, 0.5),
                        env.getProperty("arrears.contact.dispatch.max-attempts", Integer.class, 6)),
                env.getProperty("arrears.contact.dispatch.max-claims", Integer.class, 5),
                env.getProperty("arrears.contact.dispatch.history-days", Integer.class, 14),
                env.getProperty("arrears.contact.dispatch.max-age-days", Integer.class, 2),
                env.getProperty("arrears.contact.dispatch.workers", Integer.class, 2),
                env.getProperty("arrears.contact.dispatch.idle", Duration.class, Duration.ofSeconds(1)),
                env.getProperty("arrears.contact.dispatch.enqueue-every", Duration.class, Duration.ofSeconds(5)),
                rates, seed.isBlank() ? null : Long.valueOf(seed.strip()));
    }

    /** Returns these settings with another batch size. */
    public DispatchSettings withBatchSize(int size) {
        return new DispatchSettings(size, lease, backoff, maxClaims, historyDays, maxAgeDays, workers, idle,
                enqueueEvery, rates, jitterSeed);
    }

    /** Returns these settings with other per-channel rates. */
    public DispatchSettings withRates(Map<Channel, Double> rates) {
        return new DispatchSettings(batchSize, lease, backoff, maxClaims, historyDays, maxAgeDays, workers, idle,
                enqueueEvery, rates, jitterSeed);
    }

    /** Returns these settings with another backoff and jitter seed. */
    public DispatchSettings withBackoff(Backoff backoff, Long jitterSeed) {
        return new DispatchSettings(batchSize, lease, backoff, maxClaims, historyDays, maxAgeDays, workers, idle,
                enqueueEvery, rates, jitterSeed);
    }
}
