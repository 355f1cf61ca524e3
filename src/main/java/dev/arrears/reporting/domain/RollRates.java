package dev.arrears.reporting.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Roll rates of one month: for each starting bucket, how many accounts were in it at the start and where they were a
 * month later. {@code forward} is the share that moved to a worse bucket, {@code cured} the share that came back to
 * CURRENT, {@code next} the share that moved exactly one bucket on (the classic roll rate, e.g. 1-30 → 31-60).
 */
public record RollRates(String month, List<Row> rows) {

    /** The bucket labels, 0 … 5, as the ledger names its buckets. */
    public static final List<String> BUCKETS = List.of("CURRENT", "1-30", "31-60", "61-90", "91-180", "181+");

    /** One starting bucket: the accounts in it and the shares that went to each bucket. */
    public record Row(String from, long accounts, List<Rate> to, Rate next, Rate forward, Rate cured) {
    }

    /** Builds the month's rates from a matrix of counts {@code moves[from][to]}. */
    public static RollRates of(String month, long[][] moves) {
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < BUCKETS.size(); f++) {
            long total = 0;
            for (long n : moves[f]) {
                total += n;
            }
            List<Rate> to = new ArrayList<>();
            long forward = 0;
            for (int t = 0; t < BUCKETS.size(); t++) {
                to.add(new Rate(moves[f][t], total));
                if (t > f) {
                    forward += moves[f][t];
                }
            }
            long next = f + 1 < BUCKETS.size() ? moves[f][f + 1] : 0;
            rows.add(new Row(BUCKETS.get(f), total, to, new Rate(next, total), new Rate(forward, total),
                    new Rate(f == 0 ? 0 : moves[f][0], f == 0 ? 0 : total)));
        }
        return new RollRates(month, rows);
    }
}
