package dev.arrears.scoring.training;

import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.model.FeatureBins;
import dev.arrears.scoring.model.Metrics;
import dev.arrears.scoring.model.Metrics.CalibrationBin;
import dev.arrears.scoring.model.Model;
import dev.arrears.scoring.model.Scorecard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model judged on a later test set: AUC, KS and Gini on the test set (NaN when it holds only one class),
 * the training set's AUC beside them (a large gap means over-fitting), the calibration by decile of the test set,
 * the capture rate of the riskiest fifth (the share of the test set's bads among the 20% of rows predicted riskiest:
 * 0.2 is no better than chance), the population stability of the score and of each feature between the training
 * and the test set, the row and bad counts of both, and the {@link DriftReference} to keep with the model. Pure.
 */
public record Evaluation(int trainRows, int trainBads, int testRows, int testBads, double auc, double ks,
                         double gini, double trainAuc, List<CalibrationBin> calibration, double captureTop20,
                         double scorePsi, Map<String, Double> featurePsi, DriftReference reference) {

    /**
     * Evaluates a model trained on {@code train} on {@code test}; {@code bins} are the training set's bins of
     * every column (the scorecard's own where it has them), used for the features' stability.
     */
    public static Evaluation of(Model model, Dataset train, Dataset test, List<FeatureBins> bins) {
        double[] pTrain = predict(model, train);
        double[] pTest = predict(model, test);
        int[] yTrain = train.targets();
        int[] yTest = test.targets();
        int trainBads = bads(yTrain);
        int testBads = bads(yTest);
        boolean testBoth = testBads > 0 && testBads < yTest.length;
        boolean trainBoth = trainBads > 0 && trainBads < yTrain.length;
        double auc = testBoth ? Metrics.auc(pTest, yTest) : Double.NaN;
        double ks = testBoth ? Metrics.ks(pTest, yTest) : Double.NaN;
        Set<String> inModel = new HashSet<>();
        if (model instanceof Scorecard card) {
            card.features().forEach(f -> inModel.add(f.bins().feature()));
        } else {
            model.columns().forEach(c -> inModel.add(c.name()));
        }
        DriftReference reference = DriftReference.of(train, pTrain, bins, inModel);
        DriftReference.Drift drift = reference.drift(test, pTest);
        return new Evaluation(train.rows(), trainBads, test.rows(), testBads, auc, ks, 2 * auc - 1,
                trainBoth ? Metrics.auc(pTrain, yTrain) : Double.NaN,
                test.rows() == 0 ? List.of() : Metrics.calibration(pTest, yTest), capture(pTest, yTest, 0.2),
                drift.scorePsi(),
                drift.featurePsi(), reference);
    }

    /** Returns the bad rate of the training set. */
    public double trainBadRate() {
        return trainRows == 0 ? 0 : (double) trainBads / trainRows;
    }

    /** Returns the bad rate of the test set. */
    public double testBadRate() {
        return testRows == 0 ? 0 : (double) testBads / testRows;
    }

    /** Returns the model's probability of bad for every row of a dataset, its columns matched by name. */
    public static double[] predict(Model model, Dataset data) {
        List<Column> columns = model.columns();
        int[] index = new int[columns.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = data.indexOf(columns.get(i).name());
            if (index[i] < 0) {
                throw new IllegalArgumentException("the data has no column " + columns.get(i).name());
            }
        }
        double[] out = new double[data.rows()];
        double[] n = new double[index.length];
        String[] s = new String[index.length];
        for (int r = 0; r < out.length; r++) {
            for (int i = 0; i < index.length; i++) {
                if (columns.get(i).type() == Column.Type.NUMERIC) {
                    n[i] = data.numeric(r, index[i]);
                    s[i] = null;
                } else {
                    n[i] = Double.NaN;
                    s[i] = data.category(r, index[i]);
                }
            }
            out[r] = model.probabilityBad(n, s);
        }
        return out;
    }

    /**
     * Returns the share of all bads found among the {@code top} share of rows predicted riskiest (ties at the cut
     * counted by their bad rate), NaN without bads.
     */
    public static double capture(double[] predicted, int[] targets, double top) {
        int bads = bads(targets);
        if (bads == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(predicted[b], predicted[a]));
        double take = top * predicted.length;
        double found = 0;
        int i = 0;
        while (i < order.length && i < take) {
            int j = i;
            int tiedBads = 0;
            while (j < order.length && predicted[order[j]] == predicted[order[i]]) {
                tiedBads += targets[order[j]];
                j++;
            }
            // a group of tied predictions straddling the cut contributes its share that fits
            double fits = Math.min(j, take) - i;
            found += tiedBads * fits / (j - i);
            i = j;
        }
        return found / bads;
    }

    private static int bads(int[] y) {
        int n = 0;
        for (int v : y) {
            n += v;
        }
        return n;
    }
}
