package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Stratified k-fold cross-validation: bads and goods are shuffled apart with the seed and dealt round the folds in
 * turn, so each fold's count of bads (and of rows) is within one of every other's. Each fold's model is trained on
 * the other folds and predicts the fold; the pooled out-of-fold predictions give one honest estimate.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * The result of a cross-validation.
     *
     * @param predictions out-of-fold probability of bad per row, in the data's order
     * @param folds       the fold of each row, 0 to k−1
     * @param foldAuc     AUC of each fold's predictions
     */
    public record Result(double[] predictions, int[] folds, double[] foldAuc) {
    }

    /** Returns the fold (0 to k−1) of each row, stratified by the target. */
    public static int[] stratifiedFolds(int[] targets, int k, long seed) {
        if (k < 2 || k > targets.length) {
            throw new IllegalArgumentException("folds must be 2 to the number of rows (" + targets.length + "), not "
                    + k);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] folds = new int[targets.length];
        int dealt = 0;
        for (int cls = 1; cls >= 0; cls--) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] == cls) {
                    rows.add(i);
                }
            }
            // Fisher–Yates with the seed
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer tmp = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, tmp);
            }
            for (int row : rows) {
                folds[row] = dealt++ % k;
            }
        }
        return folds;
    }

    /** Runs k-fold cross-validation of a trainer with stratified folds drawn from the seed. */
    public static Result run(Dataset data, int k, long seed, Function<Dataset, Model> trainer) {
        return run(data, stratifiedFolds(data.targets(), k, seed), k, trainer);
    }

    /** Runs cross-validation of a trainer on given folds (0 to k−1 per row). */
    public static Result run(Dataset data, int[] folds, int k, Function<Dataset, Model> trainer) {
        double[] predictions = new double[data.rows()];
        double[] foldAuc = new double[k];
        int[] targets = data.targets();
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] train = IntStream.range(0, data.rows()).filter(i -> folds[i] != fold).toArray();
            int[] test = IntStream.range(0, data.rows()).filter(i -> folds[i] == fold).toArray();
            Model model = trainer.apply(data.subset(train));
            double[] p = new double[test.length];
            int[] t = new int[test.length];
            for (int i = 0; i < test.length; i++) {
                p[i] = model.probabilityBad(data.numericRow(test[i]), data.categoryRow(test[i]));
                predictions[test[i]] = p[i];
                t[i] = targets[test[i]];
            }
            foldAuc[f] = Metrics.auc(p, t);
        }
        return new Result(predictions, folds.clone(), foldAuc);
    }
}
