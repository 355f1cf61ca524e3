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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

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
 * strategies' first segment, which dispatch sends in the customer's language with what is owed again.
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

    private final String p = "RV" + UUID.randomUUID().toString().substring(0, 8) + "-";

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

    private CaseView openCase(long accountId) {
        return cycles.cases(accountId).stream().filter(c -> "OPEN".equals(c.status())).findFirst().orElse(null);
    }

    private long reversed(long accountId, LocalDate asOf) {
        return ((Number) cycles.evaluate("general", null, accountId, asOf).facts()
                .get("history.reversedPayments30d")).longValue();
    }
}
