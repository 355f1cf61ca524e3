package dev.arrears.arrangement.domain;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Late fees and interest on overdue bills, by product line and jurisdiction (the customer's country), read from
 * YAML ({@code charges/charges.yaml}, see docs/charges.md). Pure: {@link #due} says which charges a bill has earned
 * on a date from the bill, the charges it already carries and whether charging is frozen, and nothing else.
 *
 * <p>The arithmetic, per bill and in the bill's currency's minor units:
 * <ul>
 *   <li>a bill is late once the date is more than {@code graceDays} after its due date and part of it is unpaid;</li>
 *   <li>the late fee is charged once per bill, on the first date it is late (or, when no run charged it then, on a
 *       later one within {@value #FEE_DAYS} days: rules switched on never charge fees for lateness long past);</li>
 *   <li>interest is simple, {@code dailyInterestRate} a day on the bill's unpaid principal (what is unpaid of the
 *       bill, at most its total: charges are never charged interest), charged for each whole period of
 *       {@code interestPeriodDays} days from the end of the grace; a period is charged by the run of the date it ends,
 *       rounded half-even to the minor unit (a date without a run leaves its period uncharged: an error in the
 *       customer's favour, never against);</li>
 *   <li>the fees and interest of a bill together never exceed {@code capShareOfPrincipal} of the bill's total: a
 *       charge that would pass the cap is cut to it, and none is made once it is reached;</li>
 *   <li>nothing is charged while charging is frozen (breathing space, bankruptcy), and periods that end while it is
 *       frozen are never charged afterwards.</li>
 * </ul>
 */
public final class ChargeRules {

    /** What a charge is for. */
    public enum Kind { FEE, INTEREST }

    /**
     * One rule.
     *
     * @param id                  a name for the rule, written on every charge it makes
     * @param countries           ISO 3166 countries it applies to; empty for any
     * @param productLines        product lines it applies to; empty for any
     * @param currency            the currency of its amounts; it applies only to accounts in that currency
     * @param graceDays           days after the due date before a bill is late
     * @param lateFeeMinor        the fixed late fee in minor units, 0 for none
     * @param dailyInterestRate   interest a day as a fraction (0.0005 = 0.05 %), 0 for none
     * @param interestPeriodDays  days of interest charged together
     * @param capShareOfPrincipal most that fees and interest of a bill may add up to, as a share of its total
     */
    public record Rule(String id, Set<String> countries, Set<String> productLines, Currency currency, int graceDays,
                       long lateFeeMinor, BigDecimal dailyInterestRate, int interestPeriodDays,
                       BigDecimal capShareOfPrincipal) {

        public Rule {
            countries = Set.copyOf(countries);
            productLines = Set.copyOf(productLines);
        }

        /** Returns true when the rule governs an account of this product line, currency and customer country. */
        public boolean appliesTo(String productLine, String currencyCode, String country) {
            return currency.getCurrencyCode().equals(currencyCode)
                    && (productLines.isEmpty() || productLines.contains(productLine))
                    && (countries.isEmpty() || country != null && countries.contains(country));
        }
    }

    /**
     * An unpaid bill as the rules see it.
     *
     * @param billId           the ledger's bill id
     * @param dueDate          its due date
     * @param totalMinor       its total
     * @param outstandingMinor what is unpaid of it now, charges added to it included
     */
    public record Bill(long billId, LocalDate dueDate, long totalMinor, long outstandingMinor) {
    }

    /**
     * A charge made or to be made on a bill.
     *
     * @param billId     the bill
     * @param kind       fee or interest
     * @param periodFrom first day the charge covers (the first late day for a fee)
     * @param periodTo   last day it covers (equal to {@code periodFrom} for a fee)
     * @param baseMinor  what it was computed on: the principal for interest, 0 for a fee
     * @param amountMinor the amount charged
     */
    public record Charge(long billId, Kind kind, LocalDate periodFrom, LocalDate periodTo, long baseMinor,
                         long amountMinor) {
    }

    /**
     * Days after the first late day on which a late fee may still be charged: a cycle that missed a few dates
     * catches up, but rules switched on for a portfolio never charge fees for lateness long past.
     */
    static final int FEE_DAYS = 7;

    private static final List<String> RULE_KEYS = List.of("id", "countries", "productLines", "currency", "graceDays",
            "lateFee", "dailyInterestRate", "interestPeriodDays", "capShareOfPrincipal");

    private final List<Rule> rules;

    private ChargeRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Returns rule sets with no rules: nothing is ever charged. */
    public static ChargeRules none() {
        return new ChargeRules(List.of());
    }

    /** Returns the rules in order. */
    public List<Rule> rules() {
        return rules;
    }

    /** Returns the first rule that governs an account, if any. */
    public Optional<Rule> ruleFor(String productLine, String currency, String country) {
        return rules.stream().filter(r -> r.appliesTo(productLine, currency, country)).findFirst();
    }

    /**
     * Returns the charges a bill has earned by {@code asOf} that it does not carry yet, oldest first.
     *
     * @param made   the charges already made on the bill (of any date)
     * @param frozen true when no charge may be made on this date
     */
    public static List<Charge> due(Rule rule, Bill bill, List<Charge> made, LocalDate asOf, boolean frozen) {
        LocalDate firstLate = bill.dueDate().plusDays(rule.graceDays() + 1L);
        if (frozen || asOf.isBefore(firstLate) || bill.outstandingMinor() <= 0) {
            return List.of();
        }
        long cap = new BigDecimal(bill.totalMinor()).multiply(rule.capShareOfPrincipal())
                .setScale(0, RoundingMode.DOWN).longValueExact();
        long charged = made.stream().mapToLong(Charge::amountMinor).sum();
        List<Charge> out = new ArrayList<>();
        boolean feeMade = made.stream().anyMatch(c -> c.kind() == Kind.FEE);
        if (rule.lateFeeMinor() > 0 && !feeMade && charged < cap && !asOf.isAfter(firstLate.plusDays(FEE_DAYS))) {
            long fee = Math.min(rule.lateFeeMinor(), cap - charged);
            out.add(new Charge(bill.billId(), Kind.FEE, firstLate, firstLate, 0, fee));
            charged += fee;
        }
        if (rule.dailyInterestRate().signum() > 0 && rule.interestPeriodDays() > 0) {
            // the period that ends on asOf, if one does: periods run back to back from the first late day
            long days = ChronoUnit.DAYS.between(firstLate, asOf) + 1;
            if (days >= rule.interestPeriodDays() && days % rule.interestPeriodDays() == 0) {
                LocalDate from = asOf.minusDays(rule.interestPeriodDays() - 1L);
                boolean already = made.stream().anyMatch(c -> c.kind() == Kind.INTEREST && c.periodTo().equals(asOf));
                long principal = Math.min(bill.totalMinor(), bill.outstandingMinor());
                if (!already && principal > 0 && charged < cap) {
                    long interest = new BigDecimal(principal).multiply(rule.dailyInterestRate())
                            .multiply(BigDecimal.valueOf(rule.interestPeriodDays()))
                            .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                    interest = Math.min(interest, cap - charged);
                    if (interest > 0) {
                        out.add(new Charge(bill.billId(), Kind.INTEREST, from, asOf, principal, interest));
                    }
                }
            }
        }
        return out;
    }

    /** Reads rules from YAML; a mistake is an {@link IllegalArgumentException} naming the rule and the field. */
    public static ChargeRules parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("charge rules are not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> list)) {
            throw new IllegalArgumentException("charge rules: expected a map with a list 'rules'");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "rules[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(at + ": expected a map");
            }
            for (Object key : m.keySet()) {
                if (!RULE_KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(at + "." + key + ": unknown field; fields are " + RULE_KEYS);
                }
            }
            String id = text(m, "id", at, true);
            if (!ids.add(id)) {
                throw new IllegalArgumentException(at + ".id: '" + id + "' is used twice");
            }
            Currency currency;
            try {
                currency = Currency.getInstance(text(m, "currency", at, true));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".currency: not an ISO 4217 code");
            }
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            int grace = whole(m, "graceDays", at, 0);
            long fee = amount(m, "lateFee", at, digits);
            BigDecimal rate = fraction(m, "dailyInterestRate", at, BigDecimal.ZERO);
            if (rate.compareTo(new BigDecimal("0.01")) > 0) {
                throw new IllegalArgumentException(at + ".dailyInterestRate: " + rate.toPlainString()
                        + " is more than 1 % a day; write the rate as a fraction (0.0005 = 0.05 % a day)");
            }
            int period = whole(m, "interestPeriodDays", at, 30);
            if (period < 1) {
                throw new IllegalArgumentException(at + ".interestPeriodDays: must be at least 1");
            }
            BigDecimal cap = fraction(m, "capShareOfPrincipal", at, BigDecimal.ONE);
            if (cap.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(at + ".capShareOfPrincipal: at most 1 (the whole principal)");
            }
            rules.add(new Rule(id, set(m, "countries", at), set(m, "productLines", at), currency, grace, fee, rate,
                    period, cap));
        }
        return new ChargeRules(rules);
    }

    private static String text(Map<?, ?> m, String key, String at, boolean required) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new IllegalArgumentException(at + "." + key + ": required");
            }
            return null;
        }
        return String.valueOf(v).trim();
    }

    private static int whole(Map<?, ?> m, String key, String at, int otherwise) {
        Object v = m.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Integer n) || n < 0) {
            throw new IllegalArgumentException(at + "." + key + ": expected a whole number of days, 0 or more");
        }
        return n;
    }

    private static long amount(Map<?, ?> m, String key, String at, int digits) {
        String v = text(m, key, at, false);
        if (v == null) {
            return 0;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0 || d.scale() > digits) {
                throw new NumberFormatException();
            }
            return d.movePointRight(digits).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(at + "." + key + ": '" + v + "' is not an amount with at most "
                    + digits + " decimals, 0 or more");
        }
    }

    private static BigDecimal fraction(Map<?, ?> m, String key, String at, BigDecimal otherwise) {
        String v = text(m, key, at, false);
        if (v == null) {
            return otherwise;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + "." + key + ": '" + v + "' is not a decimal fraction, 0 or more");
        }
    }

    private static Set<String> set(Map<?, ?> m, String key, String at) {
        Object v = m.get(key);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(at + "." + key + ": expected a list");
        }
        Set<String> out = new LinkedHashSet<>();
        list.forEach(x -> out.add(String.valueOf(x).trim()));
        return out;
    }
}
