package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.domain.AccountPosition.Allocation;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON shapes of the ledger API and the functions that map read models onto them. Amounts are decimal
 * strings in major units beside their {@code currency} ("12.34", "CNY"); dates are ISO (2026-06-30); instants
 * are ISO in UTC with a Z; enums are their names, aging buckets their labels ("1-30").
 */
final class LedgerJson {

    private LedgerJson() {
    }

    record CustomerJson(long id, String externalRef, String name, String type, String locale, String timeZone,
                        List<ContactPointJson> contactPoints) {
    }

    record ContactPointJson(String kind, String value, List<String> consents, List<String> optOuts) {
    }

    /** An account as listed: its current figures. */
    record AccountJson(long id, String externalRef, long customerId, String customerRef, String customerName,
                       String productLine, String currency, String status, String asOf, String balance,
                       String overdue, int daysPastDue, String bucket) {
    }

    /** An account in full as of a date. */
    record AccountDetailJson(long id, String externalRef, String productLine, String currency, String status,
                             String openedOn, String creditLimit, String asOf, String balance, String overdue,
                             String credit, int daysPastDue, String bucket, CustomerJson customer,
                             List<BillJson> bills, List<PaymentJson> payments, List<AdjustmentJson> adjustments,
                             List<AllocationJson> allocations, List<EpisodeJson> episodes) {
    }

    record BillJson(long id, String externalRef, long accountId, String accountRef, String issueDate,
                    String dueDate, String currency, String total, String outstanding, List<LineJson> lines) {
    }

    record LineJson(String description, String category, String amount) {
    }

    record PaymentJson(long id, String externalRef, long accountId, String accountRef, String amount,
                       String currency, String receivedAt, String method, String reference, String reversedAt,
                       String reversalReason) {
    }

    record AdjustmentJson(long id, String externalRef, long accountId, String accountRef, String billRef,
                          String type, String amount, String currency, String reason, String effectiveDate,
                          String dueDate) {
    }

    /** Money of a payment ({@code source} PAYMENT) or credit (ADJUSTMENT) applied to a bill or debit note. */
    record AllocationJson(String source, long sourceId, String sourceRef, String itemKind, long itemId,
                          String itemRef, String amount, String currency) {
    }

    record EpisodeJson(String startedOn, String endedOn, int maxDaysPastDue) {
    }

    record PageJson<T>(List<T> items, int page, int size, long total) {
    }

    record AgingJson(String asOf, List<AgingRowJson> rows, List<AgingTotalJson> totals) {
    }

    record AgingRowJson(String bucket, String productLine, String currency, long accounts, String balance,
                        String overdue) {
    }

    record AgingTotalJson(String currency, long accounts, String balance, String overdue) {
    }

    /** Maps a customer. */
    static CustomerJson customer(CustomerView c) {
        return new CustomerJson(c.id(), c.externalRef(), c.name(), name(c.type()), c.locale(), c.timeZone(),
                c.contactPoints().stream().map(LedgerJson::contactPoint).toList());
    }

    static ContactPointJson contactPoint(ContactPoint p) {
        return new ContactPointJson(name(p.kind()), p.value(), channels(p.consents()), channels(p.optOuts()));
    }

    /** Maps an account summary. */
    static AccountJson account(AccountSummary a) {
        Currency currency = currency(a.currency());
        return new AccountJson(a.id(), a.externalRef(), a.customerId(), a.customerRef(), a.customerName(),
                name(a.productLine()), a.currency(), name(a.status()), date(a.asOf()),
                Money.format(a.balanceMinor(), currency), Money.format(a.overdueMinor(), currency),
                a.daysPastDue(), a.bucket() == null ? null : a.bucket().label());
    }

    /** Maps an account in full. */
    static AccountDetailJson accountDetail(AccountView v) {
        AccountSummary a = v.summary();
        Currency currency = currency(a.currency());
        return new AccountDetailJson(a.id(), a.externalRef(), name(a.productLine()), a.currency(), name(a.status()),
                date(v.openedOn()), amount(v.creditLimitMinor(), currency), date(a.asOf()),
                Money.format(a.balanceMinor(), currency), Money.format(a.overdueMinor(), currency),
                Money.format(v.creditMinor(), currency), a.daysPastDue(),
                a.bucket() == null ? null : a.bucket().label(),
                v.customer() == null ? null : customer(v.customer()),
                v.bills().stream().map(LedgerJson::bill).toList(),
                v.payments().stream().map(LedgerJson::payment).toList(),
                v.adjustments().stream().map(LedgerJson::adjustment).toList(),
                v.allocations().stream().map(al -> allocation(al, currency)).toList(),
                v.episodes().stream().map(LedgerJson::episode).toList());
    }

