package dev.arrears.scoring;

import dev.arrears.scoring.features.FeatureReader;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring benchmark's baselines: the feature read alone (the same SQL over the same ranges and threads, no
 * model, nothing written), and the query plan of one range, to tell the read's share of a scoring run.
 */
public final class ScoringBaseline {

    private ScoringBaseline() {
    }

    /** Reads the features of every owing account as of a date; returns {rows, seconds}. */
    public static double[] readOnly(DataSource dataSource, LocalDate asOf, int rangeSize, int workers)
            throws Exception {
        long started = System.nanoTime();
        long[] span;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select min(id), max(id) from account");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            span = new long[]{rs.getLong(1), rs.getLong(2)};
        }
        AtomicLong next = new AtomicLong(span[0]);
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                work.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        long first;
                        while ((first = next.getAndAdd(rangeSize)) <= span[1]) {
                            rows.addAndGet(FeatureReader.readRange(c, first, Math.min(span[1], first + rangeSize - 1),
                                    asOf, FeatureReader.Scope.OWING, r -> { }));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new double[]{rows.get(), (System.nanoTime() - started) / 1e9};
    }

    /** Returns the executed plan of the feature read for the first range of accounts. */
    public static String plan(DataSource dataSource, LocalDate asOf, int rangeSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return FeatureReader.explain(c, asOf, rangeSize);
        }
    }
}
