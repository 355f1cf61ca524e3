package dev.arrears.ledger.intake;

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
import dev.arrears.ledger.Commands;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one raw record (a tree of maps, lists and strings) into a validated command, or into the list of
 * everything wrong with it. Checks that need the database (does the account exist, does the currency match)
 * happen when the ledger writes.
 */
public final class Intake {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static final Set<String> CUSTOMER_FIELDS = Set.of("externalRef", "name", "type", "locale", "timeZone",
            "contactPoints", "id");
    static final Set<String> CONTACT_FIELDS = Set.of("kind", "value", "consents", "optOuts");
    static final Set<String> ACCOUNT_FIELDS = Set.of("externalRef", "customerRef", "productLine", "currency",
            "status", "openedOn", "creditLimit", "id");
    static final Set<String> BILL_FIELDS = Set.of("externalRef", "accountRef", "issueDate", "dueDate", "currency",
            "total", "lines", "id");
    static final Set<String> LINE_FIELDS = Set.of("description", "category", "amount");
    static final Set<String> PAYMENT_FIELDS = Set.of("externalRef", "accountRef", "amount", "currency",
            "receivedAt", "method", "reference", "id");
    static final Set<String> ADJUSTMENT_FIELDS = Set.of("externalRef", "accountRef", "billRef", "type", "amount",
            "currency", "reason", "effectiveDate", "dueDate", "id");

    private Intake() {
    }

    /** The outcome of reading one record: a command, or the issues that kept it from being one. */
    public record Result<T>(T command, List<Issue> issues) {
        public boolean valid() {
            return command != null && issues.isEmpty();
        }
    }

    /** Reads a customer. */
    public static Result<RegisterCustomer> customer(Map<String, Object> raw) {
        FieldReader r = new FieldReader(raw, "", new ArrayList<>());
        r.rejectUnknown(CUSTOMER_FIELDS);
        String ref = r.ref("externalRef", true);
        String name = r.boundedText("name", true, 200);
        CustomerType type = r.enumValue("type", CustomerType.class, null);
        String locale = r.text("locale", true);
        if (locale != null && !Commands.LOCALES.contains(locale)) {
            r.fail("locale", "'" + FieldReader.abbreviate(locale) + "' is not one of zh-CN, zh-TW, en");
            locale = null;
        }
        ZoneId zone = r.zone("timeZone", true);
        List<ContactPoint> points = new ArrayList<>();
        for (FieldReader p : r.list("contactPoints", false)) {
            ContactPoint point = contactPoint(p);
            if (point != null) {
                points.add(point);
            }
        }
        if (!r.issues().isEmpty()) {
            return new Result<>(null, r.issues());
        }
        return new Result<>(new RegisterCustomer(ref, name, type, locale, zone, points), List.of());
    }

    private static ContactPoint contactPoint(FieldReader p) {
        int before = p.issues().size();
        p.rejectUnknown(CONTACT_FIELDS);
        ContactKind kind = p.enumValue("kind", ContactKind.class, null);
        String value = p.boundedText("value", true, 500);
        if (kind != null && value != null) {
            switch (kind) {
                case PHONE -> {
                    if (!E164.matcher(value).matches()) {
                        p.fail("value", "'" + FieldReader.abbreviate(value)
                                + "' is not an E.164 phone number such as +8613800138000");
                    }
                }
                case EMAIL -> {
                    if (!EMAIL.matcher(value).matches()) {
                        p.fail("value", "'" + FieldReader.abbreviate(value) + "' is not an e-mail address");
                    }
                }
                default -> { }
            }
        }
        Set<Channel> consents = p.enumSet("consents", Channel.class);
        Set<Channel> optOuts = p.enumSet("optOuts", Channel.class);
        if (kind != null) {
            for (Channel channel : union(consents, optOuts)) {
                if (!kind.channels().contains(channel)) {
                    p.fail(consents.contains(channel) ? "consents" : "optOuts",
                            channel + " cannot reach a contact point of kind " + kind);
                }
            }
        }
        return p.issues().size() == before ? new ContactPoint(kind, value, consents, optOuts) : null;
    }

