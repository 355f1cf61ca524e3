package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void aucAndKsOfAHandComputedExample() {
        // goods at 0.1 and 0.4, bads at 0.35 and 0.8: 3 of the 4 bad-good pairs are ordered right
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        int[] targets = {0, 0, 1, 1};
        assertThat(Metrics.auc(scores, targets)).isCloseTo(0.75, within(1e-12));
        assertThat(Metrics.gini(scores, targets)).isCloseTo(0.5, within(1e-12));
        // after 0.1 the goods' CDF is 0.5 and the bads' 0
        assertThat(Metrics.ks(scores, targets)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void tiesCountHalf() {
        // bads at 0.5 and 0.9, goods at 0.5 and 0.5: pairs 1 + 1 + 0.5 + 0.5 of 4
        double[] scores = {0.5, 0.5, 0.5, 0.9};
        int[] targets = {0, 1, 0, 1};
        assertThat(Metrics.auc(scores, targets)).isCloseTo(0.75, within(1e-12));
        assertThat(Metrics.ks(scores, targets)).isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.auc(new double[] {1, 1, 1}, new int[] {0, 1, 0})).isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.ks(new double[] {1, 1, 1}, new int[] {0, 1, 0})).isZero();
    }

    @Test
    void perfectAndReversedRankings() {
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(Metrics.ks(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0})).isEqualTo(0.0);
        assertThatThrownBy(() -> Metrics.auc(new double[] {0.1}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibrationCutsTenEqualGroupsByPrediction() {
        double[] predicted = new double[100];
        int[] targets = new int[100];
        for (int i = 0; i < 100; i++) {
            predicted[99 - i] = i / 100.0;
            targets[99 - i] = i >= 90 ? 1 : 0;
        }
        List<Metrics.CalibrationBin> bins = Metrics.calibration(predicted, targets);
        assertThat(bins).hasSize(10).allMatch(b -> b.count() == 10);
        assertThat(bins.getFirst().meanPredicted()).isCloseTo(0.045, within(1e-12));
        assertThat(bins.getFirst().observedBad()).isZero();
        assertThat(bins.getLast().observedBad()).isEqualTo(1.0);
    }

    @Test
    void psiOfKnownShares() {
        // (0.6 − 0.5) ln(0.6/0.5) + (0.4 − 0.5) ln(0.4/0.5) = 0.040546
        assertThat(Metrics.psiOfShares(new double[] {0.5, 0.5}, new double[] {0.6, 0.4}))
                .isCloseTo(0.040546, within(1e-6));
        // an empty bin counts as 1e-4
        assertThat(Metrics.psiOfShares(new double[] {1, 0}, new double[] {0.5, 0.5}))
                .isCloseTo(-0.5 * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4), within(1e-9));
    }

    @Test
    void psiOfAScoreIsZeroForTheSameSampleAndLargeForAShiftedOne() {
        SplittableRandom random = new SplittableRandom(41);
        double[] expected = new double[10_000];
        double[] shifted = new double[10_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Synthetic.gaussian(random);
            shifted[i] = Synthetic.gaussian(random) + 1;
        }
        assertThat(Metrics.psi(expected, expected)).isCloseTo(0, within(1e-12));
        assertThat(Metrics.psi(expected, shifted)).isGreaterThan(0.25);
    }

    @Test
    void psiOfAFeatureUsesTheModelsBins() {
        Dataset before = Synthetic.normal(5_000, 1, 42, x -> -1 - x[0]);
        FeatureBins bins = Binning.bin(before, 0, BinningOptions.defaults());
        assertThat(Metrics.psi(bins, before, before)).isCloseTo(0, within(1e-12));
        Dataset same = Synthetic.normal(5_000, 1, 43, x -> -1 - x[0]);
        assertThat(Metrics.psi(bins, before, same)).isLessThan(0.02);
        Dataset.Builder moved = Dataset.builder(before.columns());
        for (int i = 0; i < same.rows(); i++) {
            moved.add(new double[] {same.numeric(i, 0) + 1}, new String[1], same.target(i));
        }
        assertThat(Metrics.psi(bins, before, moved.build())).isGreaterThan(0.25);
    }
}
