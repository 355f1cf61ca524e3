package dev.arrears.cli;

import dev.arrears.cycle.CycleBaseline;
import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.strategy.Strategies;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench cycle --accounts N}: builds (or reuses) a portfolio of N overdue accounts across the
 * shipped strategies in an embedded database under {@code ./data/bench-cycle-N} (reused on the day it was built
 * for: its due dates count back from that day), clears every case and action,
 * runs a full cycle for today, then the raw baseline ({@link CycleBaseline}): the same feature rows read by the
 * same SQL and the same number of action rows written by COPY. Run it with {@code -Xmx1g}
 * ({@code ARREARS_JAVA_OPTS=-Xmx1g}). The last line is
 * {@code cycle accounts=… seconds=… actions=… baseline_seconds=… ratio=… heap_mb=…}.
 */
@Command(name = "cycle", mixinStandardHelpOptions = true,
        description = "Times a full collection cycle over N overdue accounts against a raw SQL baseline.")
class BenchCycleCommand implements Callable<Integer> {

    private static final int BILL_FILE_ACCOUNTS = 200_000;

    @Option(names = "--accounts", defaultValue = "1000000", description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fresh", description = "Build the portfolio again even if one is there.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        String dir = "./data/bench-cycle-" + accounts;
        // the portfolio's due dates are relative to the day it was built: reuse it on that day only
        Path marker = Path.of(dir + ".built");
        String stamp = seed + " " + LocalDate.now(java.time.ZoneOffset.UTC);
        boolean reuse = !fresh && Files.exists(marker) && Files.readString(marker).strip().equals(stamp);
        if (!reuse) {
            // start from an empty directory, but keep it afterwards (a clean embedded start would delete it at exit)
            BenchImportCommand.deleteTree(Path.of(dir));
            Files.deleteIfExists(marker);
        }
        try (ConfigurableApplicationContext context = Contexts.startForBench(dir, false)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Ledger ledger = context.getBean(Ledger.class);
            LocalDate today = LocalDate.now(context.getBean(Clock.class));
            if (reuse) {
                System.out.println("reusing the portfolio of " + accounts + " accounts in " + dir);
            } else {
                if (!build(ledger, today)) {
                    return 1;
                }
                Files.writeString(marker, stamp + "\n");
            }
            context.getBean(Strategies.class).installShipped();
            jdbc.sql("truncate collection_case, case_event, planned_action, cycle_partition, cycle_run restart identity")
                    .update();
            long refresh = System.nanoTime();
            int refreshed = ledger.refreshStates(today);
            System.out.printf(Locale.ROOT, "refreshed %d state rows for %s in %.1f s%n", refreshed, today,
                    (System.nanoTime() - refresh) / 1e9);
            Cycles cycles = context.getBean(Cycles.class);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            CycleCommand.Progress bar = new CycleCommand.Progress(System.console() != null);
            CycleView run = cycles.run(today, "bench", bar::show);
            bar.end();
            long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println(CycleCommand.line(run));
            Environment env = context.getEnvironment();
            int partitionSize = env.getProperty("arrears.cycle.partition-size", Integer.class, 20000);
            int workers = env.getProperty("arrears.cycle.workers", Integer.class, 0);
            double baseline = CycleBaseline.run(context.getBean(DataSource.class), today, partitionSize,
                    workers > 0 ? workers : Runtime.getRuntime().availableProcessors(),
                    context.getBean(Strategies.class).activeBook().preDueDays(), run.actionsPlanned());
            double seconds = run.elapsedSeconds();
            System.out.println(String.format(Locale.ROOT,
                    "cycle accounts=%d seconds=%.2f actions=%d baseline_seconds=%.2f ratio=%.2f heap_mb=%d",
                    run.accountsEvaluated(), seconds, run.actionsPlanned(), baseline, seconds / baseline,
                    Math.round(heapPeak / 1048576.0)));
            return "DONE".equals(run.state()) ? 0 : 1;
        }
    }

    private boolean build(Ledger ledger, LocalDate today) throws Exception {
        Path tmp = Files.createTempDirectory("arrears-bench-cycle-");
        try {
            BenchData data = new BenchData(seed, "c" + seed + "-", accounts);
            Path customers = tmp.resolve("customers.csv");
            Path accountsFile = tmp.resolve("accounts.csv");
            long started = System.nanoTime();
            data.writeCustomers(customers);
            data.writeCycleAccounts(accountsFile);
            // bills in files of 200,000 accounts: an import holds its accounts' histories, and -Xmx1g must do
            List<Path> billFiles = new ArrayList<>();
            long billCount = 0;
            for (int from = 0; from < accounts; from += BILL_FILE_ACCOUNTS) {
                Path bills = tmp.resolve("bills-" + from + ".csv");
                billCount += data.writeOverdueBills(bills, today, from, from + BILL_FILE_ACCOUNTS);
                billFiles.add(bills);
            }
            System.out.printf(Locale.ROOT, "generated %d customers, %d accounts, %d bills in %.1f s%n",
                    data.customers(), accounts, billCount, (System.nanoTime() - started) / 1e9);
            if (!importing(ledger, ImportKind.CUSTOMERS, customers)
                    || !importing(ledger, ImportKind.ACCOUNTS, accountsFile)) {
                return false;
            }
            for (Path bills : billFiles) {
                if (!importing(ledger, ImportKind.BILLS, bills)) {
                    return false;
                }
            }
            return true;
        } finally {
            BenchImportCommand.deleteTree(tmp);
        }
    }

    private static boolean importing(Ledger ledger, ImportKind kind, Path file) throws Exception {
        return BenchImportCommand.importing(ledger, kind, file) != null;
    }
}
