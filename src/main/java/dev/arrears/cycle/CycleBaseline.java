package dev.arrears.cycle;

import dev.arrears.cycle.persistence.AccountReader;
import dev.arrears.cycle.persistence.CaseWriter;
import dev.arrears.shared.CopyRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cycle benchmark's raw baseline: the same partitions read with the same SQL by the same number of workers,
 * no decisions, and the same number of action rows of the same width written with COPY into a copy of
 * {@code planned_action} (same columns and indexes). What the cycle costs beyond the database's own work is the
 * ratio of the two times.
 */
public final class CycleBaseline {

    private static final String TABLE = "bench_action_baseline";

    private CycleBaseline() {
    }

    /** Runs the baseline for a date and returns its seconds; {@code actions} rows are written in all. */
    public static double run(DataSource dataSource, LocalDate asOf, int partitionSize, int workers, int preDueDays,
                             long actions) throws Exception {
        Object[] sample;
        long first;
        long last;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop table if exists " + TABLE);
            st.execute("create table " + TABLE + " (like planned_action including all)");
            try (ResultSet rs = st.executeQuery("""
                    select case_id, account_id, run_id, planned_on, scheduled_on, step, action, channel, template,
                           queue, manager, level, agency, fallback, strategy_version_id, segment, variant, facts,
                           skipped, notice_first, state, created_at, updated_at
                    from planned_action order by id desc limit 1""")) {
                sample = rs.next() ? sampleRow(rs) : null;
            }
            try (ResultSet rs = st.executeQuery("select coalesce(min(id), 1), coalesce(max(id), 0) from account")) {
                rs.next();
                first = rs.getLong(1);
                last = rs.getLong(2);
            }
        }
        if (sample == null) {
            throw new IllegalStateException("the cycle planned nothing: no action row to copy the width of");
        }
        int partitions = (int) Math.max(1, (last - first + partitionSize) / partitionSize);
        AtomicInteger next = new AtomicInteger();
        AtomicLong toWrite = new AtomicLong(actions);
        Object[] row = sample;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int p; (p = next.getAndIncrement()) < partitions; ) {
                        long lo = first + (long) p * partitionSize;
                        long hi = p == partitions - 1 ? Long.MAX_VALUE : lo + partitionSize - 1;
                        try (Connection c = dataSource.getConnection()) {
                            c.setAutoCommit(false);
                            int read = AccountReader.readRangeRaw(c, lo, hi, asOf, preDueDays);
                            copy(c, row, lo, take(toWrite, read));
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            // the cycle may plan more than one action for an account: write the rest in one more COPY
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                copy(c, row, last + 1, take(toWrite, Long.MAX_VALUE));
                c.commit();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop table if exists " + TABLE);
        }
        return seconds;
    }

    /** Takes up to {@code wanted} rows from what is left to write. */
    private static long take(AtomicLong left, long wanted) {
        while (true) {
            long now = left.get();
            long n = Math.min(now, wanted);
            if (left.compareAndSet(now, now - n)) {
                return n;
            }
        }
    }

    private static void copy(Connection c, Object[] row, long firstCase, long n) throws Exception {
        if (n <= 0) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (long i = 0; i < n; i++) {
            rows.field(firstCase + i);
            for (Object v : row) {
                switch (v) {
                    case null -> rows.nullField();
                    case Boolean b -> rows.field(b);
                    case Number x -> rows.field(x.longValue());
                    default -> rows.field(v.toString());
                }
            }
            rows.endRow();
        }
        rows.copyTo(c, CaseWriter.COPY_ACTIONS.formatted(TABLE));
    }

    /** Returns the columns of a planned action after its case id (which varies per row). */
    private static Object[] sampleRow(ResultSet rs) throws SQLException {
        Object[] values = new Object[22];
        for (int c = 2; c <= 23; c++) {
            values[c - 2] = rs.getObject(c);
        }
        return values;
    }
}
