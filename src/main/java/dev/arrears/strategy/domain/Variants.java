package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.StrategyDefinition.Variant;

import java.util.List;

/**
 * Champion/challenger assignment: a deterministic hash of the account id and the strategy name picks a
 * percentile, and the variants' shares (whole percentages summing to 100) divide the percentiles. The same
 * account always lands in the same arm of a strategy, across cases and restarts.
 */
public final class Variants {

    /** Name of the single arm of a segment that defines no variants. */
    public static final String CHAMPION = "champion";

    private Variants() {
    }

    /** Returns the account's percentile 0–99 for a strategy. */
    public static int percentile(long accountId, String strategy) {
        long h = accountId * 0x9E3779B97F4A7C15L ^ ((long) strategy.hashCode() << 32 | (strategy.length() & 0xFFFFFFFFL));
        // SplitMix64 finaliser: every input bit affects every output bit
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        return (int) Long.remainderUnsigned(h, 100);
    }

    /** Returns the variant of an account, or null when the segment defines none. */
    public static Variant assign(long accountId, String strategy, List<Variant> variants) {
        if (variants.isEmpty()) {
            return null;
        }
        int p = percentile(accountId, strategy);
        int upTo = 0;
        for (Variant v : variants) {
            upTo += v.share();
            if (p < upTo) {
                return v;
            }
        }
        return variants.getLast();
    }
}
