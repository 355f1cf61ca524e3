package dev.arrears.cli;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.importing.ImportKind;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench aging --accounts N}: generates customers, N accounts and N × bills-per-account bills as CSV,
 * imports them through the real import path, runs {@code VACUUM ANALYZE} on the current-state table, warms up with
 * one aging for today, then times {@code --runs} agings for today (the path behind
 * {@code GET /api/v1/portfolio/aging}) and, with {@code --with-past}, one recomputed aging for a past date. Runs on a
 * fresh embedded database under {@code ./data/bench-postgres} unless {@code ARREARS_DB_URL} names a server. The last
 * line printed is {@code aging accounts=… median_ms=… max_ms=… target_ms=1000}.
 */
@Command(name = "aging", mixinStandardHelpOptions = true,
        description = "Times the portfolio aging for today over a generated portfolio.")
class BenchAgingCommand implements Callable<Integer> {

    static final long TARGET_MS = 1000;

    @Option(names = "--accounts", defaultValue = "1000000", description = "Accounts to generate (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--bills-per-account", defaultValue = "3",
            description = "Bills per account on average, spread at random (default ${DEFAULT-VALUE}).")
    int billsPerAccount;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "5", description = "Timed agings for today (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--with-past",
            description = "Also time one aging for a date 90 days ago, recomputed from history (slow for many accounts).")
    boolean withPast;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = Contexts.startForBench()) {
            return bench(context.getBean(Ledger.class), context.getBean(DataSource.class), System.out);
        }
    }

    /** Generates and imports the portfolio, then times the agings and prints the results; returns the exit code. */
    int bench(Ledger ledger, DataSource dataSource, PrintStream out) throws IOException, SQLException {
        if (accounts < 2 || billsPerAccount < 0 || runs < 1) {
            System.err.println("--accounts must be at least 2, --bills-per-account at least 0 and --runs at least 1");
            return 2;
        }
        Path dir = Files.createTempDirectory("arrears-bench-aging-");
        try {
            String prefix = "g" + Long.toString(System.currentTimeMillis(), 36) + "-";
            BenchData data = new BenchData(seed, prefix, accounts);
            int bills = Math.toIntExact((long) accounts * billsPerAccount);
            Path customers = dir.resolve("customers.csv");
            Path accountsFile = dir.resolve("accounts.csv");
            Path billsFile = dir.resolve("bills.csv");
            long generating = System.nanoTime();
            data.writeCustomers(customers);
            data.writeAccounts(accountsFile);
            long rows = data.writeBills(billsFile, bills);
            out.printf(Locale.ROOT, "generated %d customers, %d accounts, %d bills in %d rows in %.1f s%n",
                    data.customers(), accounts, bills, rows, seconds(generating));
            if (!importing(ledger, ImportKind.CUSTOMERS, customers, out)
                    || !importing(ledger, ImportKind.ACCOUNTS, accountsFile, out)
                    || !importing(ledger, ImportKind.BILLS, billsFile, out)) {
                return 1;
            }
        } finally {
            BenchImportCommand.deleteTree(dir);
        }

        long vacuuming = System.nanoTime();
        vacuumAnalyze(dataSource);
        out.printf(Locale.ROOT, "vacuum analyze account_state in %.1f s%n", seconds(vacuuming));

        long warming = System.nanoTime();
        AgingReport report = ledger.aging(null);
        out.printf(Locale.ROOT, "warm-up aging today ms=%.1f%n", millis(warming));
        AgingCommand.lines(report).forEach(out::println);

        double[] times = new double[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            ledger.aging(null);
            times[run] = millis(started);
            out.printf(Locale.ROOT, "run %d aging today ms=%.1f%n", run + 1, times[run]);
        }

        if (withPast) {
            LocalDate past = LocalDate.now(ledger.clock().withZone(ZoneOffset.UTC)).minusDays(90);
            long started = System.nanoTime();
            AgingReport pastReport = ledger.aging(past);
            out.printf(Locale.ROOT, "aging as_of=%s (recomputed) ms=%.1f accounts=%d%n", past, millis(started),
                    pastReport.rows().stream().mapToLong(AgingRow::accounts).sum());
        }

        out.println(summary(accounts, times));
        return 0;
    }

    /** Returns the last line: the accounts generated, the median and the maximum of the timed runs, the target. */
    static String summary(int accounts, double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return "aging accounts=" + accounts + " median_ms=" + Math.round(median)
                + " max_ms=" + Math.round(sorted[sorted.length - 1]) + " target_ms=" + TARGET_MS;
    }

    private static boolean importing(Ledger ledger, ImportKind kind, Path file, PrintStream out) throws IOException {
        return BenchImportCommand.importing(ledger, kind, file, out) != null;
    }

    /** Runs VACUUM ANALYZE on the current-state table, outside a transaction as VACUUM requires. */
    private static void vacuumAnalyze(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze account_state");
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
