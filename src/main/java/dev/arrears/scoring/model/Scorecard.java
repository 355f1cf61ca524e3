package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explainable model (kind {@code scorecard}): each feature's bins carry points, and an account's score is the
 * sum of the points of the bins it falls into. Underneath, a logistic regression on the bins' weight of evidence:
 * logit(P(bad)) = α + Σ βⱼ·WOEⱼ, and bin points = −(βⱼ·WOE + α/n)·factor + offset/n over the n features, so the
 * total is offset + factor·ln(odds of good) on the {@link PointsScale}. A feature's reason is its bin and points;
 * reasons come ordered by the points lost against the feature's best bin, the costliest first.
 */
public final class Scorecard implements Model {

    /** The kind name. */
    public static final String KIND = "scorecard";

    /**
     * One feature in the card.
     *
     * @param column      index of the feature in {@link #columns()}
     * @param bins        its bins
     * @param coefficient its coefficient on WOE in the logistic regression (negative: safer bins score higher)
     */
    public record Feature(int column, FeatureBins bins, double coefficient) {
    }

    private final List<Column> columns;
    private final List<Feature> features;
    private final double intercept;
    private final PointsScale scale;
    private final Map<String, Double> informationValues;
    private final double[][] binPoints;
    private final double[] bestPoints;

    /** Builds a scorecard from its parts (as trained or as read from JSON). */
    public Scorecard(List<Column> columns, List<Feature> features, double intercept, PointsScale scale,
                     Map<String, Double> informationValues) {
        this.columns = List.copyOf(columns);
        this.features = List.copyOf(features);
        this.intercept = intercept;
        this.scale = scale;
        this.informationValues = new LinkedHashMap<>(informationValues);
        int n = Math.max(1, features.size());
        binPoints = new double[features.size()][];
        bestPoints = new double[features.size()];
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            if (feature.column() < 0 || feature.column() >= columns.size()
                    || !columns.get(feature.column()).name().equals(feature.bins().feature())
                    || columns.get(feature.column()).type() != feature.bins().type()) {
                throw new IllegalArgumentException("scorecard feature " + feature.bins().feature()
                        + " does not match column " + feature.column());
            }
            List<Bin> bins = feature.bins().bins();
            binPoints[f] = new double[bins.size()];
            bestPoints[f] = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < bins.size(); b++) {
                binPoints[f][b] = -(feature.coefficient() * bins.get(b).woe() + intercept / n) * scale.factor()
                        + scale.offset() / n;
                bestPoints[f] = Math.max(bestPoints[f], binPoints[f][b]);
            }
        }
    }

    /** Trains a scorecard with the default options. */
    public static Scorecard train(Dataset data) {
        return train(data, ScorecardOptions.defaults());
    }

    /** Trains a scorecard: bins every column, keeps features with enough IV and fits the regression on WOE. */
    public static Scorecard train(Dataset data, ScorecardOptions options) {
        List<FeatureBins> all = Binning.binAll(data, options.binning());
        Map<String, Double> ivs = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparingDouble(FeatureBins::informationValue).reversed())
                .forEach(b -> ivs.put(b.feature(), b.informationValue()));
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < all.size(); c++) {
            if (all.get(c).informationValue() >= options.minInformationValue()) {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            int top = 0;
            for (int c = 1; c < all.size(); c++) {
                if (all.get(c).informationValue() > all.get(top).informationValue()) {
                    top = c;
                }
            }
            if (!all.isEmpty() && all.get(top).informationValue() > 0) {
                kept.add(top);
            }
        }
        int[] y = data.targets();
        while (true) {
            double[][] x = new double[data.rows()][kept.size()];
            for (int j = 0; j < kept.size(); j++) {
                int c = kept.get(j);
                FeatureBins bins = all.get(c);
                for (int i = 0; i < data.rows(); i++) {
                    x[i][j] = bins.bins().get(bins.binOf(data, i, c)).woe();
                }
            }
            LogisticRegression.Fit fit = LogisticRegression.fit(x, y, options.regression());
            int wrong = -1;
            // WOE grows with safety, so a positive coefficient on the log-odds of bad is the wrong sign
            for (int j = 0; j < kept.size(); j++) {
                if (fit.coefficients()[j] > 0 && (wrong < 0 || fit.coefficients()[j] > fit.coefficients()[wrong])) {
                    wrong = j;
                }
            }
            if (options.dropWrongSigns() && wrong >= 0) {
                kept.remove(wrong);
                continue;
            }
            List<Feature> features = new ArrayList<>();
            for (int j = 0; j < kept.size(); j++) {
                features.add(new Feature(kept.get(j), all.get(kept.get(j)), fit.coefficients()[j]));
            }
            return new Scorecard(data.columns(), features, fit.intercept(), options.scale(), ivs);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    /** Returns the features in the card with their bins and coefficients. */
    public List<Feature> features() {
        return features;
    }

    /** Returns the intercept of the regression on WOE. */
    public double intercept() {
        return intercept;
    }

    /** Returns the points scale. */
    public PointsScale scale() {
        return scale;
    }

    /** Returns the information value of every column offered to training, highest first. */
    public Map<String, Double> informationValues() {
        return new LinkedHashMap<>(informationValues);
    }

    /** Returns the points of bin {@code bin} of feature {@code feature} (indexes into {@link #features()}). */
    public double binPoints(int feature, int bin) {
        return binPoints[feature][bin];
    }

    @Override
    public double probabilityBad(double[] numeric, String[] categories) {
        return LogisticRegression.sigmoid(logit(numeric, categories));
    }

    private double logit(double[] numeric, String[] categories) {
        double z = intercept;
        for (Feature f : features) {
            int c = f.column();
            z += f.coefficient() * f.bins().woeOf(numeric[c], categories[c]);
        }
        return z;
    }

    @Override
    public Score score(double[] numeric, String[] categories) {
        double total = 0;
        List<Reason> reasons = new ArrayList<>();
        double[] lost = new double[features.size()];
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            int c = feature.column();
            int bin = feature.bins().binOf(numeric[c], categories[c]);
            double points = binPoints[f][bin];
            total += points;
            lost[f] = bestPoints[f] - points;
            reasons.add(new Reason(feature.bins().feature(), feature.bins().bins().get(bin).label(), points));
        }
        Integer[] order = new Integer[features.size()];
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        Arrays.sort(order, (a, b) -> lost[a] != lost[b] ? Double.compare(lost[b], lost[a])
                : Integer.compare(a, b));
        List<Reason> ordered = new ArrayList<>();
        for (int f : order) {
            ordered.add(reasons.get(f));
        }
        if (features.isEmpty()) {
            total = scale.points(intercept);
        }
        return new Score(probabilityBad(numeric, categories), Math.round(total), ordered);
    }
}
