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
 */
public record Facts(
        long accountId, double balance, double overdueAmount, long daysPastDue, String bucket, String productLine,
        String currency, String status, double creditLimit,
        String customerType, String locale, String timeZone, long tenureMonths, boolean hasApp,
        List<String> channels,
        long timesDelinquent12m, long maxDaysPastDue12m, double onTimeRatio12m, long brokenPromises90d,
        long complaints90d, long lastContactDaysAgo,
        long scoreValue, String scoreGrade,
        long caseOpenDays, long caseStep, String caseVariant, boolean promiseActive, boolean disputeOpen) {

    /** Days-ago value of {@code history.lastContactDaysAgo} for an account never contacted. */
    public static final long NEVER = 9999;

    public Facts {
        channels = List.copyOf(channels);
    }

    /** Returns these facts with the score replaced. */
    public Facts withScore(long value, String grade) {
        return new Facts(accountId, balance, overdueAmount, daysPastDue, bucket, productLine, currency, status,
                creditLimit, customerType, locale, timeZone, tenureMonths, hasApp, channels, timesDelinquent12m,
                maxDaysPastDue12m, onTimeRatio12m, brokenPromises90d, complaints90d, lastContactDaysAgo, value, grade,
                caseOpenDays, caseStep, caseVariant, promiseActive, disputeOpen);
    }
}
