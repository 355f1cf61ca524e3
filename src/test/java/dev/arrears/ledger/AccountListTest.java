package dev.arrears.ledger;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.ledger.persistence.LedgerStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account list reads its pages in up to two parts (the overdue accounts in the list's order, through the partial
 * index of V36 or a scan, then the accounts owing nothing overdue by id) and takes its total from today's aging.
 * Whatever the filter and the page, and across the boundary between the parts, it must list exactly what one
 * ordered scan of the state rows lists, and count what it counts. The database is shared with other tests, so the
 * reference is computed over all rows in the same way; this test adds current accounts, an account in every bucket
 * and a rare bucket on a product line of its own.
 */
@Tag("integration")
// a small walk budget, so that the few accounts here take both ways of reading a page: an index walk and a scan
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "arrears.ledger.list-walk-budget=100")
class AccountListTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private final String p = "AL" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void everyFilterAndPage_listsWhatOneOrderedScanLists() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "List", CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of())));
        List<OpenAccount> accounts = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        int[] daysPastDue = {0, 0, 0, 5, 5, 40, 75, 120, 200, 400};
        for (int i = 0; i < 60; i++) {
            ProductLine line = i % 10 == 9 ? ProductLine.OTHER : ProductLine.values()[i % 3];
            accounts.add(new OpenAccount(p + "A" + i, p + "C", line, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2024, 1, 1), null));
            LocalDate due = today.minusDays(daysPastDue[i % daysPastDue.length]).plusDays(i % 10 < 3 ? 10 : 0);
            long amount = 1_000 + (i * 37L % 5) * 100; // equal amounts, so the later sort keys decide too
            bills.add(new IssueBill(p + "B" + i, p + "A" + i, due.minusDays(20), due, CNY, amount,
                    List.of(new BillLine("plan", LineCategory.SERVICE, amount))));
        }
        // one account each in 31-60 and CURRENT on OTHER: filters matching so few that their pages are read with a
        // scan instead of an index walk
        for (int i = 60; i < 62; i++) {
            accounts.add(new OpenAccount(p + "A" + i, p + "C", ProductLine.OTHER, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2024, 1, 1), null));
            LocalDate due = i == 60 ? today.minusDays(50) : today.plusDays(3);
            bills.add(new IssueBill(p + "B" + i, p + "A" + i, due.minusDays(20), due, CNY, 900,
                    List.of(new BillLine("plan", LineCategory.SERVICE, 900))));
        }
        ledger.openAccounts(accounts);
        ledger.issueBills(bills);

        List<AgingBucket> buckets = new ArrayList<>(List.of(AgingBucket.values()));
        buckets.add(null);
        List<ProductLine> lines = new ArrayList<>(List.of(ProductLine.TELECOM_POSTPAID, ProductLine.OTHER));
        lines.add(null);
        int checked = 0;
        for (AgingBucket bucket : buckets) {
            for (ProductLine line : lines) {
                long expectedTotal = reference(bucket, line, Integer.MAX_VALUE, 0).size();
                for (int size : new int[] {7, 50}) {
                    int pages = (int) Math.min(12, expectedTotal / size + 2);
                    for (int page = 0; page < pages; page++) {
                        Page<AccountSummary> listed = ledger.accounts(
                                new AccountFilter(bucket, line, null, null, page, size));
                        assertThat(listed.items().stream().map(AccountSummary::id).toList())
                                .as("bucket %s, product %s, page %d of %d", bucket, line, page, size)
                                .isEqualTo(reference(bucket, line, size, (long) page * size));
                        assertThat(listed.total()).as("total, bucket %s, product %s", bucket, line)
                                .isEqualTo(expectedTotal);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        // the list's last page of the whole portfolio crosses from the overdue accounts to the current ones
        long overdue = jdbc.sql("select count(*) from account_state where overdue_minor > 0").query(Long.class)
                .single();
        int size = 10;
        int boundaryPage = (int) (overdue / size);
        assertThat(ledger.accounts(new AccountFilter(null, null, null, null, boundaryPage, size)).items()
                .stream().map(AccountSummary::id).toList())
                .isEqualTo(reference(null, null, size, (long) boundaryPage * size));
    }

    @Test
    void aSearch_countsAndPagesItsMatchesInOneGo() {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "S", "Searchable " + p, CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of())));
        List<OpenAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accounts.add(new OpenAccount(p + "S" + i, p + "S", ProductLine.UTILITY, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2024, 1, 1), null));
        }
        ledger.openAccounts(accounts);
        Page<AccountSummary> first = ledger.accounts(new AccountFilter(null, null, null, p.toLowerCase(), 0, 2));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).hasSize(2);
        Page<AccountSummary> last = ledger.accounts(new AccountFilter(null, null, null, p, 2, 2));
        assertThat(last.items()).hasSize(1);
        assertThat(last.total()).isEqualTo(5);
        Page<AccountSummary> beyond = ledger.accounts(new AccountFilter(null, null, null, p, 5, 2));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).as("counted even past the last page").isEqualTo(5);
        assertThat(ledger.accounts(new AccountFilter(null, null, null, p + "nothing", 0, 2)).total()).isZero();
    }

    @Test
    void aPhoneNumber_findsThePhonesEndingInIt() {
        // a number no other test uses: the digits of this test's prefix
        String digits = String.valueOf(Math.abs((long) p.hashCode()) % 100_000_000L + 100_000_000L);
        String phone = "+86139" + digits;
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "T", "Phone " + p, CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(new Commands.ContactPoint(Commands.ContactKind.PHONE, phone,
                        java.util.Set.of(), java.util.Set.of())))));
        long account = ledger.openAccounts(List.of(new OpenAccount(p + "T1", p + "T", ProductLine.UTILITY, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2024, 1, 1), null))).getFirst().view().id();

        for (String typed : List.of(phone, "139" + digits, "139 " + digits.substring(0, 4) + "-" + digits.substring(4),
                digits.substring(2))) {
            assertThat(ledger.accounts(new AccountFilter(null, null, null, typed, 0, 10)).items())
                    .as(typed).extracting(AccountSummary::id).contains(account);
        }
        assertThat(ledger.accounts(new AccountFilter(null, null, null, "+86139" + digits.substring(0, 6), 0, 10))
                .items()).as("not a number's beginning").extracting(AccountSummary::id).doesNotContain(account);
    }

    @Test
    void whatLooksLikeAPhoneNumber() {
        assertThat(LedgerStore.phoneTail("+86 138 0022-3457")).isEqualTo("+8613800223457");
        assertThat(LedgerStore.phoneTail("(010) 6552.1234")).isEqualTo("01065521234");
        assertThat(LedgerStore.phoneTail("223457")).isEqualTo("223457");
        assertThat(LedgerStore.phoneTail("23457")).as("five digits: any text").isNull();
        assertThat(LedgerStore.phoneTail("acc-223457")).isNull();
        assertThat(LedgerStore.phoneTail("13+800223457")).isNull();
    }

    /** One ordered scan of the state rows, with the bucket computed in SQL from each zone's today. */
    private List<Long> reference(AgingBucket bucket, ProductLine line, int limit, long offset) {
        String[] zones = ZoneId.getAvailableZoneIds().stream().sorted().toArray(String[]::new);
        String[] dates = new String[zones.length];
        for (int i = 0; i < zones.length; i++) {
            dates[i] = LocalDate.now(clock.withZone(ZoneId.of(zones[i]))).toString();
        }
        return jdbc.sql("""
                        select s.account_id from account_state s
                        join unnest(?::text[], ?::date[]) as z(tz, d) on z.tz = s.time_zone
                        where (?::int is null or (case when s.oldest_overdue_due is null then 0
                                                       else z.d - s.oldest_overdue_due end) between ? and ?)
                          and (?::text is null or s.product_line = ?)
                        order by s.overdue_minor desc, s.oldest_overdue_due nulls last, s.account_id
                        limit ? offset ?""")
                .params(zones, dates, bucket == null ? null : bucket.fromDays(),
                        bucket == null ? 0 : bucket.fromDays(), bucket == null ? 0 : bucket.toDays(),
                        line == null ? null : line.name(), line == null ? null : line.name(), limit, offset)
                .query(Long.class).list();
    }
}
