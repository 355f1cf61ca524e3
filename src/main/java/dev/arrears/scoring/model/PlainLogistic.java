package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline (kind {@code logistic}): a logistic regression on the raw features, for comparison with the
 * scorecard. Numeric columns are standardised with the training mean and standard deviation, missing values take
 * the mean and, when the training data had any, raise a missing indicator; categorical columns are one-hot coded
 * over the training categories, the 50 most frequent per column (a missing, rarer or unseen one sets no indicator). Reasons are each column's share of
 * the log-odds in points.
 */
public final class PlainLogistic implements Model {

    /** The kind name. */
    public static final String KIND = "logistic";

    // most one-hot indicators per categorical column; rarer levels set none
    private static final int MAX_LEVELS = 50;

    private final List<Column> columns;
    private final double[] mean;
    private final double[] sd;
    private final boolean[] missingIndicator;
    private final List<Map<String, Integer>> oneHot;
    private final int[] offsets;
    private final int width;
    private final LogisticRegression.Fit fit;
    private final PointsScale scale;

    private PlainLogistic(Dataset data, LogisticRegression.Options options, PointsScale scale) {
        columns = data.columns();
        this.scale = scale;
        int c = columns.size();
        mean = new double[c];
        sd = new double[c];
        missingIndicator = new boolean[c];
        oneHot = new ArrayList<>();
        offsets = new int[c];
        int w = 0;
        for (int j = 0; j < c; j++) {
            offsets[j] = w;
            if (columns.get(j).type() == Column.Type.NUMERIC) {
                double sum = 0;
                double sq = 0;
                int present = 0;
                for (int i = 0; i < data.rows(); i++) {
                    double v = data.numeric(i, j);
                    if (!Double.isNaN(v)) {
                        sum += v;
                        present++;
                    }
                }
                mean[j] = present == 0 ? 0 : sum / present;
                for (int i = 0; i < data.rows(); i++) {
                    double v = data.numeric(i, j);
                    if (!Double.isNaN(v)) {
                        sq += (v - mean[j]) * (v - mean[j]);
                    }
                }
                double s = present > 1 ? Math.sqrt(sq / (present - 1)) : 0;
                sd[j] = s > 0 ? s : 1;
                missingIndicator[j] = present < data.rows();
                oneHot.add(Map.of());
                w += missingIndicator[j] ? 2 : 1;
            } else {
                Map<String, Integer> levels = new TreeMap<>();
                for (int i = 0; i < data.rows(); i++) {
                    String v = data.category(i, j);
                    if (v != null) {
                        levels.merge(v, 1, Integer::sum);
                    }
                }
                // the most frequent levels get an indicator; an identifier-like column must not blow up the fit
                List<String> kept = levels.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_LEVELS).map(Map.Entry::getKey).sorted().toList();
                Map<String, Integer> index = new LinkedHashMap<>();
                for (String level : kept) {
                    index.put(level, index.size());
                }
                oneHot.add(index);
                w += index.size();
            }
        }
        width = w;
        double[][] x = new double[data.rows()][];
        for (int i = 0; i < data.rows(); i++) {
            x[i] = encode(data.numericRow(i), data.categoryRow(i));
        }
        fit = LogisticRegression.fit(x, data.targets(), options);
    }

    /** Trains the baseline with the default regression settings. */
    public static PlainLogistic train(Dataset data) {
        return new PlainLogistic(data, LogisticRegression.Options.defaults(), PointsScale.defaults());
    }

    /** Trains the baseline with the given regression settings and points scale. */
    public static PlainLogistic train(Dataset data, LogisticRegression.Options options, PointsScale scale) {
        return new PlainLogistic(data, options, scale);
    }

    private double[] encode(double[] numeric, String[] categories) {
        double[] x = new double[width];
        for (int j = 0; j < columns.size(); j++) {
            int at = offsets[j];
            if (columns.get(j).type() == Column.Type.NUMERIC) {
                double v = numeric[j];
                if (Double.isNaN(v)) {
                    if (missingIndicator[j]) {
                        x[at + 1] = 1;
                    }
                } else {
                    x[at] = (v - mean[j]) / sd[j];
                }
            } else if (categories[j] != null) {
                Integer k = oneHot.get(j).get(categories[j]);
                if (k != null) {
                    x[at + k] = 1;
                }
            }
        }
        return x;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public double probabilityBad(double[] numeric, String[] categories) {
        return fit.probability(encode(numeric, categories));
    }

    @Override
    public Score score(double[] numeric, String[] categories) {
        double[] x = encode(numeric, categories);
        List<Reason> reasons = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            int end = j + 1 < columns.size() ? offsets[j + 1] : width;
            double part = 0;
            for (int k = offsets[j]; k < end; k++) {
                part += fit.coefficients()[k] * x[k];
            }
            String label = columns.get(j).type() == Column.Type.NUMERIC ? Binning.format(numeric[j])
                    : (categories[j] == null ? "missing" : categories[j]);
            reasons.add(new Reason(columns.get(j).name(), label, -part * scale.factor()));
        }
        reasons.sort(Comparator.comparingDouble(Reason::points));
        double z = fit.logit(x);
        return new Score(LogisticRegression.sigmoid(z), Math.round(scale.points(z)), reasons);
    }
}
