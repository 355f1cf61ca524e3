package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    @Test
    void recoversKnownCoefficients() {
        Dataset data = Synthetic.normal(40_000, 2, 11, x -> -1 + 1.5 * x[0] - 0.8 * x[1]);
        double[][] x = new double[data.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.numericRow(i);
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, data.targets(), new LogisticRegression.Options(0,
                1e-10, 50));

        assertThat(fit.intercept()).isCloseTo(-1, within(0.06));
        assertThat(fit.coefficients()[0]).isCloseTo(1.5, within(0.06));
        assertThat(fit.coefficients()[1]).isCloseTo(-0.8, within(0.06));
        assertThat(fit.iterations()).isLessThan(15);
    }

    @Test
    void ridgeShrinksCoefficientsButNotTheIntercept() {
        Dataset data = Synthetic.normal(2_000, 1, 12, x -> 2 + 1.0 * x[0]);
        double[][] x = new double[data.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.numericRow(i);
        }
        LogisticRegression.Fit plain = LogisticRegression.fit(x, data.targets(), new LogisticRegression.Options(0,
                1e-10, 50));
        LogisticRegression.Fit ridged = LogisticRegression.fit(x, data.targets(),
                new LogisticRegression.Options(1_000, 1e-10, 50));

        assertThat(Math.abs(ridged.coefficients()[0])).isLessThan(Math.abs(plain.coefficients()[0]) / 2);
        // with the slope shrunk the intercept still matches the base rate, near logit(mean) ≈ 1.7
        assertThat(ridged.intercept()).isGreaterThan(1.2);
    }
}