    /** Maps a bill with its lines. */
    static BillJson bill(BillView b) {
        Currency currency = currency(b.currency());
        return new BillJson(b.id(), b.externalRef(), b.accountId(), b.accountRef(), date(b.issueDate()),
                date(b.dueDate()), b.currency(), Money.format(b.totalMinor(), currency),
                Money.format(b.outstandingMinor(), currency),
                b.lines().stream().map(l -> line(l, currency)).toList());
    }

    static LineJson line(BillLine l, Currency currency) {
        return new LineJson(l.description(), name(l.category()), Money.format(l.amountMinor(), currency));
    }

    /** Maps a payment. */
    static PaymentJson payment(PaymentView p) {
        return new PaymentJson(p.id(), p.externalRef(), p.accountId(), p.accountRef(),
                Money.format(p.amountMinor(), currency(p.currency())), p.currency(), instant(p.receivedAt()),
                name(p.method()), p.reference(), instant(p.reversedAt()), name(p.reversalReason()));
    }

    /** Maps an adjustment. */
    static AdjustmentJson adjustment(AdjustmentView a) {
        return new AdjustmentJson(a.id(), a.externalRef(), a.accountId(), a.accountRef(), a.billRef(), name(a.type()),
                Money.format(a.amountMinor(), currency(a.currency())), a.currency(), a.reason(),
                date(a.effectiveDate()), date(a.dueDate()));
    }

    static AllocationJson allocation(Allocation a, Currency currency) {
        return new AllocationJson(name(a.source()), a.sourceId(), a.sourceRef(), name(a.itemKind()), a.itemId(),
                a.itemRef(), Money.format(a.amountMinor(), currency), currency.getCurrencyCode());
    }

    static EpisodeJson episode(DelinquencyEpisode e) {
        return new EpisodeJson(date(e.startedOn()), date(e.endedOn()), e.maxDaysPastDue());
    }

    /** Maps a page of account summaries. */
    static PageJson<AccountJson> accounts(Page<AccountSummary> page) {
        return new PageJson<>(page.items().stream().map(LedgerJson::account).toList(), page.page(), page.size(),
                page.total());
    }

    /**
     * Maps the portfolio aging: rows ordered by bucket, product line and currency, and one total per currency.
     * {@code asOf} is null when the report is for today.
     */
    static AgingJson aging(AgingReport report) {
        List<AgingRow> rows = report.rows().stream().sorted(AGING_ORDER).toList();
        Map<String, long[]> totals = new TreeMap<>();
        for (AgingRow row : rows) {
            long[] sum = totals.computeIfAbsent(row.currency(), c -> new long[3]);
            sum[0] = Math.addExact(sum[0], row.accounts());
            sum[1] = Math.addExact(sum[1], row.balanceMinor());
            sum[2] = Math.addExact(sum[2], row.overdueMinor());
        }
        return new AgingJson(date(report.asOf()),
                rows.stream().map(r -> {
                    Currency currency = currency(r.currency());
                    return new AgingRowJson(r.bucket().label(), name(r.productLine()), r.currency(), r.accounts(),
                            Money.format(r.balanceMinor(), currency), Money.format(r.overdueMinor(), currency));
                }).toList(),
                totals.entrySet().stream().map(e -> {
                    Currency currency = currency(e.getKey());
                    long[] sum = e.getValue();
                    return new AgingTotalJson(e.getKey(), sum[0], Money.format(sum[1], currency),
                            Money.format(sum[2], currency));
                }).toList());
    }

    /** Orders aging rows by bucket (youngest first), product line, then currency code. */
    static final Comparator<AgingRow> AGING_ORDER = Comparator
            .comparing(AgingRow::bucket)
            .thenComparing(AgingRow::productLine)
            .thenComparing(AgingRow::currency);

    private static List<String> channels(Set<Channel> channels) {
        return channels.stream().sorted().map(Enum::name).toList();
    }

    private static Currency currency(String code) {
        return Currency.getInstance(code);
    }

    private static String amount(Long minor, Currency currency) {
        return minor == null ? null : Money.format(minor, currency);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
