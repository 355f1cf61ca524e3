package dev.arrears.scoring;

import dev.arrears.scoring.model.Binning;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.model.FeatureBins;
import dev.arrears.scoring.model.ScorecardOptions;
import dev.arrears.scoring.training.DriftReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The training reference kept with a model, and drift measured against it after a trip through JSON. */
class DriftReferenceTest {

    private static Dataset data(long seed, double shift, int rows) {
        Random r = new Random(seed);
        Dataset.Builder b = Dataset.builder(List.of(Column.numeric("x"), Column.categorical("line")));
        for (int i = 0; i < rows; i++) {
            double x = r.nextGaussian() + shift;
            int bad = r.nextDouble() < 1 / (1 + Math.exp(2 * x)) ? 1 : 0;
            String line = r.nextInt(10) < (shift > 0 ? 8 : 3) ? "WALLET" : "TELECOM";
            b.add(new double[]{x, Double.NaN}, new String[]{null, line}, bad);
        }
        return b.build();
    }

    private static double[] probabilities(Dataset d) {
        double[] p = new double[d.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 / (1 + Math.exp(2 * d.numeric(i, 0)));
        }
        return p;
    }

    private static DriftReference reference(Dataset train) {
        List<FeatureBins> bins = Binning.binAll(train, ScorecardOptions.defaults().binning());
        return DriftReference.of(train, probabilities(train), bins, Set.of("x"));
    }

    @Test
    void theSamePopulationDrawnAgain_isStable() {
        DriftReference r = reference(data(1, 0, 5_000));
        DriftReference.Drift d = r.drift(data(2, 0, 5_000), probabilities(data(2, 0, 5_000)));
        assertThat(d.scorePsi()).isLessThan(0.02);
        assertThat(d.featurePsi().get("x")).isLessThan(0.02);
        assertThat(d.warning()).isFalse();
        assertThat(d.inModel()).containsEntry("x", true).containsEntry("line", false);
    }

    @Test
    void aShiftedPopulation_warnsAndNamesTheShiftedFeatures() {
        DriftReference r = reference(data(1, 0, 5_000));
        Dataset shifted = data(3, 1.5, 5_000);
        DriftReference.Drift d = r.drift(shifted, probabilities(shifted));
        assertThat(d.scorePsi()).isGreaterThan(0.25);
        assertThat(d.featurePsi().get("x")).isGreaterThan(0.25);
        assertThat(d.featurePsi().get("line")).isGreaterThan(0.25);
        assertThat(d.shifted()).containsExactly("x", "line");
        assertThat(d.warning()).isTrue();
    }

    @Test
    void theReference_survivesItsJson() {
        DriftReference r = reference(data(1, 0, 5_000));
        Dataset shifted = data(3, 1.5, 5_000);
        DriftReference back = ScoreTraining.reference(ScoreTraining.referenceJson(r));
        DriftReference.Drift a = r.drift(shifted, probabilities(shifted));
        DriftReference.Drift b = back.drift(shifted, probabilities(shifted));
        assertThat(b.scorePsi()).isEqualTo(a.scorePsi());
        assertThat(b.featurePsi()).isEqualTo(a.featurePsi());
    }
}
