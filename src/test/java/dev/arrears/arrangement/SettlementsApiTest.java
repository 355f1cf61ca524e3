package dev.arrears.arrangement;

import dev.arrears.cycle.CaseViews.CaseView;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlements and waivers with maker-checker approval over real HTTP: a collector makes, another user whose role's
 * limit covers the discount approves (the maker and a lower role get 403), a paid settlement writes off the rest and
 * closes the case SETTLED, an approved waiver is applied at once; rejections, expiry and bad input. Default limits:
 * a collector up to 500.00 CNY, a supervisor up to 5,000.00, a manager anything.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SettlementsApiTest {

    private static final String PASSWORD = "settlements-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Currency CNY = Currency.getInstance("CNY");

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
    Settlements settlements;

    final HttpClient http = HttpClient.newHttpClient();
    private final String p = "ST" + UUID.randomUUID().toString().substring(0, 8) + "-";

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
    void users() {
        for (String[] u : new String[][] {{"st-collector-1", "COLLECTOR"}, {"st-collector-2", "COLLECTOR"},
                {"st-supervisor", "SUPERVISOR"}, {"st-manager", "MANAGER"}, {"st-auditor", "AUDITOR"}}) {
            jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                    .params(u[0], encoder.encode(PASSWORD), "{" + u[1] + "}", Timestamp.from(Instant.now())).update();
        }
    }

    /** Opens an account owing {@code minor} CNY since 2026-11-01 with its case open; returns its id. */
    private long account(String ref, long minor) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "陈伟", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613900139000",
                        Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + ref, ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + ref + "-B", p + ref, LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 11, 1), CNY, minor, List.of(new BillLine("月租", LineCategory.SERVICE, minor - 5_000),
                new BillLine("滞纳金", LineCategory.FEE, 5_000)))));
        cycles.reevaluate(List.of(id));
        return id;
    }

    private CaseView lastCase(long accountId) {
        return cycles.cases(accountId).getFirst();
    }

    private long balance(long accountId) {
        return ledger.account(accountId, null).orElseThrow().summary().balanceMinor();
    }

    Response send(String user, HttpRequest.Builder request) {
        request.header("Accept", "application/json, application/problem+json");
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
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

    Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Response post(String user, String path, String json) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    @Test
    void supervisorApprovesASettlement_andPayingItWritesOffTheRestAndClosesTheCaseSettled() {
        long a = account("S", 300_000);
        assertThat(lastCase(a).status()).isEqualTo("OPEN");
        Response offered = post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2000.00\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-30\",\"reason\":\"失业，一次性结清\"}");
        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        assertThat(offered.json().get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(offered.json().get("discount").asString()).isEqualTo("1000.00");
        long approval = offered.json().get("approvalId").asLong();
        Response queued = get("st-supervisor", "/api/v1/approvals/" + approval);
        assertThat(queued.json().get("requiredRole").asString()).isEqualTo("SUPERVISOR");
        assertThat(queued.json().get("amount").asString()).isEqualTo("1000.00");
        assertThat(get("st-supervisor", "/api/v1/approvals?state=PENDING").json().valueStream()
                .anyMatch(j -> j.get("id").asLong() == approval)).isTrue();

        Response own = post("st-collector-1", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.json().get("detail").asString()).contains("maker");
        Response tooLow = post("st-collector-2", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(tooLow.status()).isEqualTo(403);
        assertThat(tooLow.json().get("detail").asString()).contains("needs SUPERVISOR");
        Response approved = post("st-supervisor", "/api/v1/approvals/" + approval + "/approve",
                "{\"note\":\"verified hardship\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("checker").asString()).isEqualTo("st-supervisor");
        assertThat(post("st-manager", "/api/v1/approvals/" + approval + "/reject", "{}").status()).isEqualTo(409);
        long id = offered.json().get("id").asLong();
        assertThat(get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/" + id).json().get("state")
                .asString()).isEqualTo("OFFERED");

        ledger.postPayments(List.of(new PostPayment(p + "P1", p + "S", 150_000, CNY,
                Instant.parse("2026-11-23T05:00:00Z"), PaymentMethod.BANK_TRANSFER, null)));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("OFFERED");
        assertThat(settlements.settlement(id).orElseThrow().paidMinor()).isEqualTo(150_000);
        ledger.postPayments(List.of(new PostPayment(p + "P2", p + "S", 50_000, CNY,
                Instant.parse("2026-11-23T05:10:00Z"), PaymentMethod.BANK_TRANSFER, null)));

        Response paid = get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/" + id);
        assertThat(paid.json().get("state").asString()).as(paid.toString()).isEqualTo("PAID");
        assertThat(paid.json().get("writtenOff").asString()).isEqualTo("1000.00");
        assertThat(balance(a)).isZero();
        CaseView closed = lastCase(a);
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closeReason()).isEqualTo("SETTLED");
        assertThat(jdbc.sql("select count(*) from adjustment where external_ref = ? and type = 'WAIVER'"
                + " and amount_minor = 100000").param("arrangement-settlement-" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select string_agg(details::json ->> 'decision', ',' order by id) from audit_entry"
                        + " where kind = 'APPROVAL' and subject_id = ?")
                .param(Long.toString(a)).query(String.class).single()).isEqualTo("REQUESTED,APPROVED");
    }

    @Test
    void approvedWaiver_isAppliedAtOnce_andAManagerApprovesWhatASupervisorMayNot() {
        long a = account("W", 300_000);
        Response small = post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"50.00\",\"currency\":\"CNY\",\"billRef\":\"" + p + "W-B\",\"reason\":\"late fee\"}");
        assertThat(small.status()).as(small.toString()).isEqualTo(201);
        long approval = small.json().get("approvalId").asLong();
        assertThat(get("st-collector-2", "/api/v1/approvals/" + approval).json().get("requiredRole").asString())
                .isEqualTo("COLLECTOR");
        assertThat(post("st-auditor", "/api/v1/approvals/" + approval + "/approve", "{}").status()).isEqualTo(403);
        Response approved = post("st-collector-2", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode waiver = get("st-collector-1", "/api/v1/accounts/" + a + "/waivers").json().get(0);
        assertThat(waiver.get("state").asString()).isEqualTo("APPLIED");
        assertThat(waiver.get("adjustmentId").isNull()).isFalse();
        assertThat(balance(a)).isEqualTo(295_000);

        Response big = post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"2900.00\",\"currency\":\"CNY\",\"reason\":\"deceased customer\"}");
        long bigApproval = big.json().get("approvalId").asLong();
        assertThat(post("st-supervisor", "/api/v1/approvals/" + bigApproval + "/approve", "{}").status())
                .isEqualTo(200); // 2,900.00 is within a supervisor's 5,000.00
        assertThat(balance(a)).isEqualTo(5_000);

        long b = account("M", 2_000_000);
        Response huge = post("st-collector-1", "/api/v1/accounts/" + b + "/settlements",
                "{\"amount\":\"5000\",\"currency\":\"CNY\",\"validUntil\":\"2026-12-10\",\"reason\":\"bankruptcy\"}");
        long hugeApproval = huge.json().get("approvalId").asLong();
        Response supervisor = post("st-supervisor", "/api/v1/approvals/" + hugeApproval + "/approve", "{}");
        assertThat(supervisor.status()).isEqualTo(403);
        assertThat(supervisor.json().get("detail").asString()).contains("needs MANAGER");
        assertThat(post("st-manager", "/api/v1/approvals/" + hugeApproval + "/approve", "{}").status())
                .isEqualTo(200);
    }

    @Test
    void rejectedAndExpiredSettlements_endWithoutTouchingTheBalance() {
        long a = account("R", 300_000);
        Response offered = post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2500\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        Response second = post("st-collector-2", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2400\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        assertThat(second.status()).as("one open settlement per account").isEqualTo(409);
        long approval = offered.json().get("approvalId").asLong();
        Response rejected = post("st-supervisor", "/api/v1/approvals/" + approval + "/reject",
                "{\"note\":\"no hardship shown\"}");
        assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
        assertThat(settlements.settlement(offered.json().get("id").asLong()).orElseThrow().state())
                .isEqualTo("REJECTED");

        Response again = post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2500\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        assertThat(again.status()).isEqualTo(201);
        post("st-manager", "/api/v1/approvals/" + again.json().get("approvalId").asLong() + "/approve", "{}");
        long id = again.json().get("id").asLong();
        settlements.beforeCycle(LocalDate.of(2026, 11, 25));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("OFFERED");
        settlements.beforeCycle(LocalDate.of(2026, 11, 26));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("EXPIRED");
        assertThat(balance(a)).isEqualTo(300_000);
        assertThat(lastCase(a).status()).isEqualTo("OPEN");
    }

    @Test
    void badInput_isAProblemNamingEachField() {
        long a = account("X", 300_000);
        Response empty = post("st-collector-1", "/api/v1/accounts/" + a + "/settlements", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.pointers()).containsExactlyInAnyOrder("/currency", "/amount", "/validUntil", "/reason");
        Response rules = post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"3000.00\",\"currency\":\"USD\",\"validUntil\":\"2027-03-01\",\"reason\":\"x\"}");
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.pointers()).containsExactlyInAnyOrder("/currency", "/amount", "/validUntil");
        Response waiver = post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"5000.00\",\"currency\":\"CNY\",\"billRef\":\"nope\",\"reason\":\" \"}");
        assertThat(waiver.status()).isEqualTo(400);
        assertThat(waiver.pointers()).containsExactlyInAnyOrder("/reason");
        Response waiverRules = post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"5000.00\",\"currency\":\"CNY\",\"billRef\":\"nope\",\"reason\":\"fee\"}");
        assertThat(waiverRules.pointers()).containsExactlyInAnyOrder("/amount", "/billRef");
        assertThat(get("st-supervisor", "/api/v1/approvals?state=MAYBE").status()).isEqualTo(400);
        assertThat(get("st-supervisor", "/api/v1/approvals/999999999").status()).isEqualTo(404);
        assertThat(post("st-supervisor", "/api/v1/approvals/999999999/approve", "{}").status()).isEqualTo(404);
        assertThat(get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/999999999").status())
                .isEqualTo(404);
        assertThat(get("st-collector-1", "/api/v1/accounts/" + a + "/settlements").json()).isEmpty();
    }
}
