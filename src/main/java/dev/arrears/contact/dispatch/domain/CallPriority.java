package dev.arrears.contact.dispatch.domain;

import dev.arrears.ledger.Views.CurrentState;

import java.time.LocalDate;
import java.util.Currency;

/**
 * The order of a collector's queue: amount overdue × risk × urgency, higher first.
 * <pre>
 *   priority = overdue × risk × urgency ÷ 60 000
 *   overdue  = amount overdue in hundredths of the account currency's major unit (minor units scaled to two
 *              decimals: ×100 for JPY, ÷10 for BHD), so one queue compares 1 000 JPY and 10.00 CNY alike by digits
 *   risk     = per mille from the account's score grade among the configured grades: best grade 600, worst 1 400,
 *              evenly between; 1 000 (neutral) when the account has no score
 *   urgency  = 30 + days past due of the oldest overdue item (at most 180)                        30 … 210
 * </pre>
 * No exchange rates: amounts of different currencies are compared by their digits, which is meant for one queue
 * per business line. At most 1 400 × 210 ÷ 60 000 ≈ 4.9 per hundredth: no overflow below 10^18 hundredths.
 */
public final class CallPriority {

    /** The risk weight of an unscored account, per mille: neither raises nor lowers the priority. */
    public static final int NEUTRAL_RISK = 1000;
    /** The risk weight of the best grade, per mille. */
    public static final int BEST_RISK = 600;
    /** The risk weight of the worst grade, per mille. */
    public static final int WORST_RISK = 1400;
    /** Days past due beyond which a call grows no more urgent. */
    public static final int URGENCY_CAP_DAYS = 180;

    private CallPriority() {
    }

    /** Returns the priority of a call about the account on the date (a date of its zone), with a risk per mille. */
    public static long of(CurrentState state, int riskPerMille, LocalDate today) {
        int digits = Currency.getInstance(state.currency()).getDefaultFractionDigits();
        return of(state.overdueMinor(), Math.max(digits, 0), riskPerMille, state.daysPastDueOn(today));
    }

    /** Returns the priority of a call about an unscored account on the date (a date of its zone). */
    public static long of(CurrentState state, LocalDate today) {
        return of(state, NEUTRAL_RISK, today);
    }

    /** Returns the priority of overdue minor units (of a currency with the fraction digits), risk and days past due. */
    public static long of(long overdueMinor, int fractionDigits, int riskPerMille, int daysPastDue) {
        long overdue = Math.max(0, overdueMinor);
        long hundredths = fractionDigits <= 2 ? overdue * pow10(2 - fractionDigits) : overdue / pow10(fractionDigits - 2);
        long urgency = 30 + Math.min(Math.max(daysPastDue, 0), URGENCY_CAP_DAYS);
        return hundredths * riskPerMille * urgency / 60_000;
    }

    /**
     * Returns the risk weight per mille of a grade ranked {@code rank} (0 = best) among {@code grades} grades:
     * {@link #BEST_RISK} … {@link #WORST_RISK} evenly; {@link #NEUTRAL_RISK} when unscored (null rank).
     */
    public static int risk(Integer rank, int grades) {
        if (rank == null || grades <= 0) {
            return NEUTRAL_RISK;
        }
        if (grades == 1) {
            return NEUTRAL_RISK;
        }
        int r = Math.clamp(rank, 0, grades - 1);
        return BEST_RISK + (WORST_RISK - BEST_RISK) * r / (grades - 1);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
