package dev.arrears.contact.template;

import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderContext.Bill;
import dev.arrears.contact.RenderContext.Line;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The variables a template may use: the one documented table, which the parser resolves names against, the renderer
 * reads values through and {@code docs/templates.md} and {@code GET /api/v1/templates/variables} show. Message
 * variables have dotted names; inside {@code {{#bills}}} each bill's fields and inside {@code {{#lines}}} each
 * line's fields are in scope by their short names.
 */
public final class Variables {

    /** What a variable holds: text to insert, a yes/no flag for {@code {{#if}}}, or a list for a section. */
    public enum Kind { TEXT, FLAG, LIST }

    /** Where a variable is visible: everywhere, inside {@code {{#bills}}}, inside {@code {{#lines}}}. */
    public enum Scope { MESSAGE, BILL, LINE }

    /**
     * One variable.
     *
     * @param items for a list, the scope its items open; null otherwise
     * @param example what it renders to in English for the sample account
     */
    public record Variable(String name, Kind kind, Scope scope, Scope items, String description, String example,
                           Function<Frame, Object> value) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The message variables whose values come from the account's bills (beside every bill and line variable). */
    private static final Set<String> FROM_BILLS = Set.of("bills", "account.unpaidBills", "account.number");

    private static final Map<String, Variable> MESSAGE = new LinkedHashMap<>();
    private static final Map<String, Variable> BILL = new LinkedHashMap<>();
    private static final Map<String, Variable> LINE = new LinkedHashMap<>();

    /** The opt-out line: rendering it non-empty is what makes a message carry its opt-out. */
    public static final Variable OPT_OUT;
    /** The opt-out link of e-mails. */
    public static final Variable OPT_OUT_LINK;
    /** The debt collector notice (US-REGF). */
    public static final Variable DEBT_COLLECTOR;

    static {
        text(MESSAGE, "customer.name", "the customer's name", "Chen Jing", f -> f.context.customerName());
        text(MESSAGE, "customer.address", "the customer's postal address, one line per line (letters)",
                "12 Harbour Road, Kowloon", f -> f.context.postalAddress());
        text(MESSAGE, "account.number", "the account number the customer knows", "ACC-1001",
                f -> f.context.account().number());
        text(MESSAGE, "account.balance", "everything owed on the account, due or not", "CN¥1,234.50",
                f -> f.formats.money(f.context.account().balanceMinor(), f.context.account().currency()));
        text(MESSAGE, "account.overdueAmount", "the amount past its due date", "CN¥1,234.50",
                f -> f.formats.money(f.context.account().overdueMinor(), f.context.account().currency()));
        text(MESSAGE, "account.overdueDays", "days past due of the oldest overdue item (0 before the due date)", "12",
                f -> Integer.toString(f.context.account().overdueDays()));
        text(MESSAGE, "account.dueDate", "the due date of the oldest item still open", "2 December 2026",
                f -> f.formats.date(f.context.account().dueDate()));
        flag(MESSAGE, "account.overdue", "yes when something is past its due date",
                f -> f.context.account().overdueMinor() > 0);
        text(MESSAGE, "account.unpaidBills", "how many bills are not fully paid", "2",
                f -> Integer.toString(f.context.bills().size()));
        list(MESSAGE, "bills", Scope.BILL, "the unpaid bills, oldest due date first", f -> f.context.bills());
        text(MESSAGE, "payment.link", "the customer's portal link: the bill, line by line, and how to pay",
                "https://pay.example.com/portal/AQE…", f -> f.context.paymentLink());
        text(MESSAGE, "instalment.amount", "the instalment reminded of (instalment reminders; empty elsewhere)",
                "CN¥450.00", f -> instalment(f, i -> f.formats.money(i.amountMinor(), f.context.account().currency())));
        text(MESSAGE, "instalment.dueDate", "when that instalment is due", "23 December 2026",
                f -> instalment(f, i -> f.formats.date(i.dueDate())));
        text(MESSAGE, "instalment.number", "its number in the plan (the down payment is not counted)", "2",
                f -> instalment(f, i -> Integer.toString(i.number())));
        text(MESSAGE, "instalment.count", "how many instalments the plan has", "6",
                f -> instalment(f, i -> Integer.toString(i.count())));
        text(MESSAGE, "plan.remaining", "what is left to pay on the plan, this instalment included", "CN¥2,250.00",
                f -> instalment(f, i -> f.formats.money(i.remainingMinor(), f.context.account().currency())));
        text(MESSAGE, "reversal.amount",
                "the reversed payment's amount (payment-reversed notices; empty elsewhere)", "CN¥158.00",
                f -> f.context.reversal() == null ? ""
                        : f.formats.money(f.context.reversal().amountMinor(), f.context.account().currency()));
        text(MESSAGE, "reversal.paymentDate", "when that payment was made", "25 November 2026",
                f -> f.context.reversal() == null ? "" : f.formats.date(f.context.reversal().paidOn()));
        text(MESSAGE, "collector.name", "the collector or named account manager (empty when none)", "Li Na",
                f -> f.context.collectorName());
        text(MESSAGE, "creditor.name", "who the debt is owed to", "Arrears Demo Telecom",
                f -> f.context.creditorName());
        text(MESSAGE, "creditor.phone", "the customer service number (empty when none)", "400 800 1234",
                f -> f.context.creditorPhone());
        text(MESSAGE, "message.date", "the date of the message", "2 December 2026",
                f -> f.formats.date(f.context.today()));
        text(MESSAGE, "disclosures.optOut", "the opt-out line (SMS, e-mail; empty elsewhere)",
                "Reply STOP to opt out", f -> f.lines.optOut());
        text(MESSAGE, "disclosures.optOutLink", "the opt-out link (e-mail; empty elsewhere)",
                "https://pay.example.com/optout/AQE…?channel=email", f -> f.lines.optOutLink());
        text(MESSAGE, "disclosures.debtCollector", "the debt collector notice where the law requires it (US-REGF)",
                "This is a communication from a debt collector.", f -> f.lines.debtCollector());
        text(MESSAGE, "disclosures.debtAdvice", "where to find free debt advice where the law asks (UK-FCA)",
                "Free and impartial debt advice is available from MoneyHelper: …", f -> f.lines.debtAdvice());

        text(BILL, "number", "the bill number", "INV-2026-11", f -> f.bill.number());
        text(BILL, "issueDate", "when the bill was issued", "1 November 2026", f -> f.formats.date(f.bill.issueDate()));
        text(BILL, "dueDate", "when the bill was or is due", "20 November 2026", f -> f.formats.date(f.bill.dueDate()));
        text(BILL, "total", "the bill's total", "CN¥158.00",
                f -> f.formats.money(f.bill.totalMinor(), f.context.account().currency()));
        text(BILL, "outstanding", "what is still owed on the bill", "CN¥158.00",
                f -> f.formats.money(f.bill.outstandingMinor(), f.context.account().currency()));
        text(BILL, "overdueDays", "days past the bill's due date (0 when not yet due)", "12",
                f -> Long.toString(overdueDays(f.bill, f.context)));
        flag(BILL, "overdue", "yes when the bill is past its due date", f -> overdueDays(f.bill, f.context) > 0);
        list(BILL, "lines", Scope.LINE, "the bill's lines", f -> f.bill.lines());

        text(LINE, "description", "what the line is for", "Monthly plan", f -> f.line.description());
        text(LINE, "category", "the line's category in the message's language", "Service",
                f -> f.formats.category(f.line.category()));
        text(LINE, "amount", "the line's amount", "CN¥128.00",
                f -> f.formats.money(f.line.amountMinor(), f.context.account().currency()));

        OPT_OUT = MESSAGE.get("disclosures.optOut");
        OPT_OUT_LINK = MESSAGE.get("disclosures.optOutLink");
        DEBT_COLLECTOR = MESSAGE.get("disclosures.debtCollector");
    }

    /** Returns true when the variable's value comes from the account's bills (see {@code CompiledTemplate}). */
    public static boolean readsBills(Variable variable) {
        return variable.scope() != Scope.MESSAGE || FROM_BILLS.contains(variable.name());
    }

    private Variables() {
    }

    /** Returns every variable: message variables, then a bill's, then a line's, each in table order. */
    public static List<Variable> all() {
        List<Variable> all = new ArrayList<>(MESSAGE.values());
        all.addAll(BILL.values());
        all.addAll(LINE.values());
        return all;
    }

    /** Returns the variable a name means inside the given open sections (innermost last), or null. */
    static Variable resolve(String name, List<Scope> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            Variable v = table(open.get(i)).get(name);
            if (v != null) {
                return v;
            }
        }
        return MESSAGE.get(name);
    }

    /** Explains a name that does not resolve where it is used. */
    static String unknown(String name, List<Scope> open) {
        for (Scope scope : List.of(Scope.BILL, Scope.LINE)) {
            if (table(scope).containsKey(name) && !open.contains(scope)) {
                return scope == Scope.BILL
                        ? "'" + name + "' is a field of each bill: use it inside {{#bills}}…{{/bills}}"
                        : "'" + name + "' is a field of each line: use it inside {{#lines}}…{{/lines}}";
            }
        }
        List<String> candidates = new ArrayList<>(MESSAGE.keySet());
        open.forEach(s -> candidates.addAll(table(s).keySet()));
        String closest = candidates.stream()
                .min(Comparator.comparingInt(c -> distance(c.toLowerCase(), name.toLowerCase())))
                .filter(c -> distance(c.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 4))
                .orElse(null);
        return "unknown variable '" + name + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?")
                + " (see docs/templates.md for the variables)";
    }

    private static Map<String, Variable> table(Scope scope) {
        return switch (scope) {
            case MESSAGE -> MESSAGE;
            case BILL -> BILL;
            case LINE -> LINE;
        };
    }

    /** Returns a value of the context's instalment, or empty text when the message is about none. */
    private static String instalment(Frame f, Function<RenderContext.Instalment, String> value) {
        return f.context.instalment() == null ? "" : value.apply(f.context.instalment());
    }

    private static long overdueDays(Bill bill, RenderContext context) {
        return Math.max(0, ChronoUnit.DAYS.between(bill.dueDate(), context.today()));
    }

    private static void text(Map<String, Variable> table, String name, String description, String example,
                             Function<Frame, Object> value) {
        table.put(name, new Variable(name, Kind.TEXT, scopeOf(table), null, description, example, value));
    }

    private static void flag(Map<String, Variable> table, String name, String description,
                             Function<Frame, Object> value) {
        table.put(name, new Variable(name, Kind.FLAG, scopeOf(table), null, description, "yes", value));
    }

    private static void list(Map<String, Variable> table, String name, Scope items, String description,
                             Function<Frame, Object> value) {
        table.put(name, new Variable(name, Kind.LIST, scopeOf(table), items, description, "", value));
    }

    private static Scope scopeOf(Map<String, Variable> table) {
        return table == MESSAGE ? Scope.MESSAGE : table == BILL ? Scope.BILL : Scope.LINE;
    }

    /** Levenshtein distance, for suggestions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** The state of one rendering: the context, its formats and disclosures, and the bill and line in scope. */
    public static final class Frame {
        final RenderContext context;
        final Formats formats;
        final Disclosures.Lines lines;
        Bill bill;
        Line line;

        Frame(RenderContext context, Formats formats, Disclosures.Lines lines) {
            this.context = context;
            this.formats = formats;
            this.lines = lines;
        }
    }
}
