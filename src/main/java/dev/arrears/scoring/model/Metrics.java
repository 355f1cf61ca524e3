package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Model quality and drift. Scores here are "higher is riskier" (a probability of bad); targets are 1 bad, 0 good.
 * AUC is the probability that a random bad scores above a random good (ties count half), from average ranks;
 * KS the largest gap between the cumulative score distributions of bads and goods; Gini = 2·AUC − 1. PSI
 * (population stability index) = Σ (actual share − expected share) × ln(actual share / expected share) over bins,
 * with empty shares replaced by {@link #PSI_EPSILON}; under 0.1 is usually read as stable, over 0.25 as a shift.
 */
public final class Metrics {

    /** Share used in place of an empty bin's share in PSI, so the logarithm stays finite. */
    public static final double PSI_EPSILON = 1e-4;

    private Metrics() {
    }

    /**
     * One decile of a calibration table.
     *
     * @param decile        1 (lowest predicted risk) to 10
     * @param count         rows in the decile
     * @param meanPredicted mean predicted probability of bad
     * @param observedBad   observed share of bads
     */
    public record CalibrationBin(int decile, int count, double meanPredicted, double observedBad) {
    }

    /** Returns the area under the ROC curve of scores against targets, ties averaged. */
    public static double auc(double[] scores, int[] targets) {
        check(scores, targets);
        int n = scores.length;
        Integer[] order = sortedIndexes(scores);
        double rankSumBad = 0;
        long bads = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            // ranks i+1 .. j+1 share their average
            double rank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                if (targets[order[k]] == 1) {
                    rankSumBad += rank;
                    bads++;
                }
            }
            i = j + 1;
        }
        long goods = n - bads;
        if (bads == 0 || goods == 0) {
            throw new IllegalArgumentException("AUC needs both good and bad rows");
        }
        return (rankSumBad - bads * (bads + 1) / 2.0) / ((double) bads * goods);
    }

    /** Returns the Kolmogorov–Smirnov statistic: the largest gap between the bads' and goods' score CDFs. */
    public static double ks(double[] scores, int[] targets) {
        check(scores, targets);
        int n = scores.length;
        Integer[] order = sortedIndexes(scores);
        long bads = Arrays.stream(targets).filter(t -> t == 1).count();
        long goods = n - bads;
        if (bads == 0 || goods == 0) {
            throw new IllegalArgumentException("KS needs both good and bad rows");
        }
        double best = 0;
        long cb = 0;
        long cg = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                if (targets[order[j]] == 1) {
                    cb++;
                } else {
                    cg++;
                }
                j++;
            }
            best = Math.max(best, Math.abs((double) cb / bads - (double) cg / goods));
            i = j;
        }
        return best;
    }

    /** Returns the Gini coefficient, 2·AUC − 1. */
    public static double gini(double[] scores, int[] targets) {
        return 2 * auc(scores, targets) - 1;
    }

    /** Returns the calibration table: rows sorted by predicted probability, cut into ten groups of equal size. */
    public static List<CalibrationBin> calibration(double[] predicted, int[] targets) {
        check(predicted, targets);
        int n = predicted.length;
        Integer[] order = sortedIndexes(predicted);
        List<CalibrationBin> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int from = (int) ((long) d * n / 10);
            int to = (int) ((long) (d + 1) * n / 10);
            double p = 0;
            double bad = 0;
            for (int k = from; k < to; k++) {
                p += predicted[order[k]];
                bad += targets[order[k]];
            }
            int count = to - from;
            out.add(new CalibrationBin(d + 1, count, count == 0 ? 0 : p / count, count == 0 ? 0 : bad / count));
        }
        return out;
    }

    /** Returns the PSI of a score between an expected sample and an actual one, on the expected sample's deciles. */
    public static double psi(double[] expected, double[] actual) {
        double[] sorted = Arrays.stream(expected).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0 || actual.length == 0) {
            throw new IllegalArgumentException("PSI needs values in both samples");
        }
        List<Double> edges = new ArrayList<>();
        for (int q = 1; q < 10; q++) {
            double edge = sorted[(int) ((long) q * sorted.length / 10)];
            if (edge > sorted[0] && (edges.isEmpty() || edge > edges.getLast())) {
                edges.add(edge);
            }
        }
        double[] cuts = edges.stream().mapToDouble(Double::doubleValue).toArray();
        int bins = cuts.length + 1;
        return psiOfShares(shares(expected, cuts, bins), shares(actual, cuts, bins));
    }

    /** Returns the PSI of a feature between two datasets, on the feature's bins. */
    public static double psi(FeatureBins bins, Dataset expected, Dataset actual) {
        int ce = expected.indexOf(bins.feature());
        int ca = actual.indexOf(bins.feature());
        if (ce < 0 || ca < 0) {
            throw new IllegalArgumentException("both datasets need the column " + bins.feature());
        }
        double[] e = new double[bins.bins().size()];
        double[] a = new double[bins.bins().size()];
        for (int i = 0; i < expected.rows(); i++) {
            e[bins.binOf(expected, i, ce)]++;
        }
        for (int i = 0; i < actual.rows(); i++) {
            a[bins.binOf(actual, i, ca)]++;
        }
        for (int b = 0; b < e.length; b++) {
            e[b] /= Math.max(1, expected.rows());
            a[b] /= Math.max(1, actual.rows());
        }
        return psiOfShares(e, a);
    }

    /** Returns the PSI of two share vectors over the same bins. */
    public static double psiOfShares(double[] expectedShares, double[] actualShares) {
        if (expectedShares.length != actualShares.length) {
            throw new IllegalArgumentException("PSI needs the same bins on both sides");
        }
        double psi = 0;
        for (int b = 0; b < expectedShares.length; b++) {
            double e = Math.max(expectedShares[b], PSI_EPSILON);
            double a = Math.max(actualShares[b], PSI_EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static double[] shares(double[] values, double[] cuts, int bins) {
        // missing values have a bin of their own after the value bins
        double[] shares = new double[bins + 1];
        for (double v : values) {
            if (Double.isNaN(v)) {
                shares[bins]++;
                continue;
            }
            int b = Arrays.binarySearch(cuts, v);
            shares[b >= 0 ? b + 1 : -b - 1]++;
        }
        for (int b = 0; b < shares.length; b++) {
            shares[b] /= values.length;
        }
        return shares;
    }

    private static Integer[] sortedIndexes(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }

    private static void check(double[] scores, int[] targets) {
        if (scores.length != targets.length || scores.length == 0) {
            throw new IllegalArgumentException("scores and targets need the same, non-zero length");
        }
    }
}
