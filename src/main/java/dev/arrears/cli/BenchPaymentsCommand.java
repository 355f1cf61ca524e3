package dev.arrears.cli;

import dev.arrears.platform.EmbeddedPostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code arrears bench payments --rate 1000 --seconds 60 [--url URL]}: offers single payments
 * ({@code POST /api/v1/payments}, one JSON object, authenticated with an API token) over HTTP at a fixed arrival
 * rate — open loop: each request is sent at its scheduled instant whether or not earlier ones have answered, and its
 * latency runs from that instant, so a stalled server shows as latency rather than as a slower offer. At most
 * {@code --connections} (64) requests are in flight, on kept-alive connections, as through a payment gateway's
 * connection pool; a request waiting for one is late by that wait. Without
 * {@code --url} it starts the server in a child process on a fresh embedded database
 * ({@code data/bench-payments-postgres}) and a free port. It creates an API token and {@code --accounts} customers
 * with an overdue bill each through the API as an administrator ({@code --user}/{@code --password}, the demo user by
 * default), warms up for {@code --warmup} seconds at the same rate, then measures and prints exactly one line on
 * stdout: {@code payments posted=<n> seconds=<s> per_second=<r> p50_ms=<a> p99_ms=<b> errors=<e>}, where errors
 * count non-201 answers, failed connections and requests still unanswered 10 seconds after the last send. Progress
 * and the machine's load average go to stderr.
 */
@Command(name = "payments", mixinStandardHelpOptions = true,
        description = "Offers single payments over HTTP at a fixed rate (open loop) and reports latency.")
class BenchPaymentsCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", description = "Payments offered a second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "60",
            description = "Seconds offered at the same rate before measuring (default ${DEFAULT-VALUE}): on two cores "
                    + "shared with the client and PostgreSQL the server's JIT needs about a minute at this load "
                    + "before a write takes its steady 7 ms instead of 30.")
    int warmup;

    @Option(names = "--url", description = "A running server (default: start one in a child process).")
    String url;

    @Option(names = "--accounts", defaultValue = "2000", description = "Accounts paid into (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--connections", defaultValue = "64",
            description = "Requests in flight at most, each on a kept-alive connection, as a payment gateway's pool "
                    + "would have; the others wait their turn in the client, and that wait counts in their latency "
                    + "(default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--user", defaultValue = "demo", description = "Administrator for the setup (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "${env:ARREARS_PASSWORD:-arrears-demo}",
            description = "Its password (default: $ARREARS_PASSWORD, else the demo user's).")
    String password;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Earlier payments per account made by the setup. */
    private static final int HISTORY = 10;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000) {
            System.err.println("--rate: must be from 1 to 100000");
            return 2;
        }
        if (seconds < 1 || warmup < 0 || accounts < 1 || connections < 1) {
            System.err.println("--seconds, --warmup, --accounts, --connections: must be positive");
            return 2;
        }
        Process child = null;
        String base = url;
        try {
            if (base == null) {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                child = startServer(port);
                base = "http://localhost:" + port;
            }
            base = base.replaceAll("/+$", "");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            waitUntilUp(http, base, child);
            String run = Long.toString(System.currentTimeMillis(), 36);
            String token = setUp(http, base, run);
            if (child != null) {
                analyze();
            }
            String accountPrefix = "BA-" + run + "-";
            log("load before: " + load());
            if (warmup > 0) {
                log("warming up " + warmup + " s at " + rate + "/s");
                offer(http, base, token, accountPrefix, run + "w", warmup);
            }
            log("measuring " + seconds + " s at " + rate + "/s");
            Result r = offer(http, base, token, accountPrefix, run + "m", seconds);
            log("load after: " + load());
            System.out.println(String.format(Locale.ROOT,
                    "payments posted=%d seconds=%.1f per_second=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d",
                    r.posted, r.seconds, r.posted / r.seconds, r.p50, r.p99, r.errors));
            return 0;
        } finally {
            if (child != null) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private record Result(int posted, double seconds, double p50, double p99, int errors) {
    }

    /** Offers {@code rate × duration} payments on schedule and waits for the answers (at most 10 s after the last). */
    private Result offer(HttpClient http, String base, String token, String accountPrefix, String run,
                         int duration)
            throws InterruptedException {
        int total = rate * duration;
        long interval = 1_000_000_000L / rate;
        long[] latency = new long[total];
        Arrays.fill(latency, -1);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        URI uri = URI.create(base + "/api/v1/payments");
        String receivedAt = Instant.now().toString();
        Semaphore inFlight = new Semaphore(connections, true);
        // plain http: a pool of light kept-alive connections; https: the JDK's client, bounded by the semaphore
        ArrayBlockingQueue<BenchHttpConnection> connectionPool =
                "http".equals(uri.getScheme()) ? lightPool(uri) : null;
        String authorization = "Authorization: Bearer " + token + "\r\n";
        CountDownLatch answered = new CountDownLatch(total);
        long start = System.nanoTime() + 50_000_000L;
        long lastSent;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String body = "{\"externalRef\":\"bench-" + run + "-" + i + "\",\"accountRef\":\"" + accountPrefix
                        + (i % accounts) + "\",\"amount\":\"1.00\",\"currency\":\"CNY\",\"receivedAt\":\""
                        + receivedAt + "\",\"method\":\"CARD\"}";
                int n = i;
                // the request's clock runs from its scheduled instant, also while it waits for a connection
                senders.execute(() -> {
                    try {
                        int status;
                        String answer;
                        if (connectionPool != null) {
                            BenchHttpConnection connection = connectionPool.take();
                            try {
                                BenchHttpConnection.Reply reply = connection.post(uri.getRawPath(), authorization,
                                        body.getBytes(StandardCharsets.UTF_8));
                                status = reply.status();
                                answer = reply.body();
                            } finally {
                                connectionPool.put(connection);
                            }
                        } else {
                            inFlight.acquire();
                            try {
                                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                status = response.statusCode();
                                answer = response.body();
                            } finally {
                                inFlight.release();
                            }
                        }
                        long now = System.nanoTime();
                        if (status != 201) {
                            if (errors.getAndIncrement() == 0) {
                                log("first error: " + status + " " + answer);
                            }
                        } else {
                            latency[n] = now - scheduled;
                        }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        if (errors.getAndIncrement() == 0) {
                            log("first error: " + e);
                        }
                    } finally {
                        done.incrementAndGet();
                        answered.countDown();
                    }
                });
            }
            lastSent = System.nanoTime();
            if (!answered.await(10, TimeUnit.SECONDS)) {
                log((total - done.get()) + " requests unanswered 10 s after the last send");
            }
            senders.shutdownNow();
        }
        if (connectionPool != null) {
            connectionPool.forEach(BenchHttpConnection::close);
        }
        double elapsed = (Math.max(System.nanoTime(), lastSent) - start) / 1e9;
        int unanswered = total - done.get();
        long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
        log(String.format(Locale.ROOT, "latency ms: p90 %.1f, p95 %.1f, p99.9 %.1f, max %.1f", percentile(ok, 0.90),
                percentile(ok, 0.95), percentile(ok, 0.999), percentile(ok, 1.0)));
        return new Result(ok.length, elapsed, percentile(ok, 0.50), percentile(ok, 0.99),
                errors.get() + unanswered);
    }

    /** Returns {@code --connections} light connections to the URI's host, each opened on first use. */
    private ArrayBlockingQueue<BenchHttpConnection> lightPool(URI uri) {
        ArrayBlockingQueue<BenchHttpConnection> pool = new ArrayBlockingQueue<>(connections, true);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        for (int c = 0; c < connections; c++) {
            pool.add(new BenchHttpConnection(uri.getHost(), port, 30_000));
        }
        return pool;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** Creates the API token and the accounts, each with a bill overdue by ten days; returns the token. */
    private String setUp(HttpClient http, String base, String run) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        JsonNode created = JSON.readTree(send(http, base + "/api/v1/tokens", basic,
                "{\"name\":\"bench-" + run + "\",\"scopes\":[\"payments:write\",\"read\"]}"));
        String token = created.get("token").stringValue();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int chunk = 1000;
        for (int from = 0; from < accounts; from += chunk) {
            int to = Math.min(accounts, from + chunk);
            StringBuilder customers = new StringBuilder("[");
            StringBuilder accountJson = new StringBuilder("[");
            StringBuilder bills = new StringBuilder("[");
            for (int i = from; i < to; i++) {
                String sep = i == from ? "" : ",";
                customers.append(sep).append("{\"externalRef\":\"BC-" + run + "-").append(i).append("\",\"name\":\"Bench ")
                        .append(i).append("\",\"type\":\"PERSON\",\"locale\":\"zh-CN\",\"timeZone\":\"Asia/Shanghai\","
                                + "\"contactPoints\":[]}");
                accountJson.append(sep).append("{\"externalRef\":\"BA-" + run + "-").append(i).append("\",\"customerRef\":\"BC-" + run + "-")
                        .append(i).append("\",\"productLine\":\"TELECOM_POSTPAID\",\"currency\":\"CNY\","
                                + "\"status\":\"ACTIVE\",\"openedOn\":\"2025-01-01\"}");
                bills.append(sep).append("{\"externalRef\":\"BB-" + run + "-").append(i).append("\",\"accountRef\":\"BA-" + run + "-")
                        .append(i).append("\",\"issueDate\":\"").append(today.minusDays(40)).append("\",\"dueDate\":\"")
                        .append(today.minusDays(10)).append("\",\"currency\":\"CNY\",\"total\":\"1000000.00\","
                                + "\"lines\":[{\"description\":\"Plan\",\"category\":\"SERVICE\","
                                + "\"amount\":\"1000000.00\"}]}");
            }
            send(http, base + "/api/v1/customers", basic, customers.append("]").toString());
            send(http, base + "/api/v1/accounts", basic, accountJson.append("]").toString());
            send(http, base + "/api/v1/bills", basic, bills.append("]").toString());
            // a payment history, as a real portfolio has one: the tables the payments go to are not empty when
            // the server first plans its look-ups into them
            StringBuilder history = new StringBuilder("[");
            for (int i = from; i < to; i++) {
                for (int k = 1; k <= HISTORY; k++) {
                    history.append(i == from && k == 1 ? "" : ",").append("{\"externalRef\":\"BP-" + run + "-")
                            .append(i).append('-').append(k).append("\",\"accountRef\":\"BA-" + run + "-").append(i)
                            .append("\",\"amount\":\"1.00\",\"currency\":\"CNY\",\"receivedAt\":\"")
                            .append(today.minusDays(10 - k / 2).atStartOfDay(ZoneOffset.UTC).toInstant())
                            .append("\",\"method\":\"CARD\"}");
                }
            }
            send(http, base + "/api/v1/payments", basic, history.append("]").toString());
        }
        log("set up " + accounts + " accounts with an overdue bill and " + HISTORY + " earlier payments each, and API "
                + "token " + token.substring(0, 10) + "…");
        return token;
    }

    private static String send(HttpClient http, String uri, String authorization, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("setup failed: POST " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The child server's embedded database directory. */
    private static Path childData() {
        return Path.of(System.getProperty("arrears.db.embedded.data-dir", "./data/postgres")).toAbsolutePath()
                .normalize().resolveSibling("bench-payments-postgres");
    }

    /**
     * Gives the child server's fresh database its statistics after the setup, as after any bulk load: without them
     * PostgreSQL takes the just-filled tables for empty and plans look-ups (a payment's reference among tens of
     * thousands) as scans until autovacuum's first analyze, a minute or more into the run.
     */
    private static void analyze() throws java.sql.SQLException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(childData(), false);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("vacuum analyze customer, account, bill, payment, account_state, delinquency_episode, "
                    + "collection_case, planned_action");
        }
        log("analyzed the setup's tables");
    }

    /** Starts {@code arrears serve} on a port in a child JVM with a fresh embedded database of its own. */
    private static Process startServer(int port) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Path data = childData();
        Path logFile = data.resolveSibling("bench-payments-server.log");
        Files.createDirectories(data.getParent());
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+UseParallelGC", "-Dfile.encoding=UTF-8",
                "-Darrears.db.embedded.data-dir=" + data, "-Darrears.db.embedded.clean=true",
                "-Darrears.demo.enabled=false", "-Darrears.contact.dispatch.enabled=false",
                "-Dlogging.file.name=" + logFile.resolveSibling("bench-payments-server.json.log")));
        // extra JVM options for the child, for investigation (a debug logger, a profiler agent)
        String extra = System.getenv("ARREARS_BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "dev.arrears.Arrears"));
        }
        command.addAll(List.of("serve", "--port", Integer.toString(port)));
        log("starting the server on port " + port + " (log: " + logFile + ")");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
    }

    private static void waitUntilUp(HttpClient http, String base, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (child != null && !child.isAlive()) {
                throw new IllegalStateException("the server exited with " + child.exitValue() + "; see its log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server at " + base + " did not come up within 5 minutes");
    }

    /** Returns the 1, 5 and 15 minute load averages and the processor count, for the report. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors()
                    + " cpus";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
