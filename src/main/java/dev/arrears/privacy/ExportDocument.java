package dev.arrears.privacy;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Views.AccountRecordsView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerRecordsView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a personal data export ({@code format} {@value #FORMAT}): the customer with its contact points,
 * consents and opt-outs; every account with its bills and their lines, payments and adjustments; and one section
 * per {@link dev.arrears.shared.PersonalDataSource} (compliance flags and verdicts, for instance) under its name.
 * Amounts are decimal strings in major units of the account's {@code currency}; dates ISO; instants ISO in UTC.
 * After an erasure, names and addresses are the placeholders the ledger keeps and {@code erasedAt} is set.
 */
record ExportDocument(String format, String exportedAt, CustomerJson customer, List<AccountJson> accounts,
                      Map<String, Object> sections) {

    static final String FORMAT = "arrears-personal-data/1";

    record CustomerJson(long id, String externalRef, String name, String type, String locale, String timeZone,
                        String erasedAt, List<ContactPointJson> contactPoints) {
    }

    record ContactPointJson(String kind, String value, List<String> consents, List<String> optOuts) {
    }

    record AccountJson(long id, String externalRef, String productLine, String currency, String status,
                       String openedOn, String creditLimit, List<BillJson> bills, List<PaymentJson> payments,
                       List<AdjustmentJson> adjustments) {
    }

    record BillJson(long id, String externalRef, String issueDate, String dueDate, String total, String outstanding,
                    List<LineJson> lines) {
    }

    record LineJson(String description, String category, String amount) {
    }

    record PaymentJson(long id, String externalRef, String amount, String receivedAt, String method,
                       String reference, String reversedAt, String reversalReason) {
    }

    record AdjustmentJson(long id, String externalRef, String billRef, String type, String amount, String reason,
                          String effectiveDate, String dueDate) {
    }

    /** Builds the document from the ledger's records and the other modules' sections (ordered by name). */
    static ExportDocument of(CustomerRecordsView records, Map<String, Object> sections, Instant exportedAt) {
        return new ExportDocument(FORMAT, exportedAt.toString(), customer(records.customer(), records.erasedAt()),
                records.accounts().stream().map(ExportDocument::account).toList(), sections);
    }

    private static CustomerJson customer(CustomerView c, Instant erasedAt) {
        return new CustomerJson(c.id(), c.externalRef(), c.name(), c.type().name(), c.locale(), c.timeZone(),
                text(erasedAt), c.contactPoints().stream().map(ExportDocument::contactPoint).toList());
    }

    private static ContactPointJson contactPoint(ContactPoint p) {
        return new ContactPointJson(p.kind().name(), p.value(), p.consents().stream().sorted().map(Enum::name).toList(),
                p.optOuts().stream().sorted().map(Enum::name).toList());
    }

    private static AccountJson account(AccountRecordsView a) {
        Currency currency = Currency.getInstance(a.currency());
        return new AccountJson(a.id(), a.externalRef(), a.productLine().name(), a.currency(), a.status().name(),
                text(a.openedOn()), a.creditLimitMinor() == null ? null : Money.format(a.creditLimitMinor(), currency),
                a.bills().stream().map(b -> bill(b, currency)).toList(),
                a.payments().stream().map(p -> payment(p, currency)).toList(),
                a.adjustments().stream().map(d -> adjustment(d, currency)).toList());
    }

    private static BillJson bill(BillView b, Currency currency) {
        return new BillJson(b.id(), b.externalRef(), text(b.issueDate()), text(b.dueDate()),
                Money.format(b.totalMinor(), currency), Money.format(b.outstandingMinor(), currency),
                b.lines().stream().map(l -> line(l, currency)).toList());
    }

    private static LineJson line(BillLine l, Currency currency) {
        return new LineJson(l.description(), l.category().name(), Money.format(l.amountMinor(), currency));
    }

    private static PaymentJson payment(PaymentView p, Currency currency) {
        return new PaymentJson(p.id(), p.externalRef(), Money.format(p.amountMinor(), currency),
                text(p.receivedAt()), p.method().name(), p.reference(), text(p.reversedAt()),
                p.reversalReason() == null ? null : p.reversalReason().name());
    }

    private static AdjustmentJson adjustment(AdjustmentView d, Currency currency) {
        return new AdjustmentJson(d.id(), d.externalRef(), d.billRef(), d.type().name(),
                Money.format(d.amountMinor(), currency), d.reason(), text(d.effectiveDate()), text(d.dueDate()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
