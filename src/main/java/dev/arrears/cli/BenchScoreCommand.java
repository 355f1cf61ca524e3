package dev.arrears.cli;

import dev.arrears.scoring.ScoreViews.ScoreRun;
import dev.arrears.scoring.Scoring;
import dev.arrears.scoring.ScoringBaseline;
import dev.arrears.shared.CopyRows;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench score --accounts N}: builds (or reuses, on the day it was built for) a portfolio of N
 * accounts with twelve months of history in an embedded database under {@code ./data/bench-score-N}, written
 * straight into the ledger's tables by COPY (monthly bills, the payments of three kinds of payer, their delinquency
 * episodes, a state row owing this month's bill), then times two scoring runs of every account: the first as of
 * today writes every score and a history row per account, the second, as of tomorrow, is the daily steady state
 * (features a day on; only the scores that changed are written). Scores with the active model when one is stored,
 * else the interim rule. The last line is {@code score accounts=… seconds=… per_second=…}, for the second run.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Times scoring every account (feature read, model, write) over N accounts.")
class BenchScoreCommand implements Callable<Integer> {

    private static final int MONTHS = 12;

    @Option(names = "--accounts", defaultValue = "1000000", description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fresh", description = "Build the portfolio again even if one is there.")
    boolean fresh;

    @Option(names = "--explain", description = "Also print the executed plan of the feature read of one range.")
    boolean explain;

    @Override
    public Integer call() throws Exception {
        if (accounts < 2) {
            System.err.println("--accounts must be at least 2");
            return 2;
        }
        String dir = "./data/bench-score-" + accounts;
        Path marker = Path.of(dir + ".built");
        String stamp = seed + " " + LocalDate.now(java.time.ZoneOffset.UTC);
        boolean reuse = !fresh && Files.exists(marker) && Files.readString(marker).strip().equals(stamp);
        if (!reuse) {
            BenchImportCommand.deleteTree(Path.of(dir));
            Files.deleteIfExists(marker);
        }
        try (ConfigurableApplicationContext context = Contexts.startForBench(dir, false,
                Map.of("arrears.scoring.in-cycle", "false",
                // one line per run: where its time went (read and scoring against writes)
                "logging.level.dev.arrears.scoring.Scoring", "DEBUG"))) {
            LocalDate today = LocalDate.now(context.getBean(Clock.class));
            DataSource dataSource = context.getBean(DataSource.class);
            if (reuse) {
                System.out.println("reusing the portfolio of " + accounts + " accounts in " + dir);
            } else {
                long started = System.nanoTime();
                long rows = build(dataSource, today, accounts, seed, MONTHS);
                System.out.printf(Locale.ROOT, "wrote %d rows for %d accounts in %.1f s%n", rows, accounts,
                        (System.nanoTime() - started) / 1e9);
                Files.writeString(marker, stamp + "\n");
            }
            Scoring scoring = context.getBean(Scoring.class);
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("truncate account_score, account_score_history");
            }
            ScoreRun first = scoring.scoreAll(today);
            System.out.println("first run:  " + ScoreRunCommand.line(first));
            long postmaster = postmaster(dataSource);
            double cpuBefore = cpuSeconds(postmaster);
            double jvmBefore = cpuSeconds(0);
            // the next day's run: every feature moves on by a day; scores that did not change are not written
            ScoreRun second = scoring.scoreAll(today.plusDays(1));
            double cpu = cpuSeconds(postmaster) - cpuBefore;
            double jvmCpu = cpuSeconds(0) - jvmBefore;
            System.out.println("second run: " + ScoreRunCommand.line(second));
            if (postmaster > 0) {
                // on a shared machine the elapsed time depends on the others' load; the CPU time does much less
                System.out.printf(Locale.ROOT, "second run cpu: %.2f s (this JVM %.2f s, the database %.2f s),"
                        + " %.2f s on %d idle cores%n", cpu, jvmCpu, cpu - jvmCpu,
                        cpu / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
            }
            var env = context.getEnvironment();
            int rangeSize = env.getProperty("arrears.scoring.range-size", Integer.class, 20000);
            int workers = env.getProperty("arrears.scoring.workers", Integer.class, 0);
            double readCpu = cpuSeconds(postmaster);
            double[] read = ScoringBaseline.readOnly(dataSource, today, rangeSize,
                    workers > 0 ? workers : Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "feature read alone: %d accounts in %.2f s, cpu %.2f s%n", (long) read[0],
                    read[1], cpuSeconds(postmaster) - readCpu);
            if (explain) {
                System.out.println(ScoringBaseline.plan(dataSource, today, rangeSize));
            }
            System.out.println(String.format(Locale.ROOT, "score accounts=%d seconds=%.2f per_second=%d",
                    second.accounts(), second.seconds(), Math.round(second.accounts() / second.seconds())));
            return second.accounts() == accounts ? 0 : 1;
        }
    }

    /**
     * Writes customers (two accounts each), accounts, {@code months} monthly bills per account (the last issued this
     * month and not yet due), payments and episodes: 70% pay three days before each due date, 20% pay one bill in three
     * 5 to 40 days late, 10% stop paying some months ago. Returns the rows written.
     */
    static long build(DataSource dataSource, LocalDate today, int accounts, long seed, int months)
            throws SQLException {
        Random random = new Random(seed);
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long customerBase = next(c, "customer");
            long accountBase = next(c, "account");
            int customers = (accounts + 1) / 2;
            CopyRows cu = new CopyRows(c, "copy customer (id, external_ref, name, type, locale, time_zone, created_at)"
                    + " from stdin");
            for (int i = 0; i < customers; i++) {
                cu.field(customerBase + i).field("bs" + seed + "-C" + i).field("客户" + i)
                        .field(i % 7 == 0 ? "BUSINESS" : "PERSON").field(i % 3 == 2 ? "en" : "zh-CN")
                        .field(i % 3 == 2 ? "America/New_York" : "Asia/Shanghai").field("2025-01-01 00:00:00+00")
                        .endRow();
            }
            rows += cu.finish();
            String[] lines = {"TELECOM_POSTPAID", "WALLET_CREDIT", "B2B_INVOICE", "BROADBAND"};
            CopyRows ac = new CopyRows(c, "copy account (id, external_ref, customer_id, product_line, currency, status,"
                    + " opened_on, credit_limit_minor, created_at) from stdin");
            for (int a = 0; a < accounts; a++) {
                ac.field(accountBase + a).field("bs" + seed + "-A" + a).field(customerBase + a / 2)
                        .field(lines[a % lines.length]).field("CNY").field("ACTIVE")
                        .field(today.minusMonths(months + 1 + random.nextInt(48)))
                        .field(a % 4 == 1 ? Long.valueOf(100_000L + random.nextInt(400_000)) : null)
                        .field("2025-01-01 00:00:00+00").endRow();
            }
            rows += ac.finish();
            c.commit();
            // one COPY per connection at a time: the four histories stream through connections of their own
            Connection cb = dataSource.getConnection();
            Connection cp = dataSource.getConnection();
            Connection ce = dataSource.getConnection();
            Connection cs = dataSource.getConnection();
            for (Connection x : new Connection[]{cb, cp, ce, cs}) {
                x.setAutoCommit(false);
            }
            CopyRows bills = new CopyRows(cb, "copy bill (external_ref, account_id, issue_date, due_date, currency,"
                    + " total_minor, lines, created_at) from stdin");
            CopyRows payments = new CopyRows(cp, "copy payment (external_ref, account_id, amount_minor, currency,"
                    + " received_at, method, created_at) from stdin");
            CopyRows episodes = new CopyRows(ce, "copy delinquency_episode (account_id, started_on, ended_on,"
                    + " max_days_past_due) from stdin");
            CopyRows states = new CopyRows(cs, "copy account_state (account_id, product_line, currency, time_zone,"
                    + " as_of, balance_minor, overdue_minor, credit_minor, oldest_overdue_due, days_past_due, bucket,"
                    + " episodes, events, updated_at) from stdin");
            LocalDate firstIssue = today.withDayOfMonth(1).minusMonths(months - 1);
            for (int a = 0; a < accounts; a++) {
                long id = accountBase + a;
                int kind = random.nextInt(10);  // 0-6 on time, 7-8 late now and then, 9 stopped paying
                int stopAt = kind == 9 ? 6 + random.nextInt(5) : months;
                long base = 3_000 + random.nextInt(30_000);
                long owed = 0;
                LocalDate oldestUnpaid = null;
                for (int m = 0; m < months; m++) {
                    LocalDate issued = firstIssue.plusMonths(m);
                    LocalDate due = issued.plusDays(19);
                    long total = base + random.nextInt(2_000);
                    bills.field("bs" + seed + "-B" + a + "-" + m).field(id).field(issued).field(due).field("CNY")
                            .field(total).field("[]").field("2025-01-01 00:00:00+00").endRow();
                    rows++;
                    boolean current = m == months - 1;  // this month's bill: not paid yet
                    if (current || m >= stopAt) {
                        owed += total;
                        if (oldestUnpaid == null) {
                            oldestUnpaid = due;
                        }
                        continue;
                    }
                    int late = kind >= 7 && m % 3 == a % 3 ? 5 + random.nextInt(36) : 0;
                    LocalDate paid = late == 0 ? due.minusDays(3) : due.plusDays(late);
                    if (paid.isAfter(today)) {
                        owed += total;
                        continue;
                    }
                    payments.field("bs" + seed + "-P" + a + "-" + m).field(id).field(total).field("CNY")
                            .field(paid + " 02:00:00+00").field("BANK_TRANSFER").field("2025-01-01 00:00:00+00")
                            .endRow();
                    rows++;
                    if (late > 0) {
                        episodes.field(id).field(due.plusDays(1)).field(paid).field(late).endRow();
                        rows++;
                    }
                }
                LocalDate overdueSince = oldestUnpaid != null && oldestUnpaid.isBefore(today) ? oldestUnpaid : null;
                if (overdueSince != null) {
                    episodes.field(id).field(overdueSince.plusDays(1)).nullField()
                            .field(overdueSince.until(today).getDays()).endRow();
                    rows++;
                }
                long dpd = overdueSince == null ? 0 : java.time.temporal.ChronoUnit.DAYS.between(overdueSince, today);
                states.field(id).field(lines[a % lines.length]).field("CNY").field("Asia/Shanghai").field(today)
                        .field(owed).field(overdueSince == null ? 0 : owed).field(0L).field(overdueSince).field(dpd)
                        .field(dpd == 0 ? "CURRENT" : "1-30").field(overdueSince == null ? 0 : 1).field(months)
                        .field("2025-01-01 00:00:00+00").endRow();
                rows++;
            }
            bills.finish();
            payments.finish();
            episodes.finish();
            states.finish();
            for (Connection x : new Connection[]{cb, cp, ce, cs}) {
                x.commit();
                x.close();
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("select setval(pg_get_serial_sequence('customer', 'id'), (select max(id) from customer))");
                st.execute("select setval(pg_get_serial_sequence('account', 'id'), (select max(id) from account))");
                st.execute("vacuum analyze customer, account, bill, payment, delinquency_episode, account_state");
            }
        }
        return rows;
    }

    /** Returns the process id of the database's postmaster when it runs on this machine (Linux), else 0. */
    private static long postmaster(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(0L);
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Returns the CPU seconds used so far by this JVM and by the database's processes (the postmaster's children,
     * read from /proc, clock ticks of 1/100 s); only the JVM's when the database is elsewhere.
     */
    private static double cpuSeconds(long postmaster) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        if (postmaster <= 0) {
            return jvm;
        }
        double ticks = 0;
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList())
                .orElse(java.util.List.of())) {
            try {
                String stat = Files.readString(Path.of("/proc/" + child.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields 14 and 15 of stat (utime, stime), counted from the state field at index 0 here
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                // the process ended: its time is gone either way
            }
        }
        return jvm + ticks / 100.0;
    }

    private static long next(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select coalesce(max(id), 0) + 1 from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
