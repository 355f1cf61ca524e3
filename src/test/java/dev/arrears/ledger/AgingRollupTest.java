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
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.ledger.persistence.LedgerStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregated aging (V34): whatever writes the state rows (a single bill or payment, a reversal, a bulk load
 * through COPY, a refresh, a plain SQL update), the rollup plus its deltas sum exactly to the state rows, before and
 * after a compaction; today's aging read from it equals the aging scanned from the state rows; and rows that are not
 * valid today (their validity ended, or they were computed as of a later date) are found and recomputed. Today is
 * 2026-11-23 (fixed clock); the database is shared, so every comparison covers all rows and is one statement.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AgingRollupTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    /** Keys whose sums differ between the state rows and the rollup plus deltas, in one snapshot. */
    private static final String MISMATCHES = """
            with actual as (
                select time_zone, product_line, currency, oldest_overdue_due, valid_until,
                       count(*) as accounts, sum(balance_minor) as balance, sum(overdue_minor) as overdue
                from account_state group by 1, 2, 3, 4, 5),
            rolled as (
                select time_zone, product_line, currency, oldest_overdue_due, valid_until,
                       sum(accounts) as accounts, sum(balance_minor) as balance, sum(overdue_minor) as overdue
                from (select * from aging_rollup union all select * from aging_delta) k
                group by 1, 2, 3, 4, 5 having sum(accounts) <> 0)
            select count(*) from actual a full join rolled r
                on a.time_zone = r.time_zone and a.product_line = r.product_line and a.currency = r.currency
               and a.oldest_overdue_due is not distinct from r.oldest_overdue_due
               and a.valid_until is not distinct from r.valid_until
            where a.accounts is distinct from r.accounts or a.balance is distinct from r.balance
               or a.overdue is distinct from r.overdue""";

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transactions;

    private final String p = "AR" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void everyKindOfWrite_keepsTheRollupEqualToTheStateRows() {
        customer(p + "C", "Asia/Shanghai");
        open(p + "C", p + "A1", p + "A2", p + "A3");
        ledger.issueBills(List.of(bill(p + "B1", p + "A1", "2026-09-01", "2026-09-20", 10_000),
                bill(p + "B2", p + "A2", "2026-10-01", "2026-10-20", 2_500),
                bill(p + "B3", p + "A3", "2026-11-20", "2026-12-05", 7_000)));
        assertThat(mismatches()).as("after single bills").isZero();

        long paid = ledger.postPayments(List.of(new PostPayment(p + "P1", p + "A1", 4_000, CNY,
                Instant.parse("2026-11-10T02:00:00Z"), PaymentMethod.CARD, null))).getFirst().view().id();
        assertThat(mismatches()).as("after a partial payment").isZero();
        ledger.reversePayment(paid, new ReversePayment(ReversalReason.CHARGEBACK, Instant.parse("2026-11-20T02:00:00Z")));
        assertThat(mismatches()).as("after a reversal").isZero();

        List<OpenAccount> opened = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            opened.add(new OpenAccount(p + "L" + i, p + "LC", ProductLine.UTILITY, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2026, 1, 1), null));
            bills.add(bill(p + "LB" + i, p + "L" + i, "2026-08-01", "2026-08-" + (10 + i % 20), 100 + i));
        }
        ledger.load(new LedgerBatch(List.of(new RegisterCustomer(p + "LC", "Loaded", CustomerType.BUSINESS, "en",
                ZoneId.of("Europe/London"), List.of())), opened, bills, List.of(), List.of()));
        assertThat(mismatches()).as("after a bulk load").isZero();

        ledger.refreshStates(LocalDate.of(2026, 12, 10));
        assertThat(mismatches()).as("after a refresh as of a later date").isZero();
        ledger.aging(null);
        assertThat(mismatches()).as("after today's read brought the rows back").isZero();

        assertThat(store.compactAging()).as("deltas folded").isPositive();
        assertThat(mismatches()).as("after the compaction").isZero();
        assertThat(jdbc.sql("select count(*) from aging_rollup where accounts = 0").query(Long.class).single())
                .as("keys without accounts dropped").isZero();
    }

    @Test
    void deleteAndTruncate_takeTheirRowsOutOfTheRollup() {
        customer(p + "D", "Asia/Taipei");
        open(p + "D", p + "D1", p + "D2");
        ledger.issueBills(List.of(bill(p + "DB1", p + "D1", "2026-09-01", "2026-09-20", 3_000),
                bill(p + "DB2", p + "D2", "2026-10-01", "2026-10-20", 4_000)));
        // rolled back, so the shared database keeps its rows for the other tests
        transactions.executeWithoutResult(status -> {
            int deleted = jdbc.sql("delete from account_state where account_id in"
                            + " (select id from account where external_ref in (?, ?))")
                    .params(p + "D1", p + "D2").update();
            assertThat(deleted).isEqualTo(2);
            assertThat(mismatches()).as("after a delete").isZero();
            jdbc.sql("truncate account_state cascade").update();
            assertThat(jdbc.sql("select count(*) from aging_rollup").query(Long.class).single()
                    + jdbc.sql("select count(*) from aging_delta").query(Long.class).single())
                    .as("rollup and deltas emptied with the state rows").isZero();
            assertThat(mismatches()).as("after a truncate").isZero();
            status.setRollbackOnly();
        });
        assertThat(mismatches()).as("after the rollback").isZero();
        assertThat(overdue(p + "D1")).isEqualTo(3_000);
    }

    @Test
    void todaysAging_fromTheRollupEqualsTheScanOfTheStateRows() {
        customer(p + "C", "America/New_York");
        open(p + "C", p + "A1", p + "A2");
        ledger.issueBills(List.of(bill(p + "B1", p + "A1", "2026-06-01", "2026-06-20", 31_000),
                bill(p + "B2", p + "A2", "2026-11-01", "2026-11-12", 900)));
        ledger.postPayments(List.of(new PostPayment(p + "P1", p + "A2", 400, CNY,
                Instant.parse("2026-11-15T15:00:00Z"), PaymentMethod.CARD, null)));
        store.compactAging();
        ledger.issueBills(List.of(bill(p + "B3", p + "A1", "2026-10-01", "2026-10-20", 5_000)));

        List<AgingRow> read = sorted(ledger.aging(null).rows());

        assertThat(read).isEqualTo(scanned());
        assertThat(read).anySatisfy(r -> assertThat(r.bucket()).isEqualTo(AgingBucket.D91_180));
    }

    @Test
    void aRowNoLongerValidToday_isFoundAndRecomputed() {
        customer(p + "C", "Asia/Shanghai");
        open(p + "C", p + "A");
        ledger.issueBills(List.of(bill(p + "B1", p + "A", "2026-10-01", "2026-11-10", 6_000)));
        ledger.aging(null);
        // As if computed on 2026-11-01, valid until 2026-11-11 (the bill fell due on 2026-11-10): stale today.
        jdbc.sql("""
                        update account_state s set as_of = date '2026-11-01', valid_until = date '2026-11-11',
                            overdue_minor = 0, oldest_overdue_due = null
                        from account a where a.id = s.account_id and a.external_ref = ?""")
                .param(p + "A").update();
        assertThat(mismatches()).isZero();

        assertThat(sorted(ledger.aging(null).rows())).isEqualTo(scanned());
        assertThat(overdue(p + "A")).as("recomputed for today").isEqualTo(6_000);
        assertThat(store.refreshStale()).as("nothing stale any more").isZero();
    }

    @Test
    void aRowComputedAsOfALaterDate_isBroughtBackAndTheHintLowered() {
        customer(p + "C", "Asia/Shanghai");
        open(p + "C", p + "A");
        ledger.issueBills(List.of(bill(p + "B1", p + "A", "2026-11-01", "2026-11-30", 6_000)));
        ledger.refreshStates(LocalDate.of(2026, 12, 5));
        assertThat(overdue(p + "A")).as("overdue on 2026-12-05").isEqualTo(6_000);

        List<AgingRow> read = sorted(ledger.aging(null).rows());

        assertThat(read).isEqualTo(scanned());
        assertThat(overdue(p + "A")).as("not yet due today").isZero();
        assertThat(jdbc.sql("""
                        select count(*) from (select time_zone, max_as_of from aging_rollup
                                              union all select time_zone, max_as_of from aging_delta) k
                        where max_as_of > date '2026-11-23'""").query(Long.class).single())
                .as("no key hints at rows after today").isZero();
        assertThat(store.refreshStale()).isZero();
    }

    private long mismatches() {
        return jdbc.sql(MISMATCHES).query(Long.class).single();
    }

    /** Today's aging scanned from the state rows (each zone's today), as the ledger read it before V34. */
    private List<AgingRow> scanned() {
        String[] zones = ZoneId.getAvailableZoneIds().stream().sorted().toArray(String[]::new);
        String[] dates = new String[zones.length];
        for (int i = 0; i < zones.length; i++) {
            dates[i] = LocalDate.now(clock.withZone(ZoneId.of(zones[i]))).toString();
        }
        return sorted(jdbc.sql("""
                        with s as (
                            select s.product_line, s.currency, s.balance_minor, s.overdue_minor,
                                   case when s.oldest_overdue_due is null then 0 else z.d - s.oldest_overdue_due end as dpd
                            from account_state s join unnest(?::text[], ?::date[]) as z(tz, d) on z.tz = s.time_zone)
                        select case when dpd <= 0 then 0 when dpd <= 30 then 1 when dpd <= 60 then 2
                                    when dpd <= 90 then 3 when dpd <= 180 then 4 else 5 end,
                               product_line, currency, count(*), sum(balance_minor), sum(overdue_minor)
                        from s group by 1, 2, 3""")
                .params(zones, dates)
                .query((rs, n) -> new AgingRow(AgingBucket.values()[rs.getInt(1)],
                        ProductLine.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)))
                .list());
    }

    private static List<AgingRow> sorted(List<AgingRow> rows) {
        return rows.stream().sorted(Comparator.comparing(AgingRow::bucket).thenComparing(AgingRow::productLine)
                .thenComparing(AgingRow::currency)).toList();
    }

    private long overdue(String accountRef) {
        return jdbc.sql("""
                        select s.overdue_minor from account_state s join account a on a.id = s.account_id
                        where a.external_ref = ?""").param(accountRef).query(Long.class).single();
    }

    private void customer(String ref, String zone) {
        ledger.registerCustomers(List.of(new RegisterCustomer(ref, "Rollup", CustomerType.PERSON, "en",
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
}
