package dev.arrears.contact.dispatch;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assignment API over real HTTP: claim (CASEWORK roles; 409 for the second collector), assign and release
 * (SUPERVISOR and MANAGER; 403 for a collector), the caller's next task (204 when the queue is empty; refused to an
 * auditor, since it claims) and the {@code mine} and {@code assignee} filters.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallTaskAssignmentApiTest {

    private static final String PASSWORD = "assignment-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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

    final HttpClient http = HttpClient.newHttpClient();
    DispatchFixture f;
    String ann;
    String bob;
    String sue;
    String eve;

    record Response(int status, JsonNode json, String text) {
    }

    @BeforeEach
    void setUp() {
        f = new DispatchFixture(ledger, cycles, jdbc);
        ann = user("COLLECTOR");
        bob = user("COLLECTOR");
        sue = user("SUPERVISOR");
        eve = user("AUDITOR");
    }

    private String user(String role) {
        String name = f.p + role.toLowerCase() + "-" + System.nanoTime();
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?)""")
                .params(name, encoder.encode(PASSWORD), "{" + role + "}", Timestamp.from(Instant.now())).update();
        return name;
    }

    Response send(String user, HttpRequest.Builder request) {
        request.header("Accept", "application/json, application/problem+json");
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Response post(String user, String path, String json) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private List<Long> callTasks(int n) {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long a = f.account("Api" + i);
            f.plan(a, "CALL_TASK", "CALL", null, "call_script");
            accounts.add(a);
        }
        dispatch.runOnce(accounts);
        return jdbc.sql("select id from call_task where queue = ? order by id").param(f.p + "queue")
                .query(Long.class).list();
    }

    @Test
    void secondCollectorsClaimIsAConflict_andSupervisorReassigns_butACollectorMayNot() {
        long id = callTasks(1).getFirst();

        Response claimed = post(ann, "/api/v1/call-tasks/" + id + "/claim", "");
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.json().get("assignee").asString()).isEqualTo(ann);
        assertThat(claimed.json().get("assignedUntil").asString()).isEqualTo("2026-11-23T05:00:00Z");
        Response second = post(bob, "/api/v1/call-tasks/" + id + "/claim", "");
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(post(eve, "/api/v1/call-tasks/" + id + "/claim", "").status()).as("an auditor").isEqualTo(403);

        assertThat(post(ann, "/api/v1/call-tasks/" + id + "/assign", "{\"assignee\": \"" + bob + "\"}").status())
                .as("a collector reassigns nothing").isEqualTo(403);
        Response assigned = post(sue, "/api/v1/call-tasks/" + id + "/assign", "{\"assignee\": \"" + bob + "\"}");
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        assertThat(assigned.json().get("assignee").asString()).isEqualTo(bob);
        assertThat(assigned.json().get("assignedBy").asString()).isEqualTo(sue);

        assertThat(get(bob, "/api/v1/call-tasks?mine=true&queue=" + f.p + "queue").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(get(ann, "/api/v1/call-tasks?mine=true&queue=" + f.p + "queue").json().get("total").asLong())
                .isZero();
        assertThat(get(sue, "/api/v1/call-tasks?assignee=" + bob).json().get("items").get(0).get("id").asLong())
                .isEqualTo(id);
        assertThat(get(sue, "/api/v1/call-tasks?mine=maybe").status()).isEqualTo(400);

        Response released = post(sue, "/api/v1/call-tasks/" + id + "/assign", "{\"assignee\": null}");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("assignee").isNull()).isTrue();
        assertThat(post(sue, "/api/v1/call-tasks/999999999/assign", "{}").status()).isEqualTo(404);
    }

    @Test
    void assigningToANameThatWorksNoCalls_isA422Problem_andChangesNothing() {
        long id = callTasks(1).getFirst();
        String disabled = user("COLLECTOR");
        jdbc.sql("update app_user set enabled = false where username = ?").param(disabled).update();

        for (String name : List.of("nobody-" + f.p, disabled, eve, user("STRATEGIST"))) {
            Response refused = post(sue, "/api/v1/call-tasks/" + id + "/assign", "{\"assignee\": \"" + name + "\"}");
            assertThat(refused.status()).as(name + ": " + refused.text()).isEqualTo(422);
            assertThat(refused.text()).contains("\"status\":422", "Unprocessable input");
            assertThat(refused.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/assignee");
            assertThat(refused.json().get("errors").get(0).get("detail").asString())
                    .contains("'" + name + "' is no enabled user who works call tasks");
        }
        assertThat(jdbc.sql("select count(*) from call_task where id = ? and assignee is null").param(id)
                .query(Long.class).single()).as("still nobody's").isEqualTo(1L);
        Response toASupervisor = post(sue, "/api/v1/call-tasks/" + id + "/assign", "{\"assignee\": \"" + sue + "\"}");
        assertThat(toASupervisor.status()).as(toASupervisor.text()).isEqualTo(200);
        assertThat(toASupervisor.json().get("assignee").asString()).isEqualTo(sue);
    }

    @Test
    void nextClaimsTheHighestPriorityTaskOfTheQueue_and204WhenNoneIsLeft() {
        List<Long> ids = callTasks(2);
        jdbc.sql("update call_task set priority = 5 where id = ?").param(ids.get(0)).update();
        jdbc.sql("update call_task set priority = 7 where id = ?").param(ids.get(1)).update();
        String queue = "/api/v1/call-tasks/next?queue=" + f.p + "queue";

        assertThat(get(eve, queue).status()).as("next claims: not for an auditor").isEqualTo(403);
        Response first = get(ann, queue);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("id").asLong()).isEqualTo(ids.get(1));
        assertThat(first.json().get("assignee").asString()).isEqualTo(ann);
        Response second = get(bob, queue);
        assertThat(second.json().get("id").asLong()).isEqualTo(ids.get(0));
        Response none = get(user("COLLECTOR"), queue);
        assertThat(none.status()).isEqualTo(204);
        assertThat(none.text()).isEmpty();
    }
}
