package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.CaseViews.TimelineEntry;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instalment reminders through the real pipeline: the cycle's first step of a date three days before an instalment
 * plans one SMS per instalment on the open case (a second run plans none), dispatch sends it into the sandbox outbox
 * in the customer's zh-CN with the instalment's amount and date while the plan's hold cancels the ladder's own
 * messages, a case that cures while the plan runs still carries the reminder, and a reminder whose instalment was
 * paid, or whose plan was cancelled, is cancelled at hand-over. Each
 * account owes 3,000.00 CNY since 2026-11-01; a plan of 300.00 down and three monthly instalments of 900.00 from
 * 2026-11-26. The test clock stands at 2026-11-23T04:00:00Z (noon in Shanghai).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlanRemindersTest {

    private static final String USER = "plan-reminders-test";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

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
    Dispatch dispatch;

    Api api;

    @BeforeEach
    void user() {
        api = new Api(port, jdbc, encoder, ledger, cycles, USER, "COLLECTOR");
    }

    /** Opens an account of {@code ref} with a plan, its down payment paid; returns the plan. */
    private PlanView planWithDownPaid(String ref) {
        long a = api.account(ref, 300_000);
        PlanView plan = plans.make(a, new Plans.MakePlan(3, 30_000L, "CNY", Frequency.MONTHLY,
                LocalDate.of(2026, 11, 26)), USER);
        api.pay(ref, 30_000, ref + "-DOWN", NOW);
        return plan;
    }

    /** The reminders planned for a plan: source key → planned action id. */
    private Map<String, Long> reminders(PlanView plan) {
        return jdbc.sql("select source, id from planned_action where source like ? order by id")
                .param("plan:" + plan.id() + ":%")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private String actionState(long actionId) {
        return jdbc.sql("select state || ': ' || coalesce(state_reason, '') from planned_action where id = ?")
                .param(actionId).query(String.class).single();
    }

    @Test
    void threeDaysBefore_oneReminderPerInstalmentOnce_sentInZhCnWhileTheLadderIsHeld() {
        PlanView plan = planWithDownPaid("S");
        long a = plan.accountId();
        assertThat(plans.plan(plan.id()).orElseThrow().instalments().stream().map(i -> i.number() + " " + i.dueOn()
                + " " + i.amountMinor() + " " + i.state()).toList())
                .containsExactly("0 2026-11-23 30000 PAID", "1 2026-11-26 90000 DUE", "2 2026-12-26 90000 DUE",
                        "3 2027-01-26 90000 DUE");

        plans.beforeCycle(LocalDate.of(2026, 11, 22)); // four days before: nothing yet
        assertThat(reminders(plan)).isEmpty();
        plans.beforeCycle(TODAY);
        plans.beforeCycle(TODAY); // a resumed or repeated run plans nothing more
        Map<String, Long> planned = reminders(plan);
        String key = "plan:" + plan.id() + ":instalment:1:before";
        assertThat(planned).containsOnlyKeys(key);
        assertThat(jdbc.sql("select channel || ' ' || template || ' ' || scheduled_on || ' ' || coalesce(fallback, '-')"
                        + " from planned_action where id = ?").param(planned.get(key)).query(String.class).single())
                .isEqualTo("SMS instalment_reminder 2026-11-23 EMAIL");
        assertThat(api.openCase(a).promiseActive()).as("the plan holds the ladder").isTrue();

        assertThat(dispatch.runOnce(List.of(a)).sent()).isEqualTo(1);
        JobView job = dispatch.jobOf(planned.get(key)).orElseThrow();
        assertThat(job.state()).as(job.toString()).isEqualTo("SENT");
        assertThat(actionState(planned.get(key))).startsWith("SENT");
        String sms = jdbc.sql("select locale || ' ' || recipient || ' ' || body_text from sandbox_message"
                        + " where account_id = ? and channel = 'SMS'").param(a).query(String.class).single();
        assertThat(sms).startsWith("zh-CN +8613900139000 ")
                .contains("分期第1/3期¥900.00于2026年11月26日到期，剩余¥2,700.00。付款：")
                .contains("/portal/");
        // the ladder's own messages of the account, if any were due, were held by the plan
        assertThat(jdbc.sql("select count(*) from planned_action where account_id = ? and source is null"
                + " and state = 'SENT'").param(a).query(Long.class).single()).isZero();
        List<TimelineEntry> timeline = cycles.caseView(api.openCase(a).id()).orElseThrow().timeline();
        assertThat(timeline).anySatisfy(e -> assertThat(e.detail()).isEqualTo(key + ": SMS instalment_reminder"));
        assertThat(cycles.trace(planned.get(key))).as("no strategy decided it").isEmpty();
    }

    @Test
    void caseCuredWhileThePlanRuns_theReminderStillGoes() {
        long a = api.account("K", 10_000); // 100.00 overdue since 11-01
        ledger.issueBills(List.of(new IssueBill(api.p + "K-B2", api.p + "K", LocalDate.of(2026, 11, 15),
                LocalDate.of(2026, 12, 15), Api.CNY, 200_000, List.of(new BillLine("月租", LineCategory.SERVICE,
                200_000)))));
        PlanView plan = plans.make(a, new Plans.MakePlan(3, 21_000L, "CNY", Frequency.MONTHLY,
                LocalDate.of(2026, 11, 26)), USER);
        api.pay("K", 21_000, "K-DOWN", NOW); // pays the overdue bill: nothing overdue, the case cures
        assertThat(api.openCase(a)).as("cured").isNull();
        assertThat(api.lastCase(a).closeReason()).isEqualTo("CURED");

        plans.beforeCycle(TODAY);
        String key = "plan:" + plan.id() + ":instalment:1:before";
        assertThat(reminders(plan)).containsOnlyKeys(key);
        assertThat(dispatch.runOnce(List.of(a)).sent()).isEqualTo(1);
        assertThat(jdbc.sql("select body_text from sandbox_message where account_id = ? and channel = 'SMS'")
                .param(a).query(String.class).single()).contains("分期第1/3期¥630.00于2026年11月26日到期，剩余¥1,890.00。");
    }

    @Test
    void paidInstalment_itsReminderIsCancelledAtHandOver() {
        PlanView plan = planWithDownPaid("P");
        plans.beforeCycle(TODAY);
        long action = reminders(plan).get("plan:" + plan.id() + ":instalment:1:before");
        api.pay("P", 90_000, "P-I1", NOW); // the first instalment, before the reminder goes

        assertThat(dispatch.runOnce(List.of(plan.accountId())).sent()).isZero();
        assertThat(dispatch.jobOf(action).orElseThrow().state()).isEqualTo("CANCELLED");
        assertThat(actionState(action)).isEqualTo("CANCELLED: paid: instalment 1 is covered (plan " + plan.id() + ")");
        assertThat(jdbc.sql("select count(*) from sandbox_message where account_id = ?").param(plan.accountId())
                .query(Long.class).single()).isZero();
        plans.beforeCycle(TODAY);
        assertThat(reminders(plan)).as("a covered instalment is not planned again").hasSize(1);
    }

    @Test
    void cancelledPlan_itsReminderIsCancelledAtHandOver() {
        PlanView plan = planWithDownPaid("C");
        plans.beforeCycle(TODAY);
        long action = reminders(plan).get("plan:" + plan.id() + ":instalment:1:before");
        plans.cancel(plan.id(), USER, "customer asked");

        dispatch.runOnce(List.of(plan.accountId()));
        assertThat(actionState(action)).isEqualTo("CANCELLED: plan cancelled (plan " + plan.id() + ")");
        assertThat(jdbc.sql("select count(*) from sandbox_message where contact_key = ?")
                .param("planned-action:" + action).query(Long.class).single()).isZero();
    }
}