    private static Set<Channel> union(Set<Channel> a, Set<Channel> b) {
        java.util.EnumSet<Channel> all = java.util.EnumSet.noneOf(Channel.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** Reads an account. */
    public static Result<OpenAccount> account(Map<String, Object> raw) {
        FieldReader r = new FieldReader(raw, "", new ArrayList<>());
        r.rejectUnknown(ACCOUNT_FIELDS);
        String ref = r.ref("externalRef", true);
        String customerRef = r.ref("customerRef", true);
        ProductLine line = r.enumValue("productLine", ProductLine.class, null);
        Currency currency = r.currency("currency", true);
        AccountStatus status = r.enumValue("status", AccountStatus.class, AccountStatus.ACTIVE);
        LocalDate openedOn = r.date("openedOn", true);
        Long limit = r.amount("creditLimit", currency, false);
        if (limit != null && limit < 0) {
            r.fail("creditLimit", "cannot be negative");
        }
        if (!r.issues().isEmpty()) {
            return new Result<>(null, r.issues());
        }
        return new Result<>(new OpenAccount(ref, customerRef, line, currency, status, openedOn, limit), List.of());
    }

    /** Reads a bill; its total must be the sum of its lines. */
    public static Result<IssueBill> bill(Map<String, Object> raw) {
        FieldReader r = new FieldReader(raw, "", new ArrayList<>());
        r.rejectUnknown(BILL_FIELDS);
        String ref = r.ref("externalRef", true);
        String accountRef = r.ref("accountRef", true);
        LocalDate issueDate = r.date("issueDate", true);
        LocalDate dueDate = r.date("dueDate", true);
        if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
            r.fail("dueDate", "due date " + dueDate + " is before the issue date " + issueDate);
        }
        Currency currency = r.currency("currency", true);
        Long total = r.amount("total", currency, true);
        List<BillLine> lines = new ArrayList<>();
        List<FieldReader> lineReaders = r.list("lines", true);
        if (raw.get("lines") instanceof List<?> list && list.isEmpty()) {
            r.fail("lines", "a bill needs at least one line item");
        }
        boolean linesValid = true;
        for (FieldReader l : lineReaders) {
            int before = l.issues().size();
            l.rejectUnknown(LINE_FIELDS);
            String description = l.boundedText("description", true, 500);
            LineCategory category = l.enumValue("category", LineCategory.class, null);
            Long amount = l.amount("amount", currency, true);
            if (l.issues().size() == before && amount != null) {
                lines.add(new BillLine(description, category, amount));
            } else {
                linesValid = false;
            }
        }
        if (total != null && total < 0) {
            r.fail("total", "cannot be negative");
        } else if (total != null && linesValid && !lines.isEmpty()) {
            long sum = 0;
            boolean overflow = false;
            for (BillLine line : lines) {
                try {
                    sum = Math.addExact(sum, line.amountMinor());
                } catch (ArithmeticException e) {
                    overflow = true;
                    break;
                }
            }
            if (overflow) {
                r.fail("total", "the line items add up to an amount too large to hold");
            } else if (sum != total) {
                r.fail("total", "total " + Money.format(total, currency) + " is not the sum of the line items "
                        + Money.format(sum, currency));
            }
        }
        if (!r.issues().isEmpty()) {
            return new Result<>(null, r.issues());
        }
        return new Result<>(new IssueBill(ref, accountRef, issueDate, dueDate, currency, total, lines), List.of());
    }

    /** Reads a payment; its amount must be positive. */
    public static Result<PostPayment> payment(Map<String, Object> raw) {
        FieldReader r = new FieldReader(raw, "", new ArrayList<>());
        r.rejectUnknown(PAYMENT_FIELDS);
        String ref = r.ref("externalRef", true);
        String accountRef = r.ref("accountRef", true);
        Currency currency = r.currency("currency", true);
        Long amount = r.amount("amount", currency, true);
        if (amount != null && amount <= 0) {
            r.fail("amount", "must be more than zero");
        }
        Instant receivedAt = r.instant("receivedAt", true);
        PaymentMethod method = r.enumValue("method", PaymentMethod.class, PaymentMethod.OTHER);
        String reference = r.boundedText("reference", false, 200);
        if (!r.issues().isEmpty()) {
            return new Result<>(null, r.issues());
        }
        return new Result<>(new PostPayment(ref, accountRef, amount, currency, receivedAt, method, reference),
                List.of());
    }

    /** Reads an adjustment; a debit note without a bill is due on its due date (or its effective date). */
    public static Result<RecordAdjustment> adjustment(Map<String, Object> raw) {
        FieldReader r = new FieldReader(raw, "", new ArrayList<>());
        r.rejectUnknown(ADJUSTMENT_FIELDS);
        String ref = r.ref("externalRef", true);
        String accountRef = r.ref("accountRef", true);
        String billRef = r.ref("billRef", false);
        AdjustmentType type = r.enumValue("type", AdjustmentType.class, null);
        Currency currency = r.currency("currency", true);
        Long amount = r.amount("amount", currency, true);
        if (amount != null && amount <= 0) {
            r.fail("amount", "must be more than zero");
        }
        String reason = r.boundedText("reason", true, 500);
        LocalDate effective = r.date("effectiveDate", true);
        LocalDate due = r.date("dueDate", false);
        if (effective != null && due != null && due.isBefore(effective)) {
            r.fail("dueDate", "due date " + due + " is before the effective date " + effective);
        }
        if (!r.issues().isEmpty()) {
            return new Result<>(null, r.issues());
        }
        return new Result<>(new RecordAdjustment(ref, accountRef, billRef, type, amount, currency, reason, effective,
                due), List.of());
    }
}
