package dev.arrears.ledger.domain;

import java.util.Arrays;

/** Aging buckets by days past due; {@link #label()} is the form used in JSON, CSV and the CLI. */
public enum AgingBucket {
    CURRENT("CURRENT", 0, 0),
    D1_30("1-30", 1, 30),
    D31_60("31-60", 31, 60),
    D61_90("61-90", 61, 90),
    D91_180("91-180", 91, 180),
    D181_PLUS("181+", 181, Integer.MAX_VALUE);

    private final String label;
    private final int fromDays;
    private final int toDays;

    AgingBucket(String label, int fromDays, int toDays) {
        this.label = label;
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    public String label() {
        return label;
    }

    public int fromDays() {
        return fromDays;
    }

    public int toDays() {
        return toDays;
    }

    /** Returns the bucket of an account that is the given number of days past due (0 or more). */
    public static AgingBucket of(long daysPastDue) {
        if (daysPastDue < 0) {
            throw new IllegalArgumentException("days past due cannot be negative: " + daysPastDue);
        }
        for (AgingBucket bucket : values()) {
            if (daysPastDue <= bucket.toDays) {
                return bucket;
            }
        }
        return D181_PLUS;
    }

    /** Parses a label ("1-30") or a constant name ("D1_30"). */
    public static AgingBucket parse(String text) {
        return Arrays.stream(values())
                .filter(b -> b.label.equalsIgnoreCase(text) || b.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown aging bucket '" + text
                        + "': use one of CURRENT, 1-30, 31-60, 61-90, 91-180, 181+"));
    }
}
