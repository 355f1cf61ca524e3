package dev.arrears.scoring.training;

import dev.arrears.scoring.model.Bin;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.model.FeatureBins;
import dev.arrears.scoring.model.Metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model's training population looked like, kept with the model so drift can be measured later without
 * reading the training date again: the score's decile cuts on the training set with the share of rows in each
 * (missing scores in a last bin of their own), and per feature its bins (the model's bins for a scorecard's
 * features, the same binning for the rest) with the share of training rows in each bin. Pure.
 *
 * @param scoreCuts   inner edges of the score bins, ascending (probabilities of bad)
 * @param scoreShares share of training rows per score bin: {@code scoreCuts.length + 1} value bins, then missing
 * @param features    per feature: its bins, the training shares and whether the model reads it
 */
public record DriftReference(double[] scoreCuts, double[] scoreShares, List<FeatureReference> features) {

    /** PSI above which a population is read as shifted. */
    public static final double SHIFT = 0.25;

    /** One feature's bins with the share of training rows in each. */
    public record FeatureReference(FeatureBins bins, double[] shares, boolean inModel) {
    }

    /** The PSI of the score and of each feature between the reference and another population. */
    public record Drift(int rows, double scorePsi, Map<String, Double> featurePsi, Map<String, Boolean> inModel) {

        /** Returns true when the score's PSI or any feature's exceeds {@link #SHIFT}. */
        public boolean warning() {
            return scorePsi > SHIFT || featurePsi.values().stream().anyMatch(p -> p > SHIFT);
        }

        /** Returns the names of the features whose PSI exceeds {@link #SHIFT}. */
        public List<String> shifted() {
            return featurePsi.entrySet().stream().filter(e -> e.getValue() > SHIFT).map(Map.Entry::getKey).toList();
        }
    }

    /**
     * Returns the reference of a training set: {@code bins} one per column to keep, {@code probabilities} the
     * model's probability of bad for each training row, {@code inModel} the features the model reads.
     */
    public static DriftReference of(Dataset train, double[] probabilities, List<FeatureBins> bins,
                                    Set<String> inModel) {
        double[] cuts = decileCuts(probabilities);
        List<FeatureReference> features = new ArrayList<>();
        for (FeatureBins b : bins) {
            features.add(new FeatureReference(b, featureShares(b, train), inModel.contains(b.feature())));
        }
        return new DriftReference(cuts, scoreShares(probabilities, cuts), features);
    }

    /** Returns the drift of a population (its features and the model's probabilities for its rows). */
    public Drift drift(Dataset actual, double[] probabilities) {
        Map<String, Double> psi = new LinkedHashMap<>();
        Map<String, Boolean> in = new LinkedHashMap<>();
        for (FeatureReference f : features) {
            if (actual.indexOf(f.bins().feature()) < 0) {
                continue;
            }
            psi.put(f.bins().feature(), Metrics.psiOfShares(f.shares(), featureShares(f.bins(), actual)));
            in.put(f.bins().feature(), f.inModel());
        }
        double score = Metrics.psiOfShares(scoreShares, scoreShares(probabilities, scoreCuts));
        return new Drift(actual.rows(), score, psi, in);
    }

    /** Returns the score decile edges of a sample the way {@link Metrics#psi(double[], double[])} cuts them. */
    static double[] decileCuts(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        List<Double> edges = new ArrayList<>();
        for (int q = 1; q < 10 && sorted.length > 0; q++) {
            double edge = sorted[(int) ((long) q * sorted.length / 10)];
            if (edge > sorted[0] && (edges.isEmpty() || edge > edges.getLast())) {
                edges.add(edge);
            }
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Returns the shares of values per bin of the cuts (a value equal to a cut goes above it), missing last. */
    static double[] scoreShares(double[] values, double[] cuts) {
        double[] shares = new double[cuts.length + 2];
        for (double v : values) {
            if (Double.isNaN(v)) {
                shares[cuts.length + 1]++;
                continue;
            }
            int b = Arrays.binarySearch(cuts, v);
            shares[b >= 0 ? b + 1 : -b - 1]++;
        }
        for (int b = 0; b < shares.length; b++) {
            shares[b] /= Math.max(1, values.length);
        }
        return shares;
    }

    /** Returns the share of a dataset's rows in each of a feature's bins. */
    static double[] featureShares(FeatureBins bins, Dataset data) {
        int column = data.indexOf(bins.feature());
        double[] shares = new double[bins.bins().size()];
        for (int i = 0; i < data.rows(); i++) {
            shares[bins.binOf(data, i, column)]++;
        }
        for (int b = 0; b < shares.length; b++) {
            shares[b] /= Math.max(1, data.rows());
        }
        return shares;
    }

    /** Returns the bin labels of a feature reference, in bin order. */
    public static List<String> labels(FeatureReference f) {
        return f.bins().bins().stream().map(Bin::label).toList();
    }
}
