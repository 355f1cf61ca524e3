package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossValidationTest {

    @Test
    void foldsKeepTheBadShareWithinOneRow() {
        int[] targets = new int[1003];
        for (int i = 0; i < 301; i++) {
            targets[i * 3] = 1;
        }
        int[] folds = CrossValidation.stratifiedFolds(targets, 5, 9);
        for (int f = 0; f < 5; f++) {
            int rows = 0;
            int bads = 0;
            for (int i = 0; i < targets.length; i++) {
                if (folds[i] == f) {
                    rows++;
                    bads += targets[i];
                }
            }
            // 301 bads over 5 folds: 60 or 61; 1003 rows: 200 or 201
            assertThat(bads).isBetween(60, 61);
            assertThat(rows).isBetween(200, 201);
        }
        assertThat(CrossValidation.stratifiedFolds(targets, 5, 9)).isEqualTo(folds);
        assertThat(CrossValidation.stratifiedFolds(targets, 5, 10)).isNotEqualTo(folds);
    }

    @Test
    void everyRowIsPredictedByAModelThatDidNotSeeIt() {
        Dataset data = Synthetic.normal(1_000, 2, 51, x -> -1 - x[0]);
        int[] seenBy = new int[1];
        CrossValidation.Result result = CrossValidation.run(data, 4, 1, d -> {
            seenBy[0] += d.rows();
            return Scorecard.train(d);
        });
        // each of the 4 models trains on 3/4 of the rows
        assertThat(seenBy[0]).isEqualTo(3_000);
        assertThat(java.util.Arrays.stream(result.predictions())).allMatch(p -> p > 0 && p < 1);
        assertThat(result.foldAuc()).hasSize(4);
        assertThat(java.util.Arrays.stream(result.foldAuc())).allMatch(a -> a > 0.6);
        assertThat(Metrics.auc(result.predictions(), data.targets())).isGreaterThan(0.65);
    }

    @Test
    void rejectsImpossibleFoldCounts() {
        assertThatThrownBy(() -> CrossValidation.stratifiedFolds(new int[] {0, 1}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folds");
    }
}
