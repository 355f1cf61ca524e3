package dev.arrears.ledger;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Ledger#refreshStates}: the state rows not valid on a date are recomputed as of that date in every zone,
 * the valid ones are left alone, a second run finds nothing, and a read of today brings the rows back to today.
 * Today is 2026-11-23 (fixed clock). Other tests' rows in the shared database are refreshed too; every read of
 * today puts them back.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RefreshStatesTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final String p = "RS" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private record StateRow(LocalDate asOf, long overdueMinor, LocalDate oldestOverdueDue, LocalDate oldestOpenDue,
                            LocalDate validUntil) {
    }

    @Test
    void rowsNotValidOnTheDate_areRecomputedAsOfItAndTheOthersLeftAlone() {
        customer(p + "C", "America/New_York");
        open(p + "C", p + "DUE-SOON", p + "PAID");
        // Due on 2026-12-05: the row (as of today) is valid until 2026-12-06, not on 2026-12-10.
        ledger.issueBills(List.of(bill(p + "B1", p + "DUE-SOON", "2026-11-01", "2026-12-05", 4_000)));
        // Paid in full: nothing changes with time, the row is valid on any later date.
        ledger.issueBills(List.of(bill(p + "B2", p + "PAID", "2026-11-01", "2026-11-10", 3_000)));
        ledger.postPayments(List.of(new PostPayment(p + "P2", p + "PAID", 3_000, CNY,
                Instant.parse("2026-11-05T15:00:00Z"), PaymentMethod.CARD, null)));
        StateRow paidBefore = row(p + "PAID");

        int refreshed = ledger.refreshStates(LocalDate.of(2026, 12, 10));

        assertThat(refreshed).isPositive();
        assertThat(row(p + "DUE-SOON")).isEqualTo(new StateRow(LocalDate.of(2026, 12, 10), 4_000,
                LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 5), null));
        assertThat(row(p + "PAID")).isEqualTo(paidBefore);
        assertThat(paidBefore.asOf()).as("New York's today").isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(ledger.refreshStates(LocalDate.of(2026, 12, 10))).as("nothing left to refresh").isZero();
    }

    @Test
    void anEarlierDate_replaysTheHistoryUpToThatDate() {
        customer(p + "C", "Asia/Shanghai");
        open(p + "C", p + "A");
        ledger.issueBills(List.of(bill(p + "B1", p + "A", "2026-09-01", "2026-09-20", 10_000)));
        ledger.postPayments(List.of(new PostPayment(p + "P1", p + "A", 10_000, CNY,
                Instant.parse("2026-11-01T02:00:00Z"), PaymentMethod.ALIPAY, null)));
        assertThat(row(p + "A").overdueMinor()).isZero();

        ledger.refreshStates(LocalDate.of(2026, 10, 1));

        // On 2026-10-01 the bill was 11 days late; the payment of 2026-11-01 is the next change.
        assertThat(row(p + "A")).isEqualTo(new StateRow(LocalDate.of(2026, 10, 1), 10_000,
                LocalDate.of(2026, 9, 20), LocalDate.of(2026, 9, 20), LocalDate.of(2026, 11, 1)));
        assertThat(ledger.accountByRef(p + "A").orElseThrow().overdueMinor()).as("a read of today").isZero();
        assertThat(row(p + "A").asOf()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void manyAccounts_areRefreshedInSeveralBatches() {
        int accounts = 4_500; // more than two batches of StateKeeper.BATCH
        List<OpenAccount> opened = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            String ref = p + "A" + i;
            opened.add(new OpenAccount(ref, p + "C", ProductLine.WALLET_CREDIT, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2026, 1, 1), null));
            bills.add(bill(p + "B" + i, ref, "2026-11-01", "2026-11-30", 100 + i));
        }
        ledger.load(new LedgerBatch(List.of(new RegisterCustomer(p + "C", "Many", CustomerType.BUSINESS, "en",
                ZoneId.of("Asia/Shanghai"), List.of())), opened, bills, List.of(), List.of()));

        int refreshed = ledger.refreshStates(LocalDate.of(2026, 12, 3));

        assertThat(refreshed).isGreaterThanOrEqualTo(accounts);
        var figures = jdbc.sql("""
                        select count(*) filter (where s.as_of = date '2026-12-03' and s.days_past_due = 3
                                                and s.oldest_open_due = date '2026-11-30'),
                               sum(s.overdue_minor)
                        from account_state s join account a on a.id = s.account_id where a.external_ref like ?""")
                .param(p + "A%").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        assertThat(figures[0]).isEqualTo(accounts);
        assertThat(figures[1]).isEqualTo(100L * accounts + (long) accounts * (accounts - 1) / 2);
    }

    @Test
    void noDate_isRefused() {
        assertThatThrownBy(() -> ledger.refreshStates(null)).isInstanceOf(NullPointerException.class);
    }

    private void customer(String ref, String zone) {
        ledger.registerCustomers(List.of(new RegisterCustomer(ref, "Refresh", CustomerType.PERSON, "en",
                ZoneId.of(zone), List.of())));
    }

    private void open(String customerRef, String... refs) {
        List<OpenAccount> accounts = new ArrayList<>();
        for (String ref : refs) {
            accounts.add(new OpenAccount(ref, customerRef, ProductLine.TELECOM_POSTPAID, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2025, 1, 1), null));
        }
        ledger.openAccounts(accounts);
    }

    private static IssueBill bill(String ref, String accountRef, String issued, String due, long amount) {
        return new IssueBill(ref, accountRef, LocalDate.parse(issued), LocalDate.parse(due), CNY, amount,
                List.of(new BillLine("plan", LineCategory.SERVICE, amount)));
    }

    private StateRow row(String accountRef) {
        return jdbc.sql("""
                        select s.as_of, s.overdue_minor, s.oldest_overdue_due, s.oldest_open_due, s.valid_until
                        from account_state s join account a on a.id = s.account_id where a.external_ref = ?""")
                .param(accountRef)
                .query((rs, n) -> new StateRow(rs.getObject(1, LocalDate.class), rs.getLong(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)))
                .single();
    }
}
