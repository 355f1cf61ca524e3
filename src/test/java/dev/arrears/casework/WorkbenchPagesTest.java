package dev.arrears.casework;

import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench pages over the real database, signed in through the login form per role: a collector works the
 * queue (next task, dial through the guard, outcome, on to the next task) and is refused the supervisors' page and
 * its reassign form; a supervisor reassigns; a strategist has no workbench.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkbenchPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Dispatch dispatch;

    WorkbenchFixture f;

    @BeforeEach
    void setUp() {
        f = new WorkbenchFixture(ledger, cycles, jdbc, dispatch);
    }

    /** A signed-in browser-like session of a user with one role. */
    final class Session {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        final String name;
        String csrf;

        Session(String role) throws Exception {
            name = "wb-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
            String password = UUID.randomUUID().toString();
            jdbc.sql("insert into app_user (username, password_hash, roles, enabled, created_at) "
                            + "values (?, ?, ?::text[], true, ?)")
                    .params(name, encoder.encode(password), "{" + role + "}", Timestamp.from(Instant.now())).update();
            HttpResponse<String> login = get("/login");
            HttpResponse<String> after = send("/login", "username=" + enc(name) + "&password=" + enc(password));
            assertThat(after.uri().getPath()).as(login.uri() + " → signed in").isNotEqualTo("/login");
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").header("Accept-Language", "en").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        /** Posts a form with the CSRF token of the last page read; returns the page the redirects end on. */
        HttpResponse<String> send(String path, String form) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "text/html").header("Accept-Language", "en")
                            .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }

    @Test
    void collectorTakesTheNextTaskDialsRecordsAnOutcomeAndLandsOnTheNextTask() throws Exception {
        long low = f.task("Wu", "zh-CN", 10_000);
        long high = f.task("Xu", "zh-CN", 50_000);
        f.priority(low, 9_100_000_000_000L);
        f.priority(high, 9_200_000_000_000L);
        Session collector = new Session("COLLECTOR");

        HttpResponse<String> bench = collector.get("/workbench?queue=" + f.queue());
        assertThat(bench.statusCode()).isEqualTo(200);
        assertThat(bench.body()).contains("data-nav=\"nav.workbench\"", "Next task", "data-task=\"" + high + "\"")
                .doesNotContain("Queues and assignments");
        assertThat(bench.body().indexOf("data-task=\"" + high + "\""))
                .as("the open queue by priority").isLessThan(bench.body().indexOf("data-task=\"" + low + "\""));

        HttpResponse<String> task = collector.send("/workbench/next", "queue=" + enc(f.queue()));
        assertThat(task.uri().getPath()).isEqualTo("/workbench/tasks/" + high);
        assertThat(task.body()).contains("Call task #" + high, "Xu", "500.00 CNY", "Suggested script", "通话脚本",
                "Check and dial");
        assertThat(f.state(high)).isEqualTo("OPEN/" + collector.name);

        HttpResponse<String> dialled = collector.send("/workbench/tasks/" + high + "/dial", "x=1");
        assertThat(dialled.body()).contains("data-decision=\"ALLOW\"", "tel:+86139", "id=\"outcome-form\"",
                "Promise to pay", "No answer", "Wrong number", "data-key=\"2\"");

        HttpResponse<String> nothing = collector.send("/workbench/tasks/" + high + "/outcome", "note=");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("Pick how the call ended.");

        HttpResponse<String> next = collector.send("/workbench/tasks/" + high + "/outcome", "choice=NO_ANSWER");
        assertThat(next.uri().getPath()).isEqualTo("/workbench/tasks/" + low);
        assertThat(next.body()).contains("Outcome of task #" + high + " recorded. This is your next task.");
        assertThat(f.state(high)).as("back in the queue for anyone").isEqualTo("OPEN/-");
        assertThat(f.state(low)).isEqualTo("OPEN/" + collector.name);
    }

    @Test
    void promiseNeedsItsDateAndIsTakenWithIt() throws Exception {
        long id = f.task("Qian", "zh-CN", 20_000);
        f.priority(id, 9_300_000_000_000L);
        Session collector = new Session("COLLECTOR");
        collector.get("/workbench?queue=" + f.queue());
        collector.send("/workbench/tasks/" + id + "/claim", "x=1");
        collector.send("/workbench/tasks/" + id + "/dial", "x=1");

        HttpResponse<String> undated = collector.send("/workbench/tasks/" + id + "/outcome", "choice=PROMISE");
        assertThat(undated.statusCode()).isEqualTo(400);
        assertThat(undated.body()).contains("required with PROMISE");

        HttpResponse<String> promised = collector.send("/workbench/tasks/" + id + "/outcome",
                "choice=1&promiseDate=2026-11-30&promiseAmount=200.00");
        assertThat(promised.statusCode()).isEqualTo(200);
        assertThat(f.state(id)).startsWith("DONE/");
        assertThat(jdbc.sql("select count(*) from promise where account_id = (select account_id from call_task"
                + " where id = ?)").param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void collectorIsRefusedTheQueuesPageAndTheReassignForm() throws Exception {
        long id = f.task("Zhao", "zh-CN", 10_000);
        Session collector = new Session("COLLECTOR");
        collector.get("/workbench");

        assertThat(collector.get("/workbench/queues").statusCode()).isEqualTo(403);
        collector.get("/workbench");
        HttpResponse<String> assign = collector.send("/workbench/queues/assign", "task=" + id + "&assignee=me");
        assertThat(assign.statusCode()).isEqualTo(403);
        assertThat(f.state(id)).isEqualTo("OPEN/-");
    }

    @Test
    void supervisorSeesQueuesByAssigneeAndReassignsATask() throws Exception {
        long id = f.task("Sun", "zh-CN", 10_000);
        Session collector = new Session("COLLECTOR");
        collector.get("/workbench");
        collector.send("/workbench/tasks/" + id + "/claim", "x=1");
        Session supervisor = new Session("SUPERVISOR");

        HttpResponse<String> queues = supervisor.get("/workbench/queues");
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(queues.body()).contains("Tasks by queue and assignee", f.queue(), collector.name,
                "data-task=\"" + id + "\"");
        assertThat(supervisor.get("/workbench").body()).contains("Queues and assignments");

        String kim = new Session("COLLECTOR").name;
        supervisor.get("/workbench/queues");
        HttpResponse<String> assigned = supervisor.send("/workbench/queues/assign", "task=" + id + "&assignee=" + kim);
        assertThat(assigned.uri().getQuery()).isEqualTo("assigned=" + id);
        assertThat(assigned.body()).contains("Task #" + id + " reassigned.");
        assertThat(f.state(id)).isEqualTo("OPEN/" + kim);

        supervisor.send("/workbench/queues/assign", "task=" + id + "&assignee=");
        assertThat(f.state(id)).as("released").isEqualTo("OPEN/-");
    }

    @Test
    void reassigningToANameThatWorksNoCalls_showsTheProblemBesideTheField() throws Exception {
        long id = f.task("Qian", "zh-CN", 10_000);
        Session supervisor = new Session("SUPERVISOR");
        String auditor = new Session("AUDITOR").name;

        for (String name : List.of("nobody-" + id, auditor)) {
            supervisor.get("/workbench/queues");
            HttpResponse<String> refused = supervisor.send("/workbench/queues/assign",
                    "task=" + id + "&assignee=" + enc(name));

            assertThat(refused.statusCode()).as(name).isEqualTo(422);
            assertThat(refused.body())
                    .contains("id=\"assignee-" + id + "\"", "value=\"" + name + "\"", "aria-invalid=\"true\"",
                            "aria-describedby=\"assignee-error-" + id + "\"")
                    .contains("id=\"assignee-error-" + id + "\"")
                    .contains("&#39;" + name + "&#39; is no enabled user who works call tasks");
            assertThat(f.state(id)).as("unchanged").isEqualTo("OPEN/-");
        }
    }

    @Test
    void strategistAndAuditorHaveNoWorkbench() throws Exception {
        assertThat(new Session("STRATEGIST").get("/workbench").statusCode()).isEqualTo(403);
        Session auditor = new Session("AUDITOR");
        assertThat(auditor.get("/workbench").statusCode()).isEqualTo(403);
        assertThat(auditor.get("/workbench/queues").statusCode()).isEqualTo(403);
    }

    @Test
    void agencyAndManagerOpenTheWorkbench_inChineseToo() throws Exception {
        assertThat(new Session("AGENCY").get("/workbench").statusCode()).isEqualTo(200);
        Session manager = new Session("MANAGER");
        assertThat(manager.get("/workbench/queues").statusCode()).isEqualTo(200);
        HttpResponse<String> zh = manager.client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/workbench?lang=zh-TW")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(zh.body()).contains("工作台", "下一個任務", "待領取佇列");
    }
}
