package dev.arrears.arrangement;

import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import dev.arrears.arrangement.domain.PlanRules.Frequency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlements and waivers with maker-checker approval over real HTTP: a collector makes, another user whose role's
 * limit covers the discount approves (the maker and a lower role get 403), a paid settlement writes off the rest and
 * closes the case SETTLED and ends the plan or promise it supersedes, an approved waiver is applied at once;
 * rejections, expiry and bad input. Default limits:
 * a collector up to 500.00 CNY, a supervisor up to 5,000.00, a manager anything.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SettlementsApiTest {

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
    @Autowired
    Plans plans;
    @Autowired
    Promises promises;

    Api api;

    @BeforeEach
    void users() {
        api = new Api(port, jdbc, encoder, ledger, cycles, "st-collector-1", "COLLECTOR", "st-collector-2",
                "COLLECTOR", "st-supervisor", "SUPERVISOR", "st-manager", "MANAGER", "st-auditor", "AUDITOR");
    }

    @Test
    void supervisorApprovesASettlement_andPayingItWritesOffTheRestAndClosesTheCaseSettled() {
        long a = api.account("S", 300_000);
        assertThat(api.lastCase(a).status()).isEqualTo("OPEN");
        Api.Response offered = api.post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2000.00\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-30\",\"reason\":\"失业，一次性结清\"}");
        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        assertThat(offered.json().get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(offered.json().get("discount").asString()).isEqualTo("1000.00");
        long approval = offered.json().get("approvalId").asLong();
        Api.Response queued = api.get("st-supervisor", "/api/v1/approvals/" + approval);
        assertThat(queued.json().get("requiredRole").asString()).isEqualTo("SUPERVISOR");
        assertThat(queued.json().get("amount").asString()).isEqualTo("1000.00");
        assertThat(api.get("st-supervisor", "/api/v1/approvals?state=PENDING").json().valueStream()
                .anyMatch(j -> j.get("id").asLong() == approval)).isTrue();

        Api.Response own = api.post("st-collector-1", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.json().get("detail").asString()).contains("maker");
        Api.Response tooLow = api.post("st-collector-2", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(tooLow.status()).isEqualTo(403);
        assertThat(tooLow.json().get("detail").asString()).contains("needs SUPERVISOR");
        Api.Response approved = api.post("st-supervisor", "/api/v1/approvals/" + approval + "/approve",
                "{\"note\":\"verified hardship\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("checker").asString()).isEqualTo("st-supervisor");
        assertThat(api.post("st-manager", "/api/v1/approvals/" + approval + "/reject", "{}").status()).isEqualTo(409);
        long id = offered.json().get("id").asLong();
        assertThat(api.get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/" + id).json().get("state")
                .asString()).isEqualTo("OFFERED");

        ledger.postPayments(List.of(new PostPayment(api.p + "P1", api.p + "S", 150_000, CNY,
                Instant.parse("2026-11-23T05:00:00Z"), PaymentMethod.BANK_TRANSFER, null)));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("OFFERED");
        assertThat(settlements.settlement(id).orElseThrow().paidMinor()).isEqualTo(150_000);
        ledger.postPayments(List.of(new PostPayment(api.p + "P2", api.p + "S", 50_000, CNY,
                Instant.parse("2026-11-23T05:10:00Z"), PaymentMethod.BANK_TRANSFER, null)));

        Api.Response paid = api.get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/" + id);
        assertThat(paid.json().get("state").asString()).as(paid.toString()).isEqualTo("PAID");
        assertThat(paid.json().get("writtenOff").asString()).isEqualTo("1000.00");
        assertThat(api.balance(a)).isZero();
        CaseView closed = api.lastCase(a);
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closeReason()).isEqualTo("SETTLED");
        assertThat(jdbc.sql("select count(*) from adjustment where external_ref = ? and type = 'WAIVER'"
                + " and amount_minor = 100000").param("arrangement-settlement-" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select string_agg(details::json ->> 'decision', ',' order by id) from audit_entry"
                        + " where kind = 'APPROVAL' and subject_id = ?")
                .param(Long.toString(a)).query(String.class).single()).isEqualTo("REQUESTED,APPROVED");
    }

    /** Offers a settlement of {@code amount} (until 2026-11-30) and has the manager approve it; returns its id. */
    private long offeredSettlement(long accountId, String amount) {
        Api.Response offered = api.post("st-collector-1", "/api/v1/accounts/" + accountId + "/settlements",
                "{\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-30\","
                        + "\"reason\":\"one payment\"}");
        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        Api.Response approved = api.post("st-manager", "/api/v1/approvals/" + offered.json().get("approvalId")
                .asLong() + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return offered.json().get("id").asLong();
    }

    @Test
    void paidSettlement_endsTheActivePlanSettled_cancelsItsRemindersAndTheCycleNeverDefaultsIt() {
        long a = api.account("PL", 300_000);
        long plan = plans.make(a, new Plans.MakePlan(3, null, "CNY", Frequency.MONTHLY, LocalDate.of(2026, 12, 10)),
                "st-collector-1").id();
        api.pay("PL", 30_000, "DOWN", Instant.parse("2026-11-23T04:00:00Z")); // the down payment
        plans.beforeCycle(LocalDate.of(2026, 12, 7)); // plans the reminder three days before instalment 1
        String reminder = "plan:" + plan + ":instalment:1:before";
        assertThat(reminderState(reminder)).isEqualTo("PLANNED");
        assertThat(api.openCase(a).promiseActive()).isTrue();

        long id = offeredSettlement(a, "2000.00");
        api.pay("PL", 200_000, "SETTLE", Instant.parse("2026-11-23T05:00:00Z"));

        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("PAID");
        Api.Response shown = api.get("st-collector-1", "/api/v1/accounts/" + a + "/plans/" + plan);
        assertThat(shown.json().get("state").asString()).as(shown.toString()).isEqualTo("SETTLED");
        assertThat(shown.json().get("endReason").asString()).isEqualTo("settlement " + id + " paid");
        assertThat(shown.json().get("endedOn").asString()).isEqualTo("2026-11-23");
        assertThat(shown.json().get("paid").asString()).as("the down payment and the settlement")
                .isEqualTo("2300.00");
        assertThat(reminderState(reminder)).isEqualTo("CANCELLED");
        CaseView closed = api.lastCase(a);
        assertThat(closed.closeReason()).isEqualTo("SETTLED");
        assertThat(closed.promiseActive()).as("the hold was lifted before the case closed").isFalse();

        plans.beforeCycle(LocalDate.of(2027, 2, 1)); // long past every instalment's grace
        assertThat(plans.plan(plan).orElseThrow().state()).as("no later default").isEqualTo("SETTLED");
    }

    @Test
    void paidSettlement_cancelsAnActivePromiseItDidNotPay_andKeepsOneItDid() {
        long a = api.account("PR", 300_000);
        PromiseView big = promises.take(a, new Promises.TakePromise(250_000, "CNY", LocalDate.of(2026, 11, 27),
                PromiseView.PromiseChannel.CALL, null, false), "st-collector-1");
        long id = offeredSettlement(a, "2000.00");
        api.pay("PR", 200_000, "PR-SETTLE", Instant.parse("2026-11-23T05:00:00Z"));
        PromiseView ended = promises.promise(big.id()).orElseThrow();
        assertThat(ended.state()).as("2,000.00 paid of 2,500.00 promised: settled, not kept").isEqualTo("CANCELLED");
        assertThat(ended.endReason()).isEqualTo("settlement " + id + " paid");
        assertThat(ended.paidMinor()).isEqualTo(200_000);
        assertThat(api.lastCase(a).closeReason()).isEqualTo("SETTLED");
        assertThat(api.lastCase(a).promiseActive()).isFalse();
        assertThat(jdbc.sql("select string_agg(details::json ->> 'state', ',' order by id) from audit_entry"
                        + " where kind = 'PROMISE_CHANGED' and subject_id = ?")
                .param(Long.toString(a)).query(String.class).single()).isEqualTo("ACTIVE,CANCELLED");
        promises.beforeCycle(LocalDate.of(2026, 12, 15)); // past the promised date and its grace
        assertThat(promises.promise(big.id()).orElseThrow().state()).as("never broken").isEqualTo("CANCELLED");

        long b = api.account("PK", 300_000);
        PromiseView small = promises.take(b, new Promises.TakePromise(50_000, "CNY", LocalDate.of(2026, 11, 27),
                PromiseView.PromiseChannel.CALL, null, false), "st-collector-1");
        long other = offeredSettlement(b, "2000.00");
        api.pay("PK", 200_000, "PK-SETTLE", Instant.parse("2026-11-23T05:00:00Z"));
        PromiseView kept = promises.promise(small.id()).orElseThrow();
        assertThat(kept.state()).isEqualTo("KEPT");
        assertThat(kept.endReason()).isEqualTo("settlement " + other + " paid");
    }

    private String reminderState(String source) {
        return jdbc.sql("select state from planned_action where source = ?").param(source).query(String.class)
                .single();
    }

    @Test
    void approvedWaiver_isAppliedAtOnce_andAManagerApprovesWhatASupervisorMayNot() {
        long a = api.account("W", 300_000);
        Api.Response small = api.post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"50.00\",\"currency\":\"CNY\",\"billRef\":\"" + api.p + "W-B\",\"reason\":\"late fee\"}");
        assertThat(small.status()).as(small.toString()).isEqualTo(201);
        long approval = small.json().get("approvalId").asLong();
        assertThat(api.get("st-collector-2", "/api/v1/approvals/" + approval).json().get("requiredRole").asString())
                .isEqualTo("COLLECTOR");
        assertThat(api.post("st-auditor", "/api/v1/approvals/" + approval + "/approve", "{}").status()).isEqualTo(403);
        Api.Response approved = api.post("st-collector-2", "/api/v1/approvals/" + approval + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode waiver = api.get("st-collector-1", "/api/v1/accounts/" + a + "/waivers").json().get(0);
        assertThat(waiver.get("state").asString()).isEqualTo("APPLIED");
        assertThat(waiver.get("adjustmentId").isNull()).isFalse();
        assertThat(api.balance(a)).isEqualTo(295_000);

        Api.Response big = api.post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"2900.00\",\"currency\":\"CNY\",\"reason\":\"deceased customer\"}");
        long bigApproval = big.json().get("approvalId").asLong();
        assertThat(api.post("st-supervisor", "/api/v1/approvals/" + bigApproval + "/approve", "{}").status())
                .isEqualTo(200); // 2,900.00 is within a supervisor's 5,000.00
        assertThat(api.balance(a)).isEqualTo(5_000);

        long b = api.account("M", 2_000_000);
        Api.Response huge = api.post("st-collector-1", "/api/v1/accounts/" + b + "/settlements",
                "{\"amount\":\"5000\",\"currency\":\"CNY\",\"validUntil\":\"2026-12-10\",\"reason\":\"bankruptcy\"}");
        long hugeApproval = huge.json().get("approvalId").asLong();
        Api.Response supervisor = api.post("st-supervisor", "/api/v1/approvals/" + hugeApproval + "/approve", "{}");
        assertThat(supervisor.status()).isEqualTo(403);
        assertThat(supervisor.json().get("detail").asString()).contains("needs MANAGER");
        assertThat(api.post("st-manager", "/api/v1/approvals/" + hugeApproval + "/approve", "{}").status())
                .isEqualTo(200);
    }

    @Test
    void rejectedAndExpiredSettlements_endWithoutTouchingTheBalance() {
        long a = api.account("R", 300_000);
        Api.Response offered = api.post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2500\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        Api.Response second = api.post("st-collector-2", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2400\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        assertThat(second.status()).as("one open settlement per account").isEqualTo(409);
        long approval = offered.json().get("approvalId").asLong();
        Api.Response rejected = api.post("st-supervisor", "/api/v1/approvals/" + approval + "/reject",
                "{\"note\":\"no hardship shown\"}");
        assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
        assertThat(settlements.settlement(offered.json().get("id").asLong()).orElseThrow().state())
                .isEqualTo("REJECTED");

        Api.Response again = api.post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"2500\",\"currency\":\"CNY\",\"validUntil\":\"2026-11-25\",\"reason\":\"goodwill\"}");
        assertThat(again.status()).isEqualTo(201);
        api.post("st-manager", "/api/v1/approvals/" + again.json().get("approvalId").asLong() + "/approve", "{}");
        long id = again.json().get("id").asLong();
        settlements.beforeCycle(LocalDate.of(2026, 11, 25));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("OFFERED");
        settlements.beforeCycle(LocalDate.of(2026, 11, 26));
        assertThat(settlements.settlement(id).orElseThrow().state()).isEqualTo("EXPIRED");
        assertThat(api.balance(a)).isEqualTo(300_000);
        assertThat(api.lastCase(a).status()).isEqualTo("OPEN");
    }

    @Test
    void badInput_isAProblemNamingEachField() {
        long a = api.account("X", 300_000);
        Api.Response empty = api.post("st-collector-1", "/api/v1/accounts/" + a + "/settlements", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.pointers()).containsExactlyInAnyOrder("/currency", "/amount", "/validUntil", "/reason");
        Api.Response rules = api.post("st-collector-1", "/api/v1/accounts/" + a + "/settlements",
                "{\"amount\":\"3000.00\",\"currency\":\"USD\",\"validUntil\":\"2027-03-01\",\"reason\":\"x\"}");
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.pointers()).containsExactlyInAnyOrder("/currency", "/amount", "/validUntil");
        Api.Response waiver = api.post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"5000.00\",\"currency\":\"CNY\",\"billRef\":\"nope\",\"reason\":\" \"}");
        assertThat(waiver.status()).isEqualTo(400);
        assertThat(waiver.pointers()).containsExactlyInAnyOrder("/reason");
        Api.Response waiverRules = api.post("st-collector-1", "/api/v1/accounts/" + a + "/waivers",
                "{\"amount\":\"5000.00\",\"currency\":\"CNY\",\"billRef\":\"nope\",\"reason\":\"fee\"}");
        assertThat(waiverRules.pointers()).containsExactlyInAnyOrder("/amount", "/billRef");
        assertThat(api.get("st-supervisor", "/api/v1/approvals?state=MAYBE").status()).isEqualTo(400);
        assertThat(api.get("st-supervisor", "/api/v1/approvals/999999999").status()).isEqualTo(404);
        assertThat(api.post("st-supervisor", "/api/v1/approvals/999999999/approve", "{}").status()).isEqualTo(404);
        assertThat(api.get("st-collector-1", "/api/v1/accounts/" + a + "/settlements/999999999").status())
                .isEqualTo(404);
        assertThat(api.get("st-collector-1", "/api/v1/accounts/" + a + "/settlements").json()).isEmpty();
    }
}
