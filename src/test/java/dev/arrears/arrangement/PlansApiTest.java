package dev.arrears.arrangement;

import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Ledger;
import dev.arrears.strategy.Strategies;
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
import java.util.List;

import dev.arrears.arrangement.domain.PlanRules.Frequency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instalment plans over real HTTP: the options a TELECOM_POSTPAID account has (at most 6, 10% down, instalments of
 * 50.00 at least, 3 days of grace), making one pauses the ladder, payments cover instalments oldest first and a
 * paid plan completes, an unpaid instalment after its grace defaults the plan in the cycle's step, and a promise kept
 * while a plan runs leaves the ladder paused. The test clock stands at 2026-11-23T04:00:00Z.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlansApiTest {

    private static final String USER = "plans-api-test";

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
    Plans plans;
    @Autowired
    Promises promises;
    @Autowired
    Strategies strategies;

    Api api;

    @BeforeEach
    void user() {
        api = new Api(port, jdbc, encoder, ledger, cycles, USER, "COLLECTOR");
    }

    @Test
    void optionsFollowTheProductLinesRules() {
        long a = api.account("O", 300_000);
        Api.Response o = api.get(USER, "/api/v1/accounts/" + a + "/plans/options");
        assertThat(o.status()).as(o.toString()).isEqualTo(200);
        assertThat(o.json().get("maxInstalments").asInt()).isEqualTo(6);
        assertThat(o.json().get("minDownPayment").asString()).isEqualTo("300.00");
        assertThat(o.json().get("options")).hasSize(6);
        JsonNode three = o.json().get("options").get(2);
        assertThat(three.get("instalments").asInt()).isEqualTo(3);
        assertThat(three.get("schedule").valueStream().map(i -> i.get("amount").asString()).toList())
                .containsExactly("300.00", "900.00", "900.00", "900.00");
        assertThat(three.get("schedule").get(1).get("dueOn").asString()).isEqualTo("2026-12-23");
    }

    @Test
    void aRiskyGradeTightensThePlans_fewerInstalmentsAndALargerDownPayment() {
        long a = api.account("G", 300_000);
        jdbc.sql("""
                        insert into account_score (account_id, scored_on, points, grade, probability, logged_points,
                            logged_grade)
                        values (?, date '2026-11-23', 480, 'E', 0.41, 480, 'E')
                        on conflict (account_id) do update set grade = 'E', points = 480""")
                .params(a).update();
        Api.Response o = api.get(USER, "/api/v1/accounts/" + a + "/plans/options");
        assertThat(o.status()).as(o.toString()).isEqualTo(200);
        assertThat(o.json().get("riskGrade").asString()).isEqualTo("E");
        assertThat(o.json().get("maxInstalments").asInt()).isEqualTo(3);
        assertThat(o.json().get("minDownPercent").asInt()).isEqualTo(30);
        assertThat(o.json().get("minDownPayment").asString()).isEqualTo("900.00");
        assertThat(o.json().get("options")).hasSize(3);

        Api.Response six = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments": 6, "currency": "CNY", "firstDueDate": "2026-12-23"}""");
        assertThat(six.status()).as(six.toString()).isEqualTo(400);
        assertThat(six.text()).contains("must be from 1 to 3");
    }

    @Test
    void planPausesTheLadder_paymentsCoverInstalmentsOldestFirst_andAPaidPlanCompletes() {
        long a = api.account("P", 300_000);
        Api.Response made = api.post(USER, "/api/v1/accounts/" + a + "/plans",
                "{\"instalments\":2,\"downPayment\":\"500.00\",\"currency\":\"CNY\",\"frequency\":\"monthly\","
                        + "\"firstDueDate\":\"2026-12-10\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().get("state").asString()).isEqualTo("ACTIVE");
        assertThat(made.json().get("instalments").valueStream().map(i -> i.get("number").asInt() + " "
                + i.get("dueOn").asString() + " " + i.get("amount").asString()).toList())
                .containsExactly("0 2026-11-23 500.00", "1 2026-12-10 1250.00", "2 2027-01-10 1250.00");
        assertThat(api.openCase(a).promiseActive()).as("the ladder pauses").isTrue();
        long id = made.json().get("id").asLong();
        assertThat(api.post(USER, "/api/v1/accounts/" + a + "/plans", "{\"instalments\":2,\"currency\":\"CNY\","
                + "\"firstDueDate\":\"2026-12-10\"}").status()).as("one active plan").isEqualTo(409);

        api.pay("P", 100_000, "P1", Instant.parse("2026-11-23T04:00:00Z"));
        JsonNode partly = api.get(USER, "/api/v1/accounts/" + a + "/plans/" + id).json();
        assertThat(partly.get("paid").asString()).isEqualTo("1000.00");
        assertThat(partly.get("instalments").valueStream().map(i -> i.get("state").asString()).toList())
                .containsExactly("PAID", "DUE", "DUE");

        // a promise taken and kept meanwhile must not lift the plan's pause
        promises.take(a, new Promises.TakePromise(10_000, "CNY", LocalDate.of(2026, 11, 25),
                PromiseView.PromiseChannel.CALL, null, false), USER);
        api.pay("P", 10_000, "P2", Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(promises.promises(a).getFirst().state()).isEqualTo("KEPT");
        assertThat(api.openCase(a).promiseActive()).as("the plan still pauses the ladder").isTrue();

        api.pay("P", 190_000, "P3", Instant.parse("2026-11-23T04:00:00Z"));
        JsonNode done = api.get(USER, "/api/v1/accounts/" + a + "/plans/" + id).json();
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("instalments").valueStream().map(i -> i.get("state").asString()).toList())
                .containsExactly("PAID", "PAID", "PAID");
    }

    @Test
    void unpaidInstalmentAfterItsGrace_defaultsThePlanAndTheLadderResumes() {
        long a = api.account("D", 300_000);
        PlanView plan = plans.make(a, new Plans.MakePlan(3, null, "CNY", Frequency.MONTHLY,
                LocalDate.of(2026, 12, 1)), USER);
        api.pay("D", 30_000, "P1", Instant.parse("2026-11-23T04:00:00Z")); // the down payment
        plans.beforeCycle(LocalDate.of(2026, 12, 4)); // due 12-01, three days of grace: still in time
        assertThat(plans.plan(plan.id()).orElseThrow().state()).isEqualTo("ACTIVE");
        plans.beforeCycle(LocalDate.of(2026, 12, 5));
        PlanView defaulted = plans.plan(plan.id()).orElseThrow();
        assertThat(defaulted.state()).isEqualTo("DEFAULTED");
        assertThat(defaulted.endReason()).contains("instalment 1 due 2026-12-01");
        assertThat(defaulted.instalments().stream().map(PlanView.InstalmentView::state).toList())
                .containsExactly("PAID", "MISSED", "DUE", "DUE");
        assertThat(api.openCase(a).promiseActive()).as("the ladder resumes").isFalse();
    }

    @Test
    void partialPlan_coversPartOfTheBalance_andTheRestOverdueKeepsBeingDunned() {
        long a = api.account("C", 300_000); // 3,000.00 all overdue since 2026-11-01
        Api.Response o = api.get(USER, "/api/v1/accounts/" + a + "/plans/options?amount=2000.00");
        assertThat(o.status()).as(o.toString()).isEqualTo(200);
        assertThat(o.json().get("balance").asString()).isEqualTo("3000.00");
        assertThat(o.json().get("covered").asString()).isEqualTo("2000.00");
        assertThat(o.json().get("minDownPayment").asString()).as("10% of what the plan covers").isEqualTo("200.00");
        assertThat(o.json().get("options").get(2).get("schedule").valueStream().map(i -> i.get("amount").asString())
                .toList()).containsExactly("200.00", "600.00", "600.00", "600.00");
        assertThat(api.get(USER, "/api/v1/accounts/" + a + "/plans/options").json().get("covered").asString())
                .as("the whole balance by default").isEqualTo("3000.00");

        Api.Response made = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":3,"currency":"CNY","coveredAmount":"2000.00","firstDueDate":"2026-12-23"}""");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().get("covered").asString()).isEqualTo("2000.00");
        assertThat(made.json().get("balance").asString()).isEqualTo("3000.00");
        assertThat(made.json().get("downPayment").asString()).isEqualTo("200.00");
        long id = made.json().get("id").asLong();
        // 1,000.00 is overdue outside the plan: the ladder goes on for it
        assertThat(api.openCase(a).promiseActive()).isFalse();
        assertThat(cycles.evaluate(null, null, a, LocalDate.of(2026, 11, 24)).outcome()).isNotEqualTo("STOPPED");

        // payments count towards the plan first, as the ledger pays the oldest bills first
        api.pay("C", 100_000, "C1", Instant.parse("2026-11-23T04:00:00Z"));
        JsonNode paid = api.get(USER, "/api/v1/accounts/" + a + "/plans/" + id).json();
        assertThat(paid.get("paid").asString()).isEqualTo("1000.00");
        assertThat(paid.get("instalments").valueStream().map(i -> i.get("state").asString()).toList())
                .containsExactly("PAID", "PAID", "DUE", "DUE");
        assertThat(api.openCase(a).promiseActive()).as("still 1,000.00 overdue outside the plan").isFalse();

        // a promise pauses the ladder while it runs; when it ends, the partial plan does not keep it paused
        PromiseView promise = promises.take(a, new Promises.TakePromise(50_000, "CNY", LocalDate.of(2026, 11, 27),
                PromiseView.PromiseChannel.CALL, null, false), USER);
        assertThat(api.openCase(a).promiseActive()).isTrue();
        promises.cancel(promise.id(), USER, "customer changed their mind");
        assertThat(api.openCase(a).promiseActive()).isFalse();

        // the same account's plan over the whole balance pauses everything, as before
        api.post(USER, "/api/v1/accounts/" + a + "/plans/" + id + "/cancel", "{}");
        Api.Response whole = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":2,"currency":"CNY","firstDueDate":"2026-12-23"}""");
        assertThat(whole.json().get("covered").asString()).isEqualTo(whole.json().get("balance").asString());
        assertThat(api.openCase(a).promiseActive()).isTrue();
        assertThat(cycles.evaluate(null, null, a, LocalDate.of(2026, 11, 24)).outcome()).isEqualTo("STOPPED");
    }

    @Test
    void partialPlanOverWhatIsOverdue_pausesTheLadderUntilABillOutsideItFallsDue() {
        long a = api.account("N", 300_000);
        ledger.issueBills(List.of(new IssueBill(api.p + "N-B2", api.p + "N", LocalDate.of(2026, 11, 15),
                LocalDate.of(2026, 12, 1), Api.CNY, 100_000, List.of(new BillLine("月租", LineCategory.SERVICE,
                100_000)))));
        Api.Response made = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":3,"currency":"CNY","coveredAmount":"3000.00","firstDueDate":"2026-12-20"}""");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().get("balance").asString()).isEqualTo("4000.00");
        long id = made.json().get("id").asLong();
        assertThat(api.openCase(a).promiseActive()).as("all that is overdue is in the plan").isTrue();
        assertThat(cycles.evaluate(null, null, a, LocalDate.of(2026, 11, 24)).outcome()).isEqualTo("STOPPED");
        api.pay("N", 30_000, "N1", Instant.parse("2026-11-23T04:00:00Z")); // the down payment
        assertThat(api.openCase(a).promiseActive()).isTrue();

        plans.beforeCycle(LocalDate.of(2026, 12, 1)); // the second bill is due today, not overdue yet
        assertThat(api.openCase(a).promiseActive()).isTrue();
        plans.beforeCycle(LocalDate.of(2026, 12, 2)); // 1,000.00 overdue outside the plan: the ladder goes on
        assertThat(api.openCase(a).promiseActive()).isFalse();
        assertThat(plans.plan(id).orElseThrow().state()).isEqualTo("ACTIVE");
        assertThat(cycles.evaluate(null, null, a, LocalDate.of(2026, 12, 2)).outcome()).isNotEqualTo("STOPPED");
        plans.beforeCycle(LocalDate.of(2026, 12, 2)); // a second run changes nothing
        assertThat(api.openCase(a).promiseActive()).isFalse();
        assertThat(jdbc.sql("select count(*) from case_event e join collection_case c on c.id = e.case_id"
                + " where c.account_id = ? and e.kind = 'PROMISE_ENDED'").param(a).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void coveredAmount_badInputIsAProblem_andTheMinimumsApplyToWhatThePlanCovers() {
        long a = api.account("B", 300_000);
        for (String bad : List.of("\"0\"", "\"-5.00\"", "\"3000.01\"", "\"ten\"", "\"1.001\"", "\"\"")) {
            Api.Response r = api.post(USER, "/api/v1/accounts/" + a + "/plans", "{\"instalments\":3,"
                    + "\"currency\":\"CNY\",\"firstDueDate\":\"2026-12-23\",\"coveredAmount\":" + bad + "}");
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.pointers()).as(bad).containsExactly("/coveredAmount");
        }
        Api.Response more = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":3,"currency":"CNY","firstDueDate":"2026-12-23","coveredAmount":"3000.01"}""");
        assertThat(more.text()).contains("more than the balance owed");
        for (String bad : List.of("0", "3000.01", "ten", "-1", "")) {
            Api.Response r = api.get(USER, "/api/v1/accounts/" + a + "/plans/options?amount=" + bad);
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.pointers()).as(bad).containsExactly("amount");
        }
        Api.Response smallDown = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":1,"currency":"CNY","firstDueDate":"2026-12-23","coveredAmount":"1000.00",
                 "downPayment":"99.99"}""");
        assertThat(smallDown.pointers()).containsExactly("/downPayment");
        assertThat(smallDown.text()).contains("100");
        Api.Response smallInstalments = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":6,"currency":"CNY","firstDueDate":"2026-12-23","coveredAmount":"100.00"}""");
        assertThat(smallInstalments.pointers()).containsExactly("/instalments");
        assertThat(api.get(USER, "/api/v1/accounts/" + a + "/plans/options?amount=100.00").json().get("options"))
                .as("no count keeps instalments of 90.00 at 50.00 or more but one").hasSize(1);
        Api.Response ok = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":1,"currency":"CNY","firstDueDate":"2026-12-23","coveredAmount":"1000.00",
                 "downPayment":"100.00"}""");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().get("instalments").valueStream().map(i -> i.get("amount").asString()).toList())
                .containsExactly("100.00", "900.00");
    }

    @Test
    void cancelAndBadInput() {
        long a = api.account("X", 300_000);
        Api.Response empty = api.post(USER, "/api/v1/accounts/" + a + "/plans", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.pointers()).containsExactlyInAnyOrder("/instalments", "/currency", "/firstDueDate");
        Api.Response rules = api.post(USER, "/api/v1/accounts/" + a + "/plans",
                "{\"instalments\":9,\"downPayment\":\"10.00\",\"currency\":\"USD\",\"firstDueDate\":\"2026-11-23\"}");
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.pointers()).containsExactlyInAnyOrder("/currency", "/instalments", "/downPayment",
                "/firstDueDate");
        Api.Response malformed = api.post(USER, "/api/v1/accounts/" + a + "/plans",
                "{\"instalments\":3,\"downPayment\":\"ten\",\"currency\":\"CNY\",\"frequency\":\"DAILY\","
                        + "\"firstDueDate\":\"soon\"}");
        assertThat(malformed.pointers()).containsExactlyInAnyOrder("/downPayment", "/frequency", "/firstDueDate");

        Api.Response made = api.post(USER, "/api/v1/accounts/" + a + "/plans",
                "{\"instalments\":6,\"currency\":\"CNY\",\"firstDueDate\":\"2026-12-15\",\"frequency\":\"BIWEEKLY\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        Api.Response cancelled = api.post(USER, "/api/v1/accounts/" + a + "/plans/" + id + "/cancel",
                "{\"reason\":\"customer asked\"}");
        assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(api.openCase(a).promiseActive()).isFalse();
        assertThat(api.post(USER, "/api/v1/accounts/" + a + "/plans/" + id + "/cancel", "{}").status())
                .isEqualTo(409);
        assertThat(api.get(USER, "/api/v1/accounts/" + (a + 100_000) + "/plans/" + id).status()).isEqualTo(404);
        assertThat(api.get(USER, "/api/v1/accounts/" + a + "/plans").json()).hasSize(1);
    }

    @Test
    void overdueOutsidePlan_isTheOverdueNoActivePlanCovers_andAStrategyCanTestIt() {
        long a = api.account("O", 300_000); // 3,000.00 all overdue since 2026-11-01
        String name = "outside-plan-" + a;
        int version = strategies.createVersion("""
                strategy: %s
                priority: 1
                segments:
                  - name: plan-and-dunned
                    when: "account.overdueOutsidePlan > 0.0 && account.overdueOutsidePlan < account.overdueAmount"
                    ladder:
                      - { at: "open+0d", action: SMS, template: overdue_notice }
                  - name: all-in-plan
                    when: "account.overdueOutsidePlan == 0.0"
                    ladder:
                      - { at: "open+0d", action: SMS, template: overdue_notice }
                  - name: no-plan
                    ladder:
                      - { at: "open+0d", action: SMS, template: overdue_notice }
                """.formatted(name), USER).version();
        LocalDate day = LocalDate.of(2026, 11, 24);

        var none = cycles.evaluate(name, version, a, day);
        assertThat(none.facts()).as("no plan: all of it").containsEntry("account.overdueOutsidePlan", 3000.0)
                .containsEntry("account.overdueAmount", 3000.0);
        assertThat(none.segment()).isEqualTo("no-plan");

        // a plan over 2,000.00 of the 3,000.00 overdue: 1,000.00 is outside it
        long partial = api.post(USER, "/api/v1/accounts/" + a + "/plans", """
                {"instalments":3,"currency":"CNY","coveredAmount":"2000.00","firstDueDate":"2026-12-23"}""")
                .json().get("id").asLong();
        var outside = cycles.evaluate(name, version, a, day);
        assertThat(outside.facts()).containsEntry("account.overdueOutsidePlan", 1000.0);
        assertThat(outside.segment()).isEqualTo("plan-and-dunned");
        assertThat(outside.conditions()).anySatisfy(c -> assertThat(c.expression())
                .contains("account.overdueOutsidePlan > 0.0"));

        // 1,200.00 paid counts towards the plan first: 800.00 left on it, 1,800.00 overdue, 1,000.00 outside
        api.pay("O", 120_000, "O1", Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(cycles.evaluate(name, version, a, day).facts())
                .containsEntry("account.overdueAmount", 1800.0).containsEntry("account.overdueOutsidePlan", 1000.0);

        // cancelled, the plan no longer covers anything
        api.post(USER, "/api/v1/accounts/" + a + "/plans/" + partial + "/cancel", "{}");
        assertThat(cycles.evaluate(name, version, a, day).facts())
                .containsEntry("account.overdueOutsidePlan", 1800.0);

        // a plan over the whole balance covers all that is overdue (another account: the test clock stands still,
        // so a payment taken at its instant would count towards a plan made at the same instant)
        long w = api.account("W", 300_000);
        Api.Response whole = api.post(USER, "/api/v1/accounts/" + w + "/plans", """
                {"instalments":2,"currency":"CNY","firstDueDate":"2026-12-23"}""");
        assertThat(whole.status()).as(whole.toString()).isEqualTo(201);
        var covered = cycles.evaluate(name, version, w, day);
        assertThat(covered.facts()).containsEntry("account.overdueAmount", 3000.0)
                .containsEntry("account.overdueOutsidePlan", 0.0);
        assertThat(covered.segment()).isEqualTo("all-in-plan");
    }

}
