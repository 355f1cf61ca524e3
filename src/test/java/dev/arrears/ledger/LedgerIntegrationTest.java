package dev.arrears.ledger;

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
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.Channel;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger façade against a real PostgreSQL: writes, idempotency, allocation, state rows and aging. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LedgerIntegrationTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;

    private final String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private long setUpAccount() {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C1", "张伟", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613800138000",
                Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        return ledger.openAccounts(List.of(new OpenAccount(p + "A1", p + "C1", ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), 50_000L))).getFirst().view().id();
    }

    private IssueBill bill(String ref, LocalDate issued, LocalDate due, long... lines) {
        List<BillLine> items = java.util.Arrays.stream(lines)
                .mapToObj(a -> new BillLine("套餐费 plan", LineCategory.SERVICE, a)).toList();
        return new IssueBill(p + ref, p + "A1", issued, due, CNY, java.util.Arrays.stream(lines).sum(), items);
    }

    @Test
    void writesAreIdempotentAndConflictsNameTheField() {
        setUpAccount();
        var first = ledger.issueBills(List.of(bill("B1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20),
                10000, 2345)));
        assertThat(first.getFirst().created()).isTrue();
        assertThat(first.getFirst().view().totalMinor()).isEqualTo(12345);
        assertThat(first.getFirst().view().outstandingMinor()).isEqualTo(12345);
        var again = ledger.issueBills(List.of(bill("B1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20),
                10000, 2345)));
        assertThat(again.getFirst().created()).isFalse();
        assertThat(again.getFirst().view().id()).isEqualTo(first.getFirst().view().id());
        assertThatThrownBy(() -> ledger.issueBills(List.of(bill("B1", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 25), 10000, 2345))))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).errors().getFirst().pointer())
                        .isEqualTo("/0/dueDate"));
    }

    @Test
    void lineTextSurvivesTheBulkPathExactly() {
        long account = setUpAccount();
        String awkward = "月费 \"quoted\" back\\slash\ttab\nnewline 😀 é";
        var bill = new IssueBill(p + "BX", p + "A1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), CNY, 101,
                List.of(new BillLine(awkward, LineCategory.SERVICE, 100), new BillLine("x", LineCategory.TAX, 1)));
        ledger.issueBills(List.of(bill));
        var stored = ledger.account(account, null).orElseThrow().bills().getFirst();
        assertThat(stored.lines()).isEqualTo(bill.lines());
        assertThat(ledger.issueBills(List.of(bill)).getFirst().created()).isFalse();
    }

    @Test
    void badReferenceWritesNothingOfTheBatch() {
        long account = setUpAccount();
        assertThatThrownBy(() -> ledger.issueBills(List.of(
                bill("B2", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), 500),
                new IssueBill(p + "B3", p + "NOPE", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), CNY, 1,
                        List.of(new BillLine("x", LineCategory.FEE, 1))))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().pointer())
                        .isEqualTo("/1/accountRef"));
        assertThat(ledger.account(account, null).orElseThrow().bills()).isEmpty();
    }

    @Test
    void paymentNamingABillGoesThereAndStateFollows() {
        long account = setUpAccount();
        ledger.issueBills(List.of(
                bill("B1", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 20), 10000),
                bill("B2", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), 8000)));
        var summary = ledger.accountByRef(p + "A1").orElseThrow();
        // Today is 2026-11-23 in Shanghai: B1 is 64 days past due.
        assertThat(summary.overdueMinor()).isEqualTo(18000);
        assertThat(summary.daysPastDue()).isEqualTo(64);
        assertThat(summary.bucket()).isEqualTo(AgingBucket.D61_90);

        var payment = ledger.postPayments(List.of(new PostPayment(p + "P1", p + "A1", 8000, CNY,
                Instant.parse("2026-11-20T02:00:00Z"), PaymentMethod.ALIPAY, p + "B2"))).getFirst();
        assertThat(payment.created()).isTrue();
        AccountView view = ledger.account(account, null).orElseThrow();
        assertThat(view.summary().overdueMinor()).isEqualTo(10000);
        assertThat(view.allocations()).singleElement()
                .satisfies(a -> assertThat(a.itemRef()).isEqualTo(p + "B2"));
        assertThat(ledger.accountByRef(p + "A1").orElseThrow().daysPastDue()).isEqualTo(64);

        ledger.reversePayment(payment.view().id(), new ReversePayment(ReversalReason.CHARGEBACK,
                Instant.parse("2026-11-22T02:00:00Z")));
        assertThat(ledger.accountByRef(p + "A1").orElseThrow().overdueMinor()).isEqualTo(18000);
        assertThat(ledger.reversePayment(payment.view().id(), new ReversePayment(ReversalReason.CHARGEBACK,
                Instant.parse("2026-11-22T02:00:00Z"))).created()).isFalse();

        ledger.recordAdjustments(List.of(new RecordAdjustment(p + "D1", p + "A1", p + "B1", AdjustmentType.WAIVER,
                10000, CNY, "goodwill", LocalDate.of(2026, 11, 21), null)));
        var after = ledger.accountByRef(p + "A1").orElseThrow();
        assertThat(after.overdueMinor()).isEqualTo(8000);
        assertThat(after.daysPastDue()).isEqualTo(34);
    }

    @Test
    void agingTodayMatchesAgingRecomputedForTheSameDate() {
        setUpAccount();
        ledger.issueBills(List.of(bill("B1", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 20), 10000)));
        List<AgingRow> today = ledger.aging(null).rows();
        List<AgingRow> dated = ledger.aging(LocalDate.of(2026, 11, 23)).rows();
        assertThat(dated).containsExactlyInAnyOrderElementsOf(today);
        assertThat(today).anySatisfy(r -> {
            assertThat(r.bucket()).isEqualTo(AgingBucket.D61_90);
            assertThat(r.currency()).isEqualTo("CNY");
        });
        var past = ledger.aging(LocalDate.of(2026, 9, 25)).rows();
        assertThat(past).anySatisfy(r -> assertThat(r.bucket()).isEqualTo(AgingBucket.D1_30));
        var page = ledger.accounts(new AccountFilter(AgingBucket.D61_90, null, null, p + "A1", 0, 10));
        assertThat(page.items()).singleElement().satisfies(a -> assertThat(a.externalRef()).isEqualTo(p + "A1"));
        assertThat(ledger.accounts(new AccountFilter(AgingBucket.D1_30, null, null, p + "A1", 0, 10)).total())
                .isZero();
        assertThat(ledger.accounts(new AccountFilter(null, null, new java.math.BigDecimal("100.00"), "张伟", 0, 10))
                .items()).extracting(Views.AccountSummary::externalRef).contains(p + "A1");
        assertThat(ledger.accounts(new AccountFilter(null, null, new java.math.BigDecimal("100.01"), p + "A1", 0,
                10)).total()).isZero();
        // The same list on another date replays the history: on 2026-09-25 the bill was 5 days late.
        var then = ledger.accounts(new AccountFilter(AgingBucket.D1_30, null, null, p + "A1", 0, 10),
                LocalDate.of(2026, 9, 25));
        assertThat(then.items()).singleElement().satisfies(a -> {
            assertThat(a.daysPastDue()).isEqualTo(5);
            assertThat(a.asOf()).isEqualTo(LocalDate.of(2026, 9, 25));
        });
        assertThat(ledger.accounts(new AccountFilter(AgingBucket.D61_90, null, null, p + "A1", 0, 10),
                LocalDate.of(2026, 9, 25)).total()).isZero();
        assertThat(ledger.accounts(new AccountFilter(null, null, new java.math.BigDecimal("100.00"), p + "A1", 0, 10),
                LocalDate.of(2026, 9, 1)).total()).as("not yet due on its issue date").isZero();
    }
}
