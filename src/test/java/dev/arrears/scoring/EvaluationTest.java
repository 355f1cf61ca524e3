package dev.arrears.scoring;

import dev.arrears.scoring.training.Evaluation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The capture rate of the riskiest fifth, the early warning's measure of uplift over chance. */
class EvaluationTest {

    @Test
    void aPerfectRanking_capturesEveryBadInTheTopFifth_andATiedOneOnlyItsShare() {
        double[] p = new double[100];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            p[i] = i / 100.0;
            y[i] = i >= 90 ? 1 : 0;
        }
        assertThat(Evaluation.capture(p, y, 0.2)).isEqualTo(1.0);
        // all predictions equal: the top fifth holds a fifth of the bads, as a random fifth would
        assertThat(Evaluation.capture(new double[100], y, 0.2)).isCloseTo(0.2, within(1e-12));
        // reversed: the riskiest-looking fifth holds none
        double[] reversed = new double[100];
        for (int i = 0; i < 100; i++) {
            reversed[i] = -p[i];
        }
        assertThat(Evaluation.capture(reversed, y, 0.2)).isZero();
    }
}
