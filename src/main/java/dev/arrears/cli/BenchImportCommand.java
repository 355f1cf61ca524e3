package dev.arrears.cli;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import dev.arrears.shared.FieldError;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code arrears bench import --bills N}: generates customers, accounts and bills as CSV, imports customers and
 * accounts (not timed), times the bills import through the real import path, then loads the same bills file with
 * a raw {@code COPY} into one unindexed table as the baseline. Runs on a fresh embedded database under
 * {@code ./data/bench-postgres} unless {@code ARREARS_DB_URL} names a server. The last line printed is
 * {@code import rows=… seconds=… rows_per_second=… baseline_seconds=… ratio=…}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Times the CSV import of bills against a raw COPY of the same file.")
class BenchImportCommand implements Callable<Integer> {

    @Option(names = "--bills", defaultValue = "1000000", description = "Bills to generate (default ${DEFAULT-VALUE}).")
    int bills;

    @Option(names = "--accounts", defaultValue = "200000",
            description = "Accounts the bills spread over (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", description = "Keep the generated CSV files (their directory is printed).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("arrears-bench-");
        try {
            String prefix = "b" + Long.toString(System.currentTimeMillis(), 36) + "-";
            BenchData data = new BenchData(seed, prefix, accounts);
            Path customers = dir.resolve("customers.csv");
            Path accountsFile = dir.resolve("accounts.csv");
            Path billsFile = dir.resolve("bills.csv");
            long generating = System.nanoTime();
            data.writeCustomers(customers);
            data.writeAccounts(accountsFile);
            long rows = data.writeBills(billsFile, bills);
            System.out.printf(Locale.ROOT, "generated %d customers, %d accounts, %d bills in %d rows (%.1f MB) in %s"
                            + " in %.1f s%n", data.customers(), Math.max(2, accounts), bills, rows,
                    Files.size(billsFile) / 1e6, dir, seconds(generating));

            try (ConfigurableApplicationContext context = Contexts.startForBench()) {
                Ledger ledger = context.getBean(Ledger.class);
                if (importing(ledger, ImportKind.CUSTOMERS, customers) == null
                        || importing(ledger, ImportKind.ACCOUNTS, accountsFile) == null) {
                    return 1;
                }
                long started = System.nanoTime();
                ImportResult result = importing(ledger, ImportKind.BILLS, billsFile);
                double importSeconds = seconds(started);
                if (result == null) {
                    return 1;
                }
                double baselineSeconds = baseline(context.getBean(DataSource.class), billsFile);
                System.out.println(String.format(Locale.ROOT,
                        "import rows=%d seconds=%.2f rows_per_second=%d baseline_seconds=%.2f ratio=%.2f",
                        bills, importSeconds, Math.round(bills / importSeconds), baselineSeconds,
                        importSeconds / baselineSeconds));
                return 0;
            }
        } finally {
            if (keep) {
                System.err.println("kept the generated files in " + dir);
            } else {
                deleteTree(dir);
            }
        }
    }

    /** Imports one file through the ledger's CSV path, printing its summary; returns null when it failed. */
    static ImportResult importing(Ledger ledger, ImportKind kind, Path file) throws IOException {
        return importing(ledger, kind, file, System.out);
    }

    /** Imports one file through the ledger's CSV path, printing its summary to {@code out}; null when it failed. */
    static ImportResult importing(Ledger ledger, ImportKind kind, Path file, java.io.PrintStream out)
            throws IOException {
        long started = System.nanoTime();
        ImportResult result;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            result = ledger.importCsv(kind, in, false);
        }
        if (!result.written()) {
            result.errors().stream().limit(20).map(FieldError::fileMessage).forEach(System.err::println);
            System.err.println("the generated " + kind.name().toLowerCase() + " file did not import");
            return null;
        }
        out.println(ImportCommand.summary(kind, result, seconds(started)));
        return result;
    }

    /** Loads the bills file with a raw COPY into a fresh unindexed table; returns the seconds the COPY took. */
    private static double baseline(DataSource dataSource, Path billsFile) throws SQLException, IOException {
        String table = "bench_bill_baseline";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists " + table);
                statement.execute("create table " + table + " (external_ref text, account_ref text, issue_date date,"
                        + " due_date date, currency char(3), total numeric, line_description text,"
                        + " line_category text, line_amount numeric)");
            }
            try {
                long started = System.nanoTime();
                try (Reader reader = Files.newBufferedReader(billsFile, StandardCharsets.UTF_8)) {
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("copy " + table + " from stdin (format csv, header true)", reader, 1 << 16);
                }
                return seconds(started);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop table if exists " + table);
                }
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
