package dev.arrears.cli;

import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.Portal;
import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.platform.Users;
import dev.arrears.strategy.Strategies;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arrears bench pages --accounts N}: loads a portfolio of N overdue accounts (the cycle benchmark's
 * generator: customers with phones and e-mails, accounts across the shipped strategies, one or two unpaid bills
 * each) through the import path into an embedded database under {@code ./data/bench-pages-N}, posts a partial
 * payment on some accounts, runs a full collection cycle for today (cases, planned actions, the dashboard's daily
 * snapshot), dispatches the due contacts of a sample of accounts (outbox rows, letters, call tasks), then starts
 * the web application in the same process on a free port, signs in as a fresh ADMIN through the login form, and
 * GETs every page {@code --warmup} times and then {@code --repeat} times, timing each response from the client
 * over loopback (request sent to body read). With {@code --keep} the database is kept and reused by the next run
 * with the same N on the same day (its due dates count back from the day it was built). Prints one line per page,
 * {@code page path=… p50_ms=… p95_ms=… max_ms=… status=…}, and last
 * {@code pages count=… slowest=… slowest_p95_ms=… over_300ms=…}.
 */
@Command(name = "pages", mixinStandardHelpOptions = true,
        description = "Times every page of the web application over a generated portfolio of N accounts.")
class BenchPagesCommand implements Callable<Integer> {

