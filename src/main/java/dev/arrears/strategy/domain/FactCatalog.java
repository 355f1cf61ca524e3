package dev.arrears.strategy.domain;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The documented facts, in a fixed order: each with its CEL name, CEL type, meaning and how to read it from
 * {@link Facts}. The order is part of the stored decision trace format (a fact's index), so new facts are only
 * ever appended.
 */
public final class FactCatalog {

    /** One readable fact. */
    public record Fact(int index, String name, CelType type, String meaning, Function<Facts, Object> read) {
    }

    private static final Map<String, Fact> BY_NAME = new LinkedHashMap<>();
    private static final List<Fact> ALL;

    static {
        add("account.balance", SimpleType.DOUBLE, "open items minus unapplied credit, major units", f -> f.balance());
        add("account.overdueAmount", SimpleType.DOUBLE, "amount past its due date, major units", f -> f.overdueAmount());
        add("account.daysPastDue", SimpleType.INT, "days since the oldest overdue item fell due", f -> f.daysPastDue());
        add("account.bucket", SimpleType.STRING, "aging bucket label: CURRENT, 1-30, 31-60, 61-90, 91-180, 181+", f -> f.bucket());
        add("account.productLine", SimpleType.STRING, "TELECOM_POSTPAID, BROADBAND, WALLET_CREDIT, B2B_INVOICE, UTILITY, OTHER", f -> f.productLine());
        add("account.currency", SimpleType.STRING, "ISO 4217 code", f -> f.currency());
        add("account.status", SimpleType.STRING, "ACTIVE, SUSPENDED, CLOSED, WRITTEN_OFF", f -> f.status());
        add("account.creditLimit", SimpleType.DOUBLE, "credit limit, major units; 0 when none", f -> f.creditLimit());
        add("customer.type", SimpleType.STRING, "PERSON or BUSINESS", f -> f.customerType());
        add("customer.locale", SimpleType.STRING, "zh-CN, zh-TW or en", f -> f.locale());
        add("customer.timeZone", SimpleType.STRING, "IANA time zone", f -> f.timeZone());
        add("customer.tenureMonths", SimpleType.INT, "whole months since the account opened", f -> f.tenureMonths());
        add("customer.hasApp", SimpleType.BOOL, "a push token is registered", f -> f.hasApp());
        add("customer.channels", ListType.create(SimpleType.STRING), "channels with consent and no opt-out, e.g. 'SMS' in customer.channels", f -> f.channels());
        add("history.timesDelinquent12m", SimpleType.INT, "delinquency episodes started in the last 12 months", f -> f.timesDelinquent12m());
        add("history.maxDaysPastDue12m", SimpleType.INT, "worst days past due in the last 12 months", f -> f.maxDaysPastDue12m());
        add("history.onTimeRatio12m", SimpleType.DOUBLE, "share of bills due in the last 12 months paid by their due date (1.0 with no bills)", f -> f.onTimeRatio12m());
        add("history.brokenPromises90d", SimpleType.INT, "promises to pay broken in the last 90 days", f -> f.brokenPromises90d());
        add("history.complaints90d", SimpleType.INT, "complaints in the last 90 days", f -> f.complaints90d());
        add("history.reversedPayments30d", SimpleType.INT, "payments reversed (returned direct debits, chargebacks) in the last 30 days", f -> f.reversedPayments30d());
        add("history.lastContactDaysAgo", SimpleType.INT, "days since the last contact action; 9999 when never", f -> f.lastContactDaysAgo());
        add("score.value", SimpleType.INT, "risk score, higher is safer", f -> f.scoreValue());
        add("score.grade", SimpleType.STRING, "risk grade A (best) to E", f -> f.scoreGrade());
        add("case.openDays", SimpleType.INT, "days since the case opened; 0 when it opens now", f -> f.caseOpenDays());
        add("case.step", SimpleType.INT, "number of the last ladder step planned; 0 before the first", f -> f.caseStep());
        add("case.variant", SimpleType.STRING, "champion/challenger arm; empty before the case opens", f -> f.caseVariant());
        add("case.promiseActive", SimpleType.BOOL,
                "a promise to pay or an instalment plan holds the ladder (a plan over part of the balance: only while nothing is overdue outside it)", f -> f.promiseActive());
        add("case.disputeOpen", SimpleType.BOOL, "a dispute is open", f -> f.disputeOpen());
        add("score.reasons", ListType.create(SimpleType.STRING), "top reason codes of the score, worst first, at most 4 (feature names such as 'maxDaysPastDue12m'); empty when unknown", f -> f.scoreReasons());
        add("score.missRisk", SimpleType.DOUBLE, "probability 0-1 that the next bill due is still unpaid 5 days after its due date; 0 when unknown", f -> f.scoreMissRisk());
        add("account.overdueOutsidePlan", SimpleType.DOUBLE, "overdue amount an active instalment plan does not cover (the overdue amount less what the plan still has to collect, at least 0), major units; the whole overdue amount when there is no active plan", f -> f.overdueOutsidePlan());
        add("case.reversalsAtOpen", SimpleType.INT, "payments reversed from 7 days before the case opened to the day after (the 7 days up to today when it opens now): above 0, a reversal (re)opened the case", f -> f.reversalsAtCaseOpen());
        ALL = List.copyOf(BY_NAME.values());
    }

    private FactCatalog() {
    }

    private static void add(String name, CelType type, String meaning, Function<Facts, Object> read) {
        BY_NAME.put(name, new Fact(BY_NAME.size(), name, type, meaning, read));
    }

    /** Returns every fact in catalogue order. */
    public static List<Fact> all() {
        return ALL;
    }

    /** Returns the fact of a CEL name, or null. */
    public static Fact byName(String name) {
        return BY_NAME.get(name);
    }
}
