package dev.arrears.contact.dispatch;

import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.GuardRules;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.AfterEach;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static dev.arrears.contact.dispatch.DispatchFixture.CNY;
import static dev.arrears.contact.dispatch.DispatchFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact API over real HTTP: the sandbox outbox, call tasks (dial through the guard, outcomes), the account
 * timeline and dispatch jobs, with bad input answered 400 naming the field; and dispatch from a real cycle plan.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactApiTest {

    private static final String USER = "contact-api-test";
    private static final String PASSWORD = "contact-api-test-password";
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
    @Autowired
    ContactGuard guard;

    final HttpClient http = HttpClient.newHttpClient();
    DispatchFixture f;

    record Response(int status, String contentType, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }

        List<String> pointers() {
            List<String> out = new ArrayList<>();
            json.get("errors").forEach(e -> out.add(e.has("pointer") ? e.get("pointer").asString()
                    : e.get("parameter").asString()));
            return out;
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
        f = new DispatchFixture(ledger, cycles, jdbc);
    }

    @AfterEach
    void allowEverythingAgain() {
        GuardRules.decideWith(guard, null);
    }

    Response send(HttpRequest.Builder request) {
        request.header("Accept", "application/json, application/problem+json");
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    @Test
    void outboxListsWhatTheSandboxAcceptedNewestFirstAndShowsOneMessage() {
        long a = f.account("Ma");
        f.sms(a);
        f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
        dispatch.runOnce(List.of(a));

        Response all = get("/api/v1/outbox?account=" + a);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(2);
        JsonNode newest = all.json().get("items").get(0);
        assertThat(newest.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(newest.get("html").asString()).contains("<p>Ma，您好：</p>");
        Response sms = get("/api/v1/outbox?account=" + a + "&channel=sms&size=1");
        assertThat(sms.json().get("total").asLong()).isEqualTo(1);
        long id = sms.json().get("items").get(0).get("id").asLong();
        Response one = get("/api/v1/outbox/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("text").asString()).contains("Ma您好", "¥100.00", "回复TD退订");
        assertThat(one.json().get("contactKey").asString()).startsWith("planned-action:");

        Response call = get("/api/v1/outbox?channel=CALL");
        assertThat(call.status()).isEqualTo(400);
        assertThat(call.contentType()).startsWith("application/problem+json");
        assertThat(call.pointers()).containsExactly("channel");
        Response bad = get("/api/v1/outbox?channel=FAX&account=x&size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.pointers()).containsExactlyInAnyOrder("channel", "account", "size");
        assertThat(get("/api/v1/outbox/abc").status()).isEqualTo(400);
        assertThat(get("/api/v1/outbox/999999999").status()).isEqualTo(404);
    }

    @Test
    void collectorDialsOnlyAfterTheGuardAllowedItAndRecordsTheOutcome() {
        long a = f.account("Gao");
        long call = f.plan(a, "CALL_TASK", "CALL", null, "call_script");
        dispatch.runOnce(List.of(a));
        String queue = f.p + "queue";

        Response open = get("/api/v1/call-tasks?queue=" + queue + "&state=open");
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.json().get("total").asLong()).isEqualTo(1);
        JsonNode task = open.json().get("items").get(0);
        long id = task.get("id").asLong();
        assertThat(task.get("plannedActionId").asLong()).isEqualTo(call);
        assertThat(task.get("summary").asString()).contains("overdue 100.00 CNY");
        assertThat(get("/api/v1/call-tasks?state=LOST").pointers()).containsExactly("state");

        Response early = post("/api/v1/call-tasks/" + id + "/outcome", "{\"outcome\": \"NO_ANSWER\"}");
        assertThat(early.status()).as("an outcome needs a dialled call").isEqualTo(409);

        Response dial = post("/api/v1/call-tasks/" + id + "/dial", "");
        assertThat(dial.status()).as(dial.toString()).isEqualTo(200);
        assertThat(dial.json().get("decision").asString()).isEqualTo("ALLOW");
        assertThat(dial.json().get("phone").asString()).startsWith("+86138");
        assertThat(dial.json().get("attemptId").asLong()).isPositive();
        assertThat(get("/api/v1/call-tasks/" + id).json().get("state").asString()).isEqualTo("CLAIMED");
        assertThat(post("/api/v1/call-tasks/" + id + "/dial", "").status()).as("one call at a time").isEqualTo(409);

        Response noResult = post("/api/v1/call-tasks/" + id + "/outcome", "{\"outcome\": \"CONVERSATION\"}");
        assertThat(noResult.status()).isEqualTo(400);
        assertThat(noResult.pointers()).containsExactly("/result");
        Response noTime = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"CONVERSATION\", \"result\": \"CALL_BACK\"}");
        assertThat(noTime.pointers()).containsExactly("/callBackAt");
        Response unknown = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"HUNG_UP\", \"callBackAt\": \"tomorrow\"}");
        assertThat(unknown.pointers()).containsExactlyInAnyOrder("/outcome", "/callBackAt");

        Response noDate = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"CONVERSATION\", \"result\": \"PROMISE\", \"promiseAmount\": \"10\"}");
        assertThat(noDate.pointers()).containsExactly("/promiseDate");
        Response refused = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"CONVERSATION\", \"result\": \"PROMISE\", \"promiseAmount\": \"1.234\","
                        + " \"promiseDate\": \"2026-11-20\"}");
        assertThat(refused.status()).as("the arrangement module refuses the promise").isEqualTo(400);
        assertThat(refused.pointers()).containsExactlyInAnyOrder("/promiseAmount");
        Response past = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"CONVERSATION\", \"result\": \"PROMISE\", \"promiseDate\": \"2026-11-20\"}");
        assertThat(past.pointers()).containsExactly("/promiseDate");
        assertThat(get("/api/v1/call-tasks/" + id).json().get("state").asString())
                .as("a refused promise leaves the call waiting for its outcome").isEqualTo("CLAIMED");
        Response promise = post("/api/v1/call-tasks/" + id + "/outcome",
                "{\"outcome\": \"CONVERSATION\", \"result\": \"PROMISE\", \"note\": \"pays on Friday\","
                        + " \"promiseDate\": \"2026-11-27\"}");
        assertThat(promise.status()).as(promise.toString()).isEqualTo(200);
        assertThat(promise.json().get("state").asString()).isEqualTo("DONE");
        assertThat(promise.json().get("lastOutcome").asString()).isEqualTo("CONVERSATION");
        assertThat(f.actionState(call)).isEqualTo("DONE");
        assertThat(cycles.cases(a).getFirst().promiseActive()).as("a promise holds the ladder").isTrue();
        assertThat(jdbc.sql("select state || ' ' || amount_minor || ' ' || promised_on || ' ' || channel || ' '"
                        + " || taken_by from promise where account_id = ?").param(a).query(String.class).single())
                .as("the whole overdue amount, taken on the call").isEqualTo("ACTIVE 10000 2026-11-27 CALL " + USER);
        assertThat(jdbc.sql("select outcome || '/' || result from contact_attempt where call_task_id = ?").param(id)
                .query(String.class).single()).isEqualTo("CONVERSATION/PROMISE");
        assertThat(post("/api/v1/call-tasks/" + id + "/dial", "").status()).isEqualTo(409);
        assertThat(post("/api/v1/call-tasks/999999999/dial", "").status()).isEqualTo(404);
    }

    @Test
    void deferredOrBlockedDialIsShownAndNothingIsRecordedAsACall() {
        long a = f.account("Lin");
        long b = f.account("Guo");
        f.plan(a, "CALL_TASK", "CALL", null, null);
        f.plan(b, "CALL_TASK", "CALL", null, null);
        dispatch.runOnce(List.of(a, b));
        Instant notBefore = Instant.parse("2026-11-24T00:00:00Z");
        GuardRules.decideWith(guard, c -> c.accountId() == a
                ? new Verdict(Decision.DEFER, notBefore, List.of(new Reason("CN-NIFA/cn-connected-calls",
                "NIFA", "three connected calls today")))
                : new Verdict(Decision.BLOCK, null, List.of(new Reason("CN-NIFA/third-party", "NIFA", "third party"))));
        JsonNode tasks = get("/api/v1/call-tasks?queue=" + f.p + "queue").json().get("items");
        long taskA = tasks.valueStream().filter(t -> t.get("accountId").asLong() == a).findFirst().orElseThrow()
                .get("id").asLong();
        long taskB = tasks.valueStream().filter(t -> t.get("accountId").asLong() == b).findFirst().orElseThrow()
                .get("id").asLong();

        Response deferred = post("/api/v1/call-tasks/" + taskA + "/dial", "");
        assertThat(deferred.json().get("decision").asString()).isEqualTo("DEFER");
        assertThat(deferred.json().get("notBefore").asString()).isEqualTo("2026-11-24T00:00:00Z");
        assertThat(deferred.json().get("reasons").get(0).get("rule").asString())
                .isEqualTo("CN-NIFA/cn-connected-calls");
        assertThat(deferred.json().get("phone").isNull()).isTrue();
        JsonNode afterDefer = get("/api/v1/call-tasks/" + taskA).json();
        assertThat(afterDefer.get("state").asString()).isEqualTo("OPEN");
        assertThat(afterDefer.get("dueAt").asString()).isEqualTo("2026-11-24T00:00:00Z");

        Response blocked = post("/api/v1/call-tasks/" + taskB + "/dial", "");
        assertThat(blocked.json().get("decision").asString()).isEqualTo("BLOCK");
        assertThat(get("/api/v1/call-tasks/" + taskB).json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(f.contacts(a) + f.contacts(b)).isZero();
    }

    @Test
    void timelineShowsVerdictsAttemptsReceiptsOutcomesAndPaymentsInTimeOrder() {
        long a = f.account("Han");
        long sms = f.sms(a);
        dispatch.runOnce(List.of(a));
        JobView job = dispatch.jobOf(sms).orElseThrow();
        assertThat(dispatch.recordReceipts(List.of(new Receipt(Channel.SMS, job.providerIds().getFirst(),
                "DELIVERED", NOW.plusSeconds(5), "DELIVRD")))).isEqualTo(1);
        f.pay("Han", 2_500);

        Response timeline = get("/api/v1/accounts/" + a + "/timeline");

        assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        timeline.json().get("entries").forEach(e -> kinds.add(e.get("kind").asString()));
        assertThat(kinds).containsSubsequence("PAYMENT", "VERDICT", "ATTEMPT", "RECEIPT");
        JsonNode entries = timeline.json().get("entries");
        assertThat(entries.get(kinds.indexOf("PAYMENT")).get("status").asString()).isEqualTo("25.00 CNY");
        assertThat(entries.get(kinds.indexOf("VERDICT")).get("status").asString()).isEqualTo("ALLOW");
        // the verdict as the compliance module stored it: its profile and the contact's idempotency key
        assertThat(entries.get(kinds.indexOf("VERDICT")).get("detail").asString()).contains("(CN-NIFA v");
        assertThat(entries.get(kinds.indexOf("VERDICT")).get("ref").asString()).isEqualTo(job.idempotencyKey());
        assertThat(entries.get(kinds.indexOf("ATTEMPT")).get("ref").asString()).isEqualTo("job:" + job.id());
        assertThat(entries.get(kinds.indexOf("RECEIPT")).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(dispatch.job(job.id()).orElseThrow().delivery()).isEqualTo("DELIVERED");
        assertThat(timeline.json().get("customerId").asLong()).isPositive();
        // the API answers in English as before: the facts the pages write in the reader's language stay out
        assertThat(entries.get(kinds.indexOf("ATTEMPT")).get("detail").asString()).startsWith("outbound to ");
        assertThat(timeline.text()).doesNotContain("detailArgs");
        assertThat(get("/api/v1/accounts/999999999/timeline").status()).isEqualTo(404);
        assertThat(get("/api/v1/accounts/x/timeline").status()).isEqualTo(400);

        Response jobs = get("/api/v1/dispatch/jobs?account=" + a);
        assertThat(jobs.json().get("items").get(0).get("state").asString()).isEqualTo("SENT");
        assertThat(get("/api/v1/dispatch/jobs/" + job.id()).json().get("idempotencyKey").asString())
                .isEqualTo("planned-action:" + sms);
        assertThat(get("/api/v1/dispatch/jobs?state=LOST").status()).isEqualTo(400);
    }

    @Test
    void whatARealCycleRunPlannedIsDispatched() {
        String ref = f.p + "CYC";
        ledger.registerCustomers(List.of(new RegisterCustomer(ref, "周杰", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(
                        new ContactPoint(ContactKind.PHONE, "+8613700137000", Set.of(Channel.SMS, Channel.CALL),
                                Set.of()),
                        new ContactPoint(ContactKind.EMAIL, "zhou@example.cn", Set.of(Channel.EMAIL), Set.of()),
                        new ContactPoint(ContactKind.PUSH, "token-zhou", Set.of(Channel.PUSH), Set.of()),
                        new ContactPoint(ContactKind.POSTAL, "北京市 2号", Set.of(Channel.LETTER), Set.of())))));
        long a = ledger.openAccounts(List.of(new OpenAccount(ref, ref, ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2024, 3, 1), null))).getFirst().view().id();
        // the bill's event makes the cycle open a case and plan the ladder's due steps at once
        ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20),
                CNY, 30_000, List.of(new BillLine("月租费", LineCategory.SERVICE, 30_000)))));
        long contacts = jdbc.sql("select count(*) from planned_action where account_id = ? and channel is not null")
                .param(a).query(Long.class).single();
        assertThat(contacts).as("the shipped strategy planned contacts").isPositive();

        var report = dispatch.runOnce(List.of(a));

        assertThat(report.queued() + report.callTasks()).isEqualTo((int) contacts);
        assertThat(jdbc.sql("select count(*) from planned_action where account_id = ? and channel is not null"
                + " and state = 'PLANNED'").param(a).query(Long.class).single()).isZero();
        assertThat(report.sent()).isEqualTo(report.queued());
        assertThat(get("/api/v1/outbox?account=" + a).json().get("total").asLong()).isEqualTo(report.sent());
    }
}
