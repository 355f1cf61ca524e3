package dev.arrears.cycle;

import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CaseViews.DecisionView;
import dev.arrears.cycle.CaseViews.PlannedActionView;
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
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import dev.arrears.cycle.persistence.RunStore;
import dev.arrears.strategy.Strategies;
import dev.arrears.strategy.domain.StrategyBook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reversed payment (a returned direct debit, a chargeback) counts in {@code history.reversedPayments30d} for 30
 * days in the customer's zone, and re-opens collection with the {@code payment_reversed} notice first: the shipped
 * strategies' first segment, which dispatch sends in the customer's language with what is owed again. That segment
 * takes only the case the reversal (re)opened ({@code case.reversalsAtOpen}), to the end of its ladder; a case open
 * long before keeps its own ladder. The cycle's days are run one account at a time with the shipped strategies.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaymentReversalTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Clock clock;
    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Strategies strategies;

    private final String p = "RV" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private String factsStrategy;

    @Test
    void aReversalReopensCollectionWithTheReversalNotice_andCountsFor30Days() {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Reversed Payer", CustomerType.PERSON, "en",
                ZONE, List.of(new ContactPoint(ContactKind.PHONE, "+14155550123", Set.of(Channel.SMS, Channel.CALL),
                        Set.of()), new ContactPoint(ContactKind.EMAIL, p + "payer@example.com",
                        Set.of(Channel.EMAIL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.OTHER, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + "B", p + "A", today.minusDays(40), today.minusDays(20), CNY,
                50_000, List.of(new BillLine("plan", LineCategory.SERVICE, 50_000)))));
        cycles.reevaluate(List.of(id));
        assertThat(openCase(id)).as("20 days overdue: a case is open").isNotNull();

        long paymentId = ledger.postPayments(List.of(new PostPayment(p + "P", p + "A", 50_000, CNY, clock.instant(),
                PaymentMethod.DIRECT_DEBIT, "dd"))).getFirst().view().id();
        assertThat(openCase(id)).as("paid in full: the case is cured").isNull();
        assertThat(reversed(id, today)).isZero();

        ledger.reversePayment(paymentId, new ReversePayment(ReversalReason.RETURNED_DEBIT, clock.instant()));

        assertThat(reversed(id, today)).isEqualTo(1L);
        assertThat(reversed(id, today.plusDays(29))).isEqualTo(1L);
        assertThat(reversed(id, today.plusDays(30))).as("30 days later").isZero();
        assertThat(reversed(id, today.minusDays(1))).as("the day before").isZero();
        assertThat(fact(id, today, "case.reversalsAtOpen")).as("the case the reversal opens").isEqualTo(1L);
        assertThat(fact(id, today.plusDays(45), "case.reversalsAtOpen")).as("the whole life of that case")
                .isEqualTo(1L);

        CaseView reopened = openCase(id);
        assertThat(reopened).as("the reversal re-opens collection at once").isNotNull();
        List<PlannedActionView> planned = cycles.actions(new ActionFilter(null, null, null, id, null,
                reopened.id(), 0, 20)).items();
        assertThat(planned).extracting(PlannedActionView::segment, PlannedActionView::template,
                        PlannedActionView::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("payment-reversed", "payment_reversed", "SMS"));

        DecisionView decision = cycles.evaluate("general", null, id, today.plusDays(1));
        assertThat(decision.segment()).isEqualTo("payment-reversed");
        assertThat(decision.steps()).extracting(CaseViews.StepView::template).containsExactly("payment_reversed");
    }

    @Test
    void aChargeback_theReversalNoticeGoesOutInTheCustomersLanguageWithWhatIsOwedAgain() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(clock.withZone(shanghai));
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "Z", "陈伟", CustomerType.PERSON, "zh-CN",
                shanghai, List.of(new ContactPoint(ContactKind.PHONE, "+8613900139001",
                        Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "Z", p + "Z", ProductLine.OTHER, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + "ZB", p + "Z", today.minusDays(40), today.minusDays(20), CNY,
                123_450, List.of(new BillLine("月租", LineCategory.SERVICE, 123_450)))));
        cycles.reevaluate(List.of(id));
        long paymentId = ledger.postPayments(List.of(new PostPayment(p + "ZP", p + "Z", 123_450, CNY,
                clock.instant(), PaymentMethod.CARD, "card"))).getFirst().view().id();
        assertThat(openCase(id)).as("paid in full: the case is cured").isNull();
        ledger.reversePayment(paymentId, new ReversePayment(ReversalReason.CHARGEBACK, clock.instant()));
        assertThat(openCase(id)).as("the chargeback re-opens collection").isNotNull();

        dispatch.runOnce(List.of(id));

        List<String> sms = jdbc.sql("select locale || ' ' || body_text from sandbox_message"
                + " where account_id = ? and channel = 'SMS'").param(id).query(String.class).list();
        assertThat(sms).hasSize(1);
        assertThat(sms.getFirst()).startsWith("zh-CN ")
                .contains("您" + today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth()
                        + "日的¥1,234.50付款已被退回，¥1,234.50重新待付")
                .contains("/portal/");
    }

    @Test
    void theCaseAReversalReopens_followsTheReversalLadderToItsEnd_eachNoticeOnce() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        long id = account("N", today.minusDays(20));
        cycles.reevaluate(List.of(id));
        long paymentId = ledger.postPayments(List.of(new PostPayment(p + "NP", p + "N", 50_000, CNY,
                clock.instant(), PaymentMethod.DIRECT_DEBIT, "dd"))).getFirst().view().id();
        assertThat(openCase(id)).as("paid in full: the case is cured").isNull();
        ledger.reversePayment(paymentId, new ReversePayment(ReversalReason.RETURNED_DEBIT, clock.instant()));
        CaseView reopened = openCase(id);
        assertThat(reopened.openedOn()).isEqualTo(today);

        runDays(id, today.plusDays(1), today.plusDays(60));

        // the segment holds after the 30 days of history.reversedPayments30d: the ladder counted from the
        // re-opening goes to its end, each notice once
        assertThat(actions(reopened.id())).containsExactly(
                "payment-reversed 1 SMS payment_reversed " + today,
                "payment-reversed 2 EMAIL payment_reversed " + today.plusDays(1),
                "payment-reversed 3 CALL_TASK - " + today.plusDays(7),
                "payment-reversed 4 EMAIL overdue_notice_bill " + today.plusDays(14),
                "payment-reversed 5 LETTER final_notice " + today.plusDays(25),
                "payment-reversed 6 LETTER agency_notice " + today.plusDays(40),
                "payment-reversed 7 PLACE_WITH_AGENCY - " + today.plusDays(50));
        assertThat(openCase(id).segment()).isEqualTo("payment-reversed");
        assertThat(segmentChanges(reopened.id())).isEmpty();
    }

    @Test
    void aCaseOpenLongBeforeAReversal_keepsItsLadder_andIsNotSentTheReversalNotice() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate due = today.minusDays(40);
        long id = cycles.withoutEventEvaluation(() -> account("O", due));
        runDays(id, due.plusDays(1), today.minusDays(1));
        CaseView old = openCase(id);
        assertThat(old.openedOn()).as("open since the day after the due date").isEqualTo(due.plusDays(1));
        String segment = old.segment();
        assertThat(segment).isNotEqualTo("payment-reversed");
        List<String> before = actions(old.id());
        assertThat(before).isNotEmpty();

        // a part payment taken back: the case stays open, still owing all of it
        long paymentId = ledger.postPayments(List.of(new PostPayment(p + "OP", p + "O", 10_000, CNY,
                clock.instant(), PaymentMethod.DIRECT_DEBIT, "dd"))).getFirst().view().id();
        ledger.reversePayment(paymentId, new ReversePayment(ReversalReason.RETURNED_DEBIT, clock.instant()));
        assertThat(reversed(id, today)).isEqualTo(1L);
        assertThat(openCase(id).id()).as("the same case").isEqualTo(old.id());
        assertThat(fact(id, today, "case.reversalsAtOpen")).as("the case opened 39 days before").isZero();

        runDays(id, today, today.plusDays(30));

        List<String> after = actions(old.id());
        assertThat(after).startsWith(before.toArray(String[]::new));
        List<String> since = after.subList(before.size(), after.size());
        assertThat(since).as("the old case's own ladder goes on within the 30 days").isNotEmpty()
                .allSatisfy(a -> assertThat(a).startsWith(segment + " ").doesNotContain("payment_reversed"));
        int lastStep = Integer.parseInt(before.getLast().split(" ")[1]);
        assertThat(since).allSatisfy(a -> assertThat(Integer.parseInt(a.split(" ")[1])).isGreaterThan(lastStep));
        assertThat(openCase(id).segment()).isEqualTo(segment);
        assertThat(segmentChanges(old.id())).isEmpty();
    }

    /** Opens an OTHER account (the general strategy) owing 500.00 CNY due on a date; returns its id. */
    private long account(String ref, LocalDate due) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "Reversed Payer", CustomerType.PERSON, "en",
                ZONE, List.of(new ContactPoint(ContactKind.PHONE, "+14155550123", Set.of(Channel.SMS, Channel.CALL),
                        Set.of()), new ContactPoint(ContactKind.EMAIL, p + ref + "@example.com",
                        Set.of(Channel.EMAIL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + ref, ProductLine.OTHER, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + ref + "B", p + ref, due.minusDays(20), due, CNY, 50_000,
                List.of(new BillLine("plan", LineCategory.SERVICE, 50_000)))));
        return id;
    }

    /** Runs the cycle for one account on every date from {@code first} to {@code last}, the shipped strategies. */
    private void runDays(long accountId, LocalDate first, LocalDate last) throws SQLException {
        CycleEngine engine = new CycleEngine(dataSource, new RunStore(jdbc), 0);
        StrategyBook book = strategies.activeBook();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            engine.evaluateAccounts(new long[]{accountId}, d, book);
        }
    }

    /** Returns a case's planned ladder steps: segment, step, action, template ("-" when none), scheduled date. */
    private List<String> actions(long caseId) {
        return jdbc.sql("select segment || ' ' || step || ' ' || action || ' ' || coalesce(template, '-') || ' '"
                + " || scheduled_on from planned_action where case_id = ? and source is null order by id")
                .param(caseId).query(String.class).list();
    }

    private List<String> segmentChanges(long caseId) {
        return jdbc.sql("select detail from case_event where case_id = ? and kind = 'SEGMENT_CHANGED'")
                .param(caseId).query(String.class).list();
    }

    private CaseView openCase(long accountId) {
        return cycles.cases(accountId).stream().filter(c -> "OPEN".equals(c.status())).findFirst().orElse(null);
    }

    private long reversed(long accountId, LocalDate asOf) {
        return fact(accountId, asOf, "history.reversedPayments30d");
    }

    /** Returns an int fact of an account on a date, from a dry run of a stored (not active) strategy reading it. */
    private long fact(long accountId, LocalDate asOf, String name) {
        if (factsStrategy == null) {
            factsStrategy = "reversal-facts-" + p.substring(0, p.length() - 1).toLowerCase();
            strategies.createVersion("""
                    strategy: %s
                    priority: 1
                    segments:
                      - name: reversed
                        when: "history.reversedPayments30d > 0 || case.reversalsAtOpen > 0"
                        ladder:
                          - { at: "open+0d", action: SMS, template: payment_reversed }
                      - name: other
                        ladder:
                          - { at: "open+0d", action: SMS, template: overdue_notice }
                    """.formatted(factsStrategy), "test");
        }
        return ((Number) cycles.evaluate(factsStrategy, 1, accountId, asOf).facts().get(name)).longValue();
    }
}
