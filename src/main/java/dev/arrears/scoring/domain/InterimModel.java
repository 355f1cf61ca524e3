package dev.arrears.scoring.domain;

import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Model;
import dev.arrears.scoring.model.Reason;
import dev.arrears.scoring.model.Score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The interim points rule of {@code dev.arrears.strategy.domain.InterimScore} as a {@link Model} over the scoring
 * features: what scores accounts while no trained model is active, so that {@code score.*} facts stay filled. Same
 * points as that rule (600 − 40 per episode in 12 months, at most 5 − worst days past due in 12 months ÷ 2, at most
 * 90 + 100 × (on-time ratio − 0.5) + tenure months, at most 60 − 50 per broken promise in 90 days, at most 3); a
 * missing on-time ratio (no bill due yet) counts as 1.0. Its probability is nominal, a logistic curve of the points
 * (50% at 500 points, odds doubling every 35 points), not a calibrated estimate. Each term is a reason.
 */
public final class InterimModel implements Model {

    public static final String KIND = "interim";

    private static final int T12 = Features.index(Features.TIMES_DELINQUENT_12M);
    private static final int W12 = Features.index(Features.MAX_DPD_12M);
    private static final int ON12 = Features.index(Features.ON_TIME_RATIO_12M);
    private static final int TENURE = Features.index(Features.TENURE_MONTHS);
    private static final int BP90 = Features.index(Features.BROKEN_PROMISES_90D);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Column> columns() {
        return Features.COLUMNS;
    }

    @Override
    public double probabilityBad(double[] numeric, String[] categories) {
        return probability(points(numeric));
    }

    @Override
    public Score score(double[] numeric, String[] categories) {
        long times = Math.min(count(numeric[T12]), 5);
        long worst = Math.min(count(numeric[W12]), 180);
        double onTime = Double.isNaN(numeric[ON12]) ? 1.0 : numeric[ON12];
        long tenure = Math.min(count(numeric[TENURE]), 60);
        long broken = Math.min(count(numeric[BP90]), 3);
        List<Reason> reasons = new ArrayList<>(5);
        reasons.add(new Reason(Features.TIMES_DELINQUENT_12M, Long.toString(count(numeric[T12])), -40.0 * times));
        reasons.add(new Reason(Features.MAX_DPD_12M, Long.toString(count(numeric[W12])), -(double) (worst / 2)));
        // the bin: the ratio to two decimals (String.format costs a microsecond an account at a million accounts)
        reasons.add(new Reason(Features.ON_TIME_RATIO_12M, Double.isNaN(numeric[ON12]) ? "missing"
                : Double.toString(Math.round(onTime * 100) / 100.0), Math.round(100 * (onTime - 0.5))));
        reasons.add(new Reason(Features.TENURE_MONTHS, Long.toString(count(numeric[TENURE])), tenure));
        reasons.add(new Reason(Features.BROKEN_PROMISES_90D, Long.toString(count(numeric[BP90])), -50.0 * broken));
        long points = 600 + Math.round(reasons.stream().mapToDouble(Reason::points).sum());
        reasons.sort(Comparator.comparingDouble(Reason::points));
        return new Score(probability(points), points, reasons);
    }

    /** Returns the rule's points. */
    private static long points(double[] n) {
        double onTime = Double.isNaN(n[ON12]) ? 1.0 : n[ON12];
        return 600 - 40 * Math.min(count(n[T12]), 5) - Math.min(count(n[W12]), 180) / 2
                + Math.round(100 * (onTime - 0.5)) + Math.min(count(n[TENURE]), 60) - 50 * Math.min(count(n[BP90]), 3);
    }

    /** Returns a count feature as a whole number, 0 when missing. */
    private static long count(double v) {
        return Double.isNaN(v) ? 0 : (long) v;
    }

    /** Returns the nominal probability of a score: 50% at 500 points, odds doubling every 35 points lower. */
    static double probability(long points) {
        return 1.0 / (1.0 + Math.pow(2.0, (points - 500) / 35.0));
    }
}
