package dev.arrears.cycle.web;

import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import dev.arrears.platform.Role;
import dev.arrears.platform.Users;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cycle run pages over real HTTP, signed in through the login form per role: who may start a run (a collector
 * and an auditor get 403), the run page, the event stream's progress and final events, and one run at a time.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CyclePagesTest {

    private static final String PASSWORD = "cycle-pages-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern EVENT = Pattern.compile("(?s)event:\\s*(\\w+)\\s*\\n.*?data:\\s*(\\{.*?})");

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;

    @Test
    void collectorAndAuditor_readTheRuns_butMayNotStartOne() throws Exception {
        Session collector = signIn(Role.COLLECTOR);
        assertThat(collector.get("/cycles").statusCode()).isEqualTo(200);
        assertThat(collector.get("/cycles").body()).doesNotContain("id=\"asOf\"");
        HttpResponse<String> refused = collector.post("/cycles", "asOf=2026-11-23");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Not allowed");

        Session auditor = signIn(Role.AUDITOR);
        HttpResponse<String> page = auditor.get("/cycles");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Cycle runs</h1>", "data-nav=\"nav.cycles\"")
                .doesNotContain("id=\"asOf\"");
        assertThat(auditor.post("/cycles", "asOf=2026-11-23").statusCode()).isEqualTo(403);

        assertThat(signIn(Role.AGENCY).get("/cycles").statusCode()).isEqualTo(403);
    }

    @Test
    void managerStartsARun_landsOnItsPage_andTheStreamEndsWithDone() throws Exception {
        Session manager = signIn(Role.MANAGER);
        HttpResponse<String> form = manager.get("/cycles");
        assertThat(form.body()).contains("id=\"asOf\"", "value=\"2026-11-23\"",
                "<button type=\"submit\">Start a run</button>", "<h2 id=\"runs\">Recent runs</h2>", "site-footer");
        // a run left RUNNING by another test (none should be) is resumed by starting its date
        LocalDate date = cycles.active().map(CycleView::asOf).orElse(LocalDate.of(2026, 11, 23));

        HttpResponse<String> started = manager.post("/cycles", "asOf=" + date);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String path = started.uri().getPath();
        assertThat(path).matches("/cycles/\\d+");
        assertThat(started.body()).contains("Cycle run " + path.substring(8), "For " + date);
        List<String[]> events = manager.events(path + "/events", Duration.ofSeconds(120));
        assertThat(events).isNotEmpty();
        String[] last = events.getLast();
        assertThat(last[0]).isEqualTo("done");
        assertThat(last[1]).contains("\"state\":\"DONE\"", "\"stateLabel\":\"Done\"", "\"accountsEvaluated\":");
        assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e[0].equals("progress"));

        HttpResponse<String> reloaded = manager.get(path);
        assertThat(reloaded.body()).contains("data-state=\"DONE\"").doesNotContain("data-run-events");
        assertThat(manager.get("/cycles").body()).contains("href=\"" + path + "\"");
    }

    @Test
    void aRunningRun_streamsProgress_thenDone_andRefusesASecondStart() throws Exception {
        // a run of a date no other test uses, RUNNING as another node would leave it while it works
        LocalDate date = LocalDate.of(1999, 1, 1).plusDays(UUID.randomUUID().hashCode() & 0xfff);
        long id = jdbc.sql("""
                        insert into cycle_run (as_of, state, partitions, requested_by, started_at)
                        values (?, 'RUNNING', 2, 'cycle-pages-test', clock_timestamp()) returning id""")
                .param(date).query(Long.class).single();
        try {
            jdbc.sql("""
                            insert into cycle_partition (run_id, part, first_account, last_account, state, accounts,
                                actions, cases_opened, cases_closed, worker, finished_at)
                            values (?, 0, 1, 10, 'DONE', 7, 3, 1, 0, 'test', now()),
                                   (?, 1, 11, 20, 'PENDING', 0, 0, 0, 0, null, null)""")
                    .params(id, id).update();
            Session manager = signIn(Role.MANAGER);
            HttpResponse<String> page = manager.get("/cycles/" + id);
            assertThat(page.body()).contains("data-state=\"RUNNING\"", "data-run-events=\"/cycles/" + id + "/events\"",
                    "<script src=\"/js/cycle-run.js\" defer>");

            HttpResponse<String> busy = manager.post("/cycles", "asOf=2026-11-23");
            assertThat(busy.uri().getPath()).isEqualTo("/cycles");
            assertThat(busy.body()).contains("data-notice=\"busy\"",
                    "Run " + id + " for " + date + " is still running");

            CompletableFuture<List<String[]>> stream = CompletableFuture.supplyAsync(() -> {
                try {
                    return manager.events("/cycles/" + id + "/events", Duration.ofSeconds(60));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_500);
            jdbc.sql("update cycle_partition set state = 'DONE', accounts = 5, actions = 2, cases_opened = 0, "
                    + "cases_closed = 1, finished_at = now() where run_id = ? and part = 1").param(id).update();
            jdbc.sql("update cycle_run set state = 'DONE', finished_at = clock_timestamp() where id = ?").param(id)
                    .update();
            List<String[]> events = stream.get(60, TimeUnit.SECONDS);

            assertThat(events.getFirst()[0]).isEqualTo("progress");
            assertThat(events.getFirst()[1]).contains("\"state\":\"RUNNING\"", "\"partitionsDone\":1",
                    "\"accountsEvaluated\":7", "\"stateLabel\":\"Running\"");
            assertThat(events.getLast()[0]).isEqualTo("done");
            assertThat(events.getLast()[1]).contains("\"state\":\"DONE\"", "\"partitionsDone\":2",
                    "\"accountsEvaluated\":12", "\"actionsPlanned\":5", "\"casesClosed\":1");
        } finally {
            jdbc.sql("update cycle_run set state = 'DONE', finished_at = clock_timestamp() where id = ?").param(id)
                    .update();
        }
    }

    @Test
    void unknownRun_isNotFound_andItsStreamToo() throws Exception {
        Session auditor = signIn(Role.AUDITOR);
        HttpResponse<String> page = auditor.get("/cycles/999999999");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no cycle run 999999999.");
        assertThat(auditor.send(HttpRequest.newBuilder(auditor.uri("/cycles/999999999/events"))
                .header("Accept", "text/event-stream").GET()).statusCode()).isEqualTo(404);
    }

    private Session signIn(Role role) throws Exception {
        String name = "cyc-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "cycle-pages-test");
        Session s = new Session();
        s.login(name);
        return s;
    }

    /** A browser-like session: cookies, the login form with its CSRF token, GETs and form posts in English. */
    private final class Session {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private String csrf;

        void login(String name) throws Exception {
            String body = "username=" + encode(name) + "&password=" + PASSWORD + "&_csrf=" + token(get("/login"));
            HttpResponse<String> after = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(after.uri().getPath()).isNotEqualTo("/login");
            csrf = token(get("/"));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf)));
        }

        /** Reads an event stream until the server ends it; returns each event's name and data. */
        List<String[]> events(String path, Duration timeout) throws Exception {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri(path))
                    .header("Accept", "text/event-stream").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<String[]> events = new ArrayList<>();
            StringBuilder block = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        block.append(line).append('\n');
                        continue;
                    }
                    Matcher m = EVENT.matcher(block);
                    if (m.find()) {
                        events.add(new String[]{m.group(1), m.group(2)});
                    }
                    block.setLength(0);
                }
            }
            return events;
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private String token(HttpResponse<String> page) {
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a CSRF token on " + page.uri()).isTrue();
            return encode(m.group(1));
        }

        private String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
