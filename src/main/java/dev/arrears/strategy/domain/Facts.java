package dev.arrears.strategy.domain;

import java.util.List;

/**
 * What strategy conditions may read about one account on one date, named in CEL as {@code account.*},
 * {@code customer.*}, {@code history.*}, {@code score.*} and {@code case.*} (see {@link FactCatalog} and
 * {@code docs/strategies.md}). Amounts are major units as numbers, for comparisons only: no money is computed
 * from them. Counts and days are whole numbers.
 *
 * @param creditLimit       credit limit in major units, 0 when the account has none
 * @param tenureMonths      whole months since the account opened
 * @param hasApp            the customer has a push token (the app is installed)
 * @param channels          channels the customer consented to and did not opt out of (SMS, CALL, EMAIL, …)
 * @param lastContactDaysAgo days since the last contact action planned for the account; 9999 when never
 * @param caseOpenDays      days since the open case opened; 0 when the case opens now
 * @param caseStep          number of the last ladder step planned in the open case; 0 before the first
 * @param caseVariant       champion/challenger arm of the open case; empty before the case opens
 * @param scoreReasons      the score's top reason codes (feature names), worst first, at most four; empty when unknown
 * @param scoreMissRisk     probability 0 to 1 that the next bill due is still unpaid 5 days after its due date; 0 when
 *                          unknown
 * @param reversedPayments30d payments reversed (returned direct debits, chargebacks) in the 30 days up to the date
 * @param overdueOutsidePlan the overdue amount an active instalment plan does not cover, major units: the overdue
 *                          amount less what the plan still has to collect (never below 0); the whole overdue amount
 *                          when there is no active plan
 * @param reversalsAtCaseOpen payments reversed around the day the open case opened (from 7 days before to the day
 *                          after, never after the date), or in the 7 days up to the date when the case opens now:
 *                          above 0, the case was (re)opened by a reversal
 */
public record Facts(
        long accountId, double balance, double overdueAmount, long daysPastDue, String bucket, String productLine,
        String currency, String status, double creditLimit,
        String customerType, String locale, String timeZone, long tenureMonths, boolean hasApp,
        List<String> channels,
        long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
        long complaints90d, long lastContactDaysAgo,
        long scoreValue, String scoreGrade,
        long caseOpenDays, long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen,
        List<String> scoreReasons, double scoreMissRisk, long reversedPayments30d, double overdueOutsidePlan,
        long reversalsAtCaseOpen) {

    /** Days-ago value of {@code history.lastContactDaysAgo} for an account never contacted. */
    public static final long NEVER = 9999;

    public Facts {
        channels = List.copyOf(channels);
        scoreReasons = List.copyOf(scoreReasons);
    }

    /** Creates facts without reason codes or miss risk (the facts before the scoring module supplied them). */
    public Facts(long accountId, double balance, double overdueAmount, long daysPastDue, String bucket,
                 String productLine, String currency, String status, double creditLimit, String customerType,
                 String locale, String timeZone, long tenureMonths, boolean hasApp, List<String> channels,
                 long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
                 long complaints90d, long lastContactDaysAgo, long scoreValue, String scoreGrade, long caseOpenDays,
                 long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen) {
        this(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status, creditLimit,
                customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, List.of(), 0.0, 0);
    }

    /** Creates facts without the count of reversed payments (the facts before reversals were a fact). */
    public Facts(long accountId, double balance, double overdueAmount, long daysPastDue, String bucket,
                 String productLine, String currency, String status, double creditLimit, String customerType,
                 String locale, String timeZone, long tenureMonths, boolean hasApp, List<String> channels,
                 long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
                 long complaints90d, long lastContactDaysAgo, long scoreValue, String scoreGrade, long caseOpenDays,
                 long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen,
                 List<String> scoreReasons, double scoreMissRisk) {
        this(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status, creditLimit,
                customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, 0);
    }

    /**
     * Creates facts without an instalment plan's share of the overdue amount (the facts before it was a fact): all
     * of the overdue amount is outside a plan.
     */
    public Facts(long accountId, double balance, double overdueAmount, long daysPastDue, String bucket,
                 String productLine, String currency, String status, double creditLimit, String customerType,
                 String locale, String timeZone, long tenureMonths, boolean hasApp, List<String> channels,
                 long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
                 long complaints90d, long lastContactDaysAgo, long scoreValue, String scoreGrade, long caseOpenDays,
                 long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen,
                 List<String> scoreReasons, double scoreMissRisk, long reversedPayments30d) {
        this(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status, creditLimit,
                customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, reversedPayments30d, overdueAmount);
    }

    /** Creates facts without the reversals around the case's opening (the facts before it was a fact): none. */
    public Facts(long accountId, double balance, double overdueAmount, long daysPastDue, String bucket,
                 String productLine, String currency, String status, double creditLimit, String customerType,
                 String locale, String timeZone, long tenureMonths, boolean hasApp, List<String> channels,
                 long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
                 long complaints90d, long lastContactDaysAgo, long scoreValue, String scoreGrade, long caseOpenDays,
                 long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen,
                 List<String> scoreReasons, double scoreMissRisk, long reversedPayments30d,
                 double overdueOutsidePlan) {
        this(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status, creditLimit,
                customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, reversedPayments30d, overdueOutsidePlan, 0);
    }

    /** Returns these facts with the reversals around the case's opening replaced. */
    public Facts withReversalsAtCaseOpen(long count) {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, reversedPayments30d, overdueOutsidePlan, count);
    }

    /** Returns these facts with the overdue amount outside an active instalment plan replaced (major units). */
    public Facts withOverdueOutsidePlan(double amount) {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, reversedPayments30d, amount, reversalsAtCaseOpen);
    }

    /** Returns these facts with the count of reversed payments replaced. */
    public Facts withReversedPayments(long count) {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, scoreValue,
                scoreGrade, caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, scoreReasons,
                scoreMissRisk, count, overdueOutsidePlan, reversalsAtCaseOpen);
    }

    /** Returns these facts with the score's value and grade replaced (reasons and miss risk kept). */
    public Facts withScore(long value, String grade) {
        return withScore(value, grade, scoreReasons, scoreMissRisk);
    }

    /** Returns these facts with the whole score replaced. */
    public Facts withScore(long value, String grade, List<String> reasons, double missRisk) {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, value, grade,
                caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen, reasons, missRisk,
                reversedPayments30d, overdueOutsidePlan, reversalsAtCaseOpen);
    }
}
