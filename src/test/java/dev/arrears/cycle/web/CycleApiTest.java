package dev.arrears.cycle.web;

import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the cycle API over real HTTP: a run for a date, its actions, their traces, cases, the dry run, bad input. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CycleApiTest {

    private static final String USER = "cycle-api-test";
    private static final String PASSWORD = "cycle-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

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

    final HttpClient http = HttpClient.newHttpClient();
    final String p = "CA" + UUID.randomUUID().toString().substring(0, 8) + "-";

    record Response(int status, String contentType, String location, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
    }

    private long overdueAccount(String ref, int daysLate, long amountMinor) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "李娜", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613900139000",
                        Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + ref, ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2024, 3, 1), null))).getFirst().view().id();
        LocalDate due = TODAY.minusDays(daysLate);
        ledger.issueBills(List.of(new IssueBill(p + ref + "-B", p + ref, due.minusDays(20), due, CNY, amountMinor,
                List.of(new BillLine("月租费", LineCategory.SERVICE, amountMinor)))));
        return id;
    }

    Response send(HttpRequest.Builder request) {
        request.header("Accept", "application/json, application/problem+json");
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, r.headers().firstValue("Location").orElse(null), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private JsonNode runCycle() throws InterruptedException {
        Response started = post("/api/v1/cycles", "{\"asOf\": \"2026-11-23\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.location()).isEqualTo("/api/v1/cycles/" + started.json().get("id").asLong());
        assertThat(started.json().get("asOf").asString()).isEqualTo("2026-11-23");
        for (int i = 0; i < 600; i++) {
            Response polled = get(started.location());
            assertThat(polled.status()).isEqualTo(200);
            if (!"RUNNING".equals(polled.json().get("state").asString())) {
                return polled.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the cycle did not finish within a minute");
    }

    @Test
    void cycleRun_plansActionsWithTracesAndCases() throws Exception {
        // written without the event-driven evaluation, so that the run does the planning
        long account = cycles.withoutEventEvaluation(() -> overdueAccount("A", 9, 35_000));

        JsonNode run = runCycle();
        assertThat(run.get("state").asString()).isEqualTo("DONE");
        assertThat(run.get("partitionsDone").asInt()).isEqualTo(run.get("partitions").asInt());
        assertThat(run.get("accountsEvaluated").asLong()).isPositive();
        assertThat(run.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0);

        Response actions = get("/api/v1/actions?account=" + account);
        assertThat(actions.status()).isEqualTo(200);
        assertThat(actions.json().get("items")).isNotEmpty();
        JsonNode action = actions.json().get("items").get(0);
        assertThat(action.get("strategy").asString()).isEqualTo("telecom-consumer");
        assertThat(action.get("state").asString()).isEqualTo("PLANNED");
        assertThat(action.get("plannedOn").asString()).isEqualTo("2026-11-23");
        assertThat(action.get("runId").asLong()).isEqualTo(run.get("id").asLong());

        Response byChannel = get("/api/v1/actions?date=2026-11-23&account=" + account + "&channel="
                + (action.get("channel").isNull() ? "SMS" : action.get("channel").asString()));
        assertThat(byChannel.status()).isEqualTo(200);

        Response trace = get("/api/v1/actions/" + action.get("id").asLong() + "/trace");
        assertThat(trace.status()).as(trace.toString()).isEqualTo(200);
        assertThat(trace.json().get("strategy").asString()).isEqualTo("telecom-consumer");
        assertThat(trace.json().get("segment").asString()).isEqualTo(action.get("segment").asString());
        assertThat(trace.json().get("conditions")).isNotEmpty();
        assertThat(trace.json().get("facts").get("account.productLine").asString()).isEqualTo("TELECOM_POSTPAID");
        assertThat(trace.json().get("steps").get(0).get("at").asString()).startsWith("due");

        Response cases = get("/api/v1/cases?account=" + account);
        assertThat(cases.json()).hasSize(1);
        JsonNode kase = cases.json().get(0);
        assertThat(kase.get("status").asString()).isEqualTo("OPEN");
        assertThat(kase.get("openedOn").asString()).isEqualTo("2026-11-23");
        Response full = get("/api/v1/cases/" + kase.get("id").asLong());
        assertThat(full.json().get("timeline").findValuesAsString("kind")).contains("OPENED", "STEP_PLANNED");
        assertThat(full.json().get("timeline").get(0).has("detailArgs")).as("pages only").isFalse();
        assertThat(full.json().get("timeline").get(0).get("detail").asString()).startsWith("strategy ");

        // the dry run sees the case at its rung: nothing new, nothing written
        long before = jdbc.sql("select count(*) from planned_action where account_id = ?").param(account)
                .query(Long.class).single();
        Response dry = post("/api/v1/strategies/telecom-consumer/evaluate",
                "{\"accountId\": " + account + ", \"asOf\": \"2026-11-23\"}");
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().get("applies").asBoolean()).isTrue();
        assertThat(dry.json().get("outcome").asString()).isEqualTo("NOTHING_DUE");
        assertThat(dry.json().get("openCase").get("id").asLong()).isEqualTo(kase.get("id").asLong());
        assertThat(dry.json().get("facts").get("account.balance").asDouble()).isEqualTo(350.0);
        assertThat(jdbc.sql("select count(*) from planned_action where account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(before);

        // a week later the next rung would be planned
        Response later = post("/api/v1/strategies/telecom-consumer/evaluate",
                "{\"accountId\": " + account + ", \"asOf\": \"2026-12-20\"}");
        assertThat(later.json().get("outcome").asString()).isIn("PLANNED", "WAITING_FOR_NOTICE");
    }

    @Test
    void overdueBillAndClearingPayment_openThenCloseTheCaseAtOnce() {
        // the bill's commit re-evaluates the account: an overdue bill opens a case and plans the current rung
        long account = overdueAccount("P", 3, 12_000);
        JsonNode opened = get("/api/v1/cases?account=" + account).json();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).get("status").asString()).isEqualTo("OPEN");
        JsonNode planned = get("/api/v1/actions?state=PLANNED&account=" + account).json();
        assertThat(planned.get("total").asLong()).isPositive();
        assertThat(planned.get("items").get(0).get("runId").isNull()).as("planned by the event, not a run").isTrue();

        ledger.postPayments(List.of(new PostPayment(p + "PAY", p + "P", 12_000, CNY,
                Instant.parse("2026-11-23T03:00:00Z"), PaymentMethod.ALIPAY, null)));

        JsonNode kase = get("/api/v1/cases?account=" + account).json().get(0);
        assertThat(kase.get("status").asString()).isEqualTo("CLOSED");
        assertThat(kase.get("closeReason").asString()).isEqualTo("CURED");
        assertThat(get("/api/v1/actions?state=PLANNED&account=" + account).json().get("total").asLong()).isZero();
        assertThat(get("/api/v1/actions?state=CANCELLED&account=" + account).json().get("total").asLong()).isPositive();
    }

    @Test
    void badInput_isA400ProblemNamingTheParameter_andUnknownIdsA404() {
        assertProblem(post("/api/v1/cycles", "{}"), 400, "asOf");
        assertProblem(post("/api/v1/cycles", "{\"asOf\": \"2026-13-01\"}"), 400, "asOf");
        assertProblem(get("/api/v1/cycles/abc"), 400, "id");
        assertProblem(get("/api/v1/actions?channel=FAX"), 400, "channel");
        assertProblem(get("/api/v1/actions?date=yesterday"), 400, "date");
        assertProblem(get("/api/v1/actions?size=100000"), 400, "size");
        assertProblem(get("/api/v1/cases"), 400, "account");
        assertProblem(post("/api/v1/strategies/telecom-consumer/evaluate", "{\"asOf\": \"2026-11-23\"}"), 400,
                "accountId");
        assertThat(get("/api/v1/cycles/987654321").status()).isEqualTo(404);
        assertThat(get("/api/v1/actions/987654321/trace").status()).isEqualTo(404);
        assertThat(get("/api/v1/cases/987654321").status()).isEqualTo(404);
        assertThat(post("/api/v1/strategies/no-such-strategy/evaluate",
                "{\"accountId\": 1, \"asOf\": \"2026-11-23\"}").status()).isEqualTo(404);
        assertThat(post("/api/v1/strategies/telecom-consumer/evaluate",
                "{\"accountId\": 987654321, \"asOf\": \"2026-11-23\"}").status()).isEqualTo(404);
    }

    private static void assertProblem(Response r, int status, String parameter) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsString("parameter")).as(r.toString()).contains(parameter);
    }
}