    static final double TARGET_MS = 300;
    private static final int BILL_FILE_ACCOUNTS = 200_000;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Option(names = "--accounts", defaultValue = "1000000", description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--repeat", defaultValue = "20", description = "Timed GETs of each page (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed GETs of each page first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--payments", defaultValue = "2000",
            description = "Accounts that get a partial payment before the cycle (default ${DEFAULT-VALUE}).")
    int payments;

    @Option(names = "--dispatch", defaultValue = "2000",
            description = "Accounts whose due contacts are dispatched after the cycle (default ${DEFAULT-VALUE}).")
    int dispatch;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", description = "Keep the database under ./data/bench-pages-N and reuse it on the same day.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (accounts < 10 || repeat < 1 || warmup < 0) {
            System.err.println("--accounts must be at least 10, --repeat at least 1 and --warmup at least 0");
            return 2;
        }
        String dir = "./data/bench-pages-" + accounts;
        Path marker = Path.of(dir + ".built");
        String stamp = seed + " " + LocalDate.now(ZoneOffset.UTC);
        boolean reuse = keep && Files.exists(marker) && Files.readString(marker).strip().equals(stamp);
        if (!reuse) {
            BenchImportCommand.deleteTree(Path.of(dir));
            Files.deleteIfExists(marker);
        }
        try (ConfigurableApplicationContext context = Contexts.startWebForBench(dir, !keep)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            if (reuse) {
                System.out.println("reusing the portfolio of " + accounts + " accounts in " + dir);
            } else {
                long started = System.nanoTime();
                if (!build(context, jdbc)) {
                    return 1;
                }
                System.out.printf(Locale.ROOT, "portfolio ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
                if (keep) {
                    Files.writeString(marker, stamp + "\n");
                }
            }
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
            return measure(context, jdbc, port);
        }
    }

    /** Imports the portfolio, posts some payments, runs the cycle and dispatches a sample; false when it failed. */
    private boolean build(ConfigurableApplicationContext context, JdbcClient jdbc) throws Exception {
        Ledger ledger = context.getBean(Ledger.class);
        LocalDate today = LocalDate.now(context.getBean(Clock.class));
        String prefix = "p" + seed + "-";
        Path tmp = Files.createTempDirectory("arrears-bench-pages-");
        try {
            BenchData data = new BenchData(seed, prefix, accounts);
            Path customers = tmp.resolve("customers.csv");
            Path accountsFile = tmp.resolve("accounts.csv");
            long started = System.nanoTime();
            data.writeCustomers(customers);
            data.writeCycleAccounts(accountsFile);
            List<Path> billFiles = new ArrayList<>();
            long billCount = 0;
            for (int from = 0; from < accounts; from += BILL_FILE_ACCOUNTS) {
                Path bills = tmp.resolve("bills-" + from + ".csv");
                billCount += data.writeOverdueBills(bills, today, from, from + BILL_FILE_ACCOUNTS);
                billFiles.add(bills);
            }
            System.out.printf(Locale.ROOT, "generated %d customers, %d accounts, %d bills in %.1f s%n",
                    data.customers(), accounts, billCount, (System.nanoTime() - started) / 1e9);
            if (BenchImportCommand.importing(ledger, dev.arrears.ledger.importing.ImportKind.CUSTOMERS, customers) == null
                    || BenchImportCommand.importing(ledger, dev.arrears.ledger.importing.ImportKind.ACCOUNTS,
                    accountsFile) == null) {
                return false;
            }
            for (Path bills : billFiles) {
                if (BenchImportCommand.importing(ledger, dev.arrears.ledger.importing.ImportKind.BILLS, bills) == null) {
                    return false;
                }
            }
        } finally {
            BenchImportCommand.deleteTree(tmp);
        }

        long paying = System.nanoTime();
        List<PostPayment> posts = new ArrayList<>();
        Instant received = context.getBean(Clock.class).instant().minusSeconds(86_400);
        int step = Math.max(1, accounts / Math.max(1, payments));
        for (int a = 0, n = 0; a < accounts && n < payments; a += step, n++) {
            posts.add(new PostPayment(prefix + "P" + a, prefix + "A" + a, 1_000 + (a % 50) * 100L,
                    Currency.getInstance(a % 5 == 4 ? "USD" : "CNY"), received, PaymentMethod.BANK_TRANSFER,
                    "bench " + a));
            if (posts.size() == 500) {
                ledger.postPayments(posts);
                posts.clear();
            }
        }
        if (!posts.isEmpty()) {
            ledger.postPayments(posts);
        }
        System.out.printf(Locale.ROOT, "posted %d partial payments in %.1f s%n", Math.min(payments, accounts),
                (System.nanoTime() - paying) / 1e9);

        vacuumAnalyze(context.getBean(DataSource.class));
        context.getBean(Strategies.class).installShipped();
        long cycling = System.nanoTime();
        CycleView run = context.getBean(Cycles.class).run(today, "bench", view -> { });
        System.out.println(CycleCommand.line(run));
        System.out.printf(Locale.ROOT, "cycle in %.1f s%n", (System.nanoTime() - cycling) / 1e9);
        if (!"DONE".equals(run.state())) {
            return false;
        }

        long dispatching = System.nanoTime();
        List<Long> sample = jdbc.sql("select distinct account_id from planned_action order by account_id limit ?")
                .param(dispatch).query(Long.class).list();
        DispatchReport report = context.getBean(Dispatch.class).runOnce(sample);
        System.out.println(DispatchCommand.line(report, (System.nanoTime() - dispatching) / 1e9));
        vacuumAnalyze(context.getBean(DataSource.class));
        return true;
    }

    /** Signs in, times every page and prints the lines; returns the exit code. */
    private int measure(ConfigurableApplicationContext context, JdbcClient jdbc, int port) throws Exception {
        // a delinquent account with history: a payment, a case, planned and dispatched actions
        long accountId = jdbc.sql("""
                        select p.account_id from payment p
                        join collection_case k on k.account_id = p.account_id
                        where exists (select 1 from dispatch_job j where j.account_id = p.account_id)
                        order by p.account_id limit 1""").query(Long.class).optional()
                .or(() -> jdbc.sql("select account_id from collection_case order by id limit 1").query(Long.class)
                        .optional())
                .orElseThrow(() -> new IllegalStateException("no collection case: the cycle planned nothing"));
        Map<String, Object> who = jdbc.sql("""
                        select c.name, a.external_ref, (select value from contact_point p where p.customer_id = c.id
                               and p.kind = 'PHONE' order by p.position limit 1) as phone,
                               (select value from contact_point p where p.customer_id = c.id and p.kind = 'EMAIL'
                               order by p.position limit 1) as email
                        from account a join customer c on c.id = a.customer_id where a.id = ?""")
                .param(accountId).query().singleRow();
        String strategy = jdbc.sql("select strategy from collection_case where account_id = ? order by id desc limit 1")
                .param(accountId).query(String.class).single();
        String token = context.getBean(Portal.class).token(accountId);

        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        context.getBean(Users.class).add(username, List.of("ADMIN"), password, "bench");
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = "http://localhost:" + port;
        if (!login(client, base, username, password)) {
            System.err.println("sign-in failed");
            return 1;
        }

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "/");
        pages.put("/?q=<name>", "/?q=" + enc(String.valueOf(who.get("name"))));
        pages.put("/?q=<external ref>", "/?q=" + enc(String.valueOf(who.get("external_ref"))));
        pages.put("/?q=<phone>", "/?q=" + enc(String.valueOf(who.get("phone"))));
        pages.put("/?q=<e-mail>", "/?q=" + enc(String.valueOf(who.get("email"))));
        pages.put("/?bucket=31-60&product=TELECOM_POSTPAID", "/?bucket=31-60&product=TELECOM_POSTPAID");
        pages.put("/accounts/{id}", "/accounts/" + accountId);
        pages.put("/dashboard", "/dashboard");
        pages.put("/workbench", "/workbench");
        pages.put("/workbench/queues", "/workbench/queues");
        pages.put("/strategies", "/strategies");
        pages.put("/strategies/{name}", "/strategies/" + enc(strategy));
        pages.put("/strategies/{name}/variants", "/strategies/" + enc(strategy) + "/variants");
        pages.put("/outbox", "/outbox");
        pages.put("/letters", "/letters");
        pages.put("/cycles", "/cycles");
        pages.put("/admin/users", "/admin/users");
        pages.put("/portal/{token}", "/portal/" + token);
        System.out.printf(Locale.ROOT, "measuring account=%d strategy=%s name=%s ref=%s phone=%s email=%s "
                        + "warmup=%d repeat=%d (client-side over loopback)%n", accountId, strategy, who.get("name"),
                who.get("external_ref"), who.get("phone"), who.get("email"), warmup, repeat);

        String slowest = null;
        double slowestP95 = -1;
        int over = 0;
        Map<String, double[]> results = new HashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            int status = 0;
            for (int i = 0; i < warmup; i++) {
                status = get(client, base + page.getValue()).statusCode();
            }
            double[] times = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long started = System.nanoTime();
                HttpResponse<byte[]> response = get(client, base + page.getValue());
                times[i] = (System.nanoTime() - started) / 1e6;
                status = response.statusCode();
            }
            Arrays.sort(times);
            double p50 = percentile(times, 50);
            double p95 = percentile(times, 95);
            results.put(page.getKey(), times);
            System.out.printf(Locale.ROOT, "page path=%s p50_ms=%.0f p95_ms=%.0f max_ms=%.0f status=%d%n",
                    page.getKey(), p50, p95, times[times.length - 1], status);
            if (p95 > slowestP95) {
                slowestP95 = p95;
                slowest = page.getKey();
            }
            if (p95 > TARGET_MS) {
                over++;
            }
        }
        System.out.printf(Locale.ROOT, "pages count=%d slowest=%s slowest_p95_ms=%.0f over_300ms=%d%n",
                pages.size(), slowest, slowestP95, over);
        return 0;
    }

    /** Returns the nearest-rank percentile of sorted times. */
    static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static boolean login(HttpClient client, String base, String username, String password)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> form = get(client, base + "/login");
        Matcher token = CSRF.matcher(new String(form.body(), StandardCharsets.UTF_8));
        if (!token.find()) {
            return false;
        }
        String body = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return after.statusCode() == 200 && !after.uri().getPath().equals("/login");
    }

    private static HttpResponse<byte[]> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void vacuumAnalyze(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze");
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
