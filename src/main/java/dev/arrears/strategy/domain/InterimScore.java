package dev.arrears.strategy.domain;

/**
 * The documented points rule that gives {@code score.value} and {@code score.grade} until the scoring module
 * supplies a trained scorecard. Starts at 600 and moves with the account's own record; higher is safer.
 * <pre>
 *   600
 *   − 40 per delinquency episode started in 12 months (at most 5 counted)
 *   − worst days past due in 12 months ÷ 2 (at most 90)
 *   + 100 × (on-time ratio − 0.5)            (−50 … +50)
 *   + tenure in months (at most 60)
 *   − 50 per broken promise in 90 days (at most 3 counted)
 *   grades: A ≥ 680, B ≥ 620, C ≥ 560, D ≥ 500, else E
 * </pre>
 */
public final class InterimScore {

    private InterimScore() {
    }

    /** Returns the score of the facts (their own score is ignored). */
    public static long value(Facts f) {
        long score = 600;
        score -= 40 * Math.min(f.timesDelinquent12m(), 5);
        score -= Math.min(f.maxDaysPastDue12m(), 180) / 2;
        score += Math.round(100 * (f.onTimeRatio12m() - 0.5));
        score += Math.min(f.tenureMonths(), 60);
        score -= 50 * Math.min(f.brokenPromises90d(), 3);
        return score;
    }

    /** Returns the grade of a score. */
    public static String grade(long score) {
        if (score >= 680) {
            return "A";
        }
        if (score >= 620) {
            return "B";
        }
        if (score >= 560) {
            return "C";
        }
        return score >= 500 ? "D" : "E";
    }

    /** Returns the facts with the interim score filled in. */
    public static Facts scored(Facts f) {
        long value = value(f);
        return f.withScore(value, grade(value));
    }
}
