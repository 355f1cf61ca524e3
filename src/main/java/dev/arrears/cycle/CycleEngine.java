package dev.arrears.cycle;

import dev.arrears.cycle.domain.CaseRules;
import dev.arrears.cycle.persistence.AccountReader;
import dev.arrears.cycle.persistence.AccountSnapshot;
import dev.arrears.cycle.persistence.CaseIds;
import dev.arrears.cycle.persistence.CaseWriter;
import dev.arrears.cycle.persistence.RunStore;
import dev.arrears.strategy.domain.Condition;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.StrategyBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works cycle partitions: each worker claims a pending partition (row lock held until commit), streams its
 * accounts once, decides for each with the run's strategy book, and writes the case changes and planned actions
 * with the partition's DONE mark in one transaction. A conflict with a concurrent writer (an event-driven
 * re-evaluation) rolls the partition back and works it again.
 */
final class CycleEngine {

    private static final Logger log = LoggerFactory.getLogger(CycleEngine.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final DataSource dataSource;
    private final RunStore runs;
    private final long pauseMillis;

    /** {@code pauseMillis}: a pause after each partition commit, to watch (or test) a run being killed and resumed. */
    CycleEngine(DataSource dataSource, RunStore runs, long pauseMillis) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.pauseMillis = pauseMillis;
    }

    /** Works the run's pending partitions with {@code workers} threads until none is left to claim. */
    void work(long runId, LocalDate asOf, StrategyBook book, int workers) {
        int lead = book.preDueDays();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cycle-worker-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    while (workPartition(runId, asOf, book, lead)) {
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cycle run " + runId + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cycle run " + runId + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pool.shutdownNow();
        }
        runs.finishIfComplete(runId);
    }

    /** Claims and works one partition; returns false when none is left to claim. */
    private boolean workPartition(long runId, LocalDate asOf, StrategyBook book, int lead) throws SQLException {
        return inTransaction(connection -> {
            RunStore.Claim claim = RunStore.claim(connection, runId);
            if (claim == null) {
                return false;
            }
            CaseWriter writer = new CaseWriter(runId, asOf, new CaseIds(dataSource, 2000));
            long started = System.nanoTime();
            AccountReader.readRange(connection, claim.firstAccount(), claim.lastAccount(), asOf, lead,
                    snapshot -> decide(book, snapshot, writer));
            long read = System.nanoTime();
            CaseWriter.Written written = writer.write(connection);
            RunStore.done(connection, runId, claim, written, NODE + "/" + Thread.currentThread().getName());
            log.debug("partition {} of run {}: read and decided in {} ms, wrote in {} ms", claim.part(), runId,
                    (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
            return true;
        });
    }

    /**
     * Re-evaluates a few accounts now (after a bill or a payment), in one transaction; returns how many were
     * evaluated. What it plans belongs to no run.
     */
    int evaluateAccounts(long[] accountIds, LocalDate asOf, StrategyBook book) throws SQLException {
        return inTransaction(connection -> {
            CaseWriter writer = new CaseWriter(null, asOf, new CaseIds(dataSource, accountIds.length));
            int n = AccountReader.readAccounts(connection, accountIds, asOf, book.preDueDays(), false,
                    snapshot -> decide(book, snapshot, writer));
            writer.write(connection);
            return n;
        });
    }

    /** Work on one connection inside a transaction. */
    private interface Unit<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs a unit in its own transaction and commits it; a conflict with a concurrent writer (a stale case version,
     * a duplicate step) rolls it back and runs it again, up to {@value #MAX_ATTEMPTS} times.
     */
    private <T> T inTransaction(Unit<T> unit) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = unit.run(connection);
                    connection.commit();
                    return result;
                } catch (CaseWriter.Conflict | SQLException e) {
                    connection.rollback();
                    if (attempt >= MAX_ATTEMPTS || !(e instanceof CaseWriter.Conflict || unique(e))) {
                        throw e;
                    }
                    log.info("conflict with a concurrent writer ({}); working the unit again", e.getMessage());
                } catch (RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }
    }

    /** Returns what the strategies decide for one account, without writing anything. */
    AccountSnapshot snapshot(long accountId, LocalDate asOf, int lead) throws SQLException {
        AccountSnapshot[] found = new AccountSnapshot[1];
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                AccountReader.readAccounts(connection, new long[]{accountId}, asOf, lead, true, s -> found[0] = s);
            } finally {
                connection.rollback();
            }
        }
        return found[0];
    }

    private static void decide(StrategyBook book, AccountSnapshot snapshot, CaseWriter writer) {
        Decision decision;
        try {
            decision = book.decide(snapshot.situation());
        } catch (Condition.EvaluationFailed e) {
            // one account's failing condition must not stop the run; the next run tries again
            log.warn("account {}: {}", snapshot.situation().facts().accountId(), e.getMessage());
            return;
        }
        writer.add(CaseRules.apply(snapshot.situation(), decision, snapshot.openCase(), snapshot.customerId()));
    }

    private static boolean unique(Exception e) {
        return e instanceof SQLException s && "23505".equals(s.getSQLState());
    }
}
