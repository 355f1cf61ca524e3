package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScorecardTest {

    @Test
    void baseScoreIsEarnedAtBaseOddsAndDoublingTheOddsAddsTwentyPoints() {
        PointsScale scale = PointsScale.defaults();
        // odds of good 50:1 means log-odds of bad ln(1/50)
        assertThat(scale.points(Math.log(1.0 / 50))).isCloseTo(600, within(1e-9));
        assertThat(scale.points(Math.log(1.0 / 100))).isCloseTo(620, within(1e-9));
        assertThat(scale.points(Math.log(1.0 / 25))).isCloseTo(580, within(1e-9));
        PointsScale custom = new PointsScale(500, 20, 40);
        assertThat(custom.points(Math.log(1.0 / 40))).isCloseTo(540, within(1e-9));
    }

    @Test
    void pointsOfTheBinsAddUpToTheScaledOddsOfTheRegression() {
        Scorecard card = Scorecard.train(Synthetic.normal(4_000, 3, 21, x -> -1 - x[0] + 0.5 * x[1]));
        Dataset data = Synthetic.normal(200, 3, 22, x -> 0);
        for (int i = 0; i < data.rows(); i++) {
            Score score = card.score(data.numericRow(i), data.categoryRow(i));
            double p = score.probabilityBad();
            double expected = card.scale().points(Math.log(p / (1 - p)));
            assertThat((double) score.points()).isCloseTo(expected, within(0.51));
            double sum = score.reasons().stream().mapToDouble(Reason::points).sum();
            assertThat(sum).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void reasonsComeCostliestFirstAgainstEachFeaturesBestBin() {
        Scorecard card = Scorecard.train(Synthetic.normal(4_000, 3, 23, x -> -1 - x[0] + 0.7 * x[1] - 0.4 * x[2]));
        assertThat(card.features()).hasSize(3);
        Dataset data = Synthetic.normal(100, 3, 24, x -> 0);
        for (int i = 0; i < data.rows(); i++) {
            Score score = card.score(data.numericRow(i), data.categoryRow(i));
            double previous = Double.POSITIVE_INFINITY;
            for (Reason reason : score.reasons()) {
                int f = indexOf(card, reason.feature());
                double best = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < card.features().get(f).bins().bins().size(); b++) {
                    best = Math.max(best, card.binPoints(f, b));
                }
                double lost = best - reason.points();
                assertThat(lost).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(previous);
                previous = lost;
            }
        }
    }

    @Test
    void worstBinOfTheStrongestFeatureIsTheTopReason() {
        Scorecard card = Scorecard.train(Synthetic.normal(4_000, 2, 25, x -> -1 - 2 * x[0] + 0.3 * x[1]));
        Score risky = card.score(new double[] {-3, 0}, new String[2]);
        Score safe = card.score(new double[] {3, 0}, new String[2]);
        assertThat(risky.reasons().getFirst().feature()).isEqualTo("x0");
        assertThat(risky.reasons().getFirst().bin()).startsWith("<");
        assertThat(risky.points()).isLessThan(safe.points());
        assertThat(risky.probabilityBad()).isGreaterThan(safe.probabilityBad());
    }

    @Test
    void leavesOutFeaturesWithLittleInformation() {
        Dataset data = Synthetic.normal(5_000, 2, 26, x -> -1 - x[0]);
        Scorecard card = Scorecard.train(data);
        assertThat(card.features()).extracting(f -> f.bins().feature()).containsExactly("x0");
        assertThat(card.informationValues().get("x1")).isLessThan(0.02);
        assertThat(card.features().getFirst().coefficient()).isNegative();
        assertThat(card.kind()).isEqualTo("scorecard");
    }

    @Test
    void dropsAFeatureWhoseCoefficientHasTheWrongSign() {
        // x1 copies x0 with noise: x1 alone is informative, but given x0 its coefficient turns positive
        List<Column> cols = List.of(Column.numeric("x0"), Column.numeric("x1"));
        Dataset.Builder builder = Dataset.builder(cols);
        SplittableRandom random = new SplittableRandom(27);
        for (int i = 0; i < 6_000; i++) {
            double x0 = Synthetic.gaussian(random);
            double x1 = x0 + 0.3 * Synthetic.gaussian(random);
            double p = LogisticRegression.sigmoid(-1 - 2 * x0 + 0.8 * x1);
            builder.add(new double[] {x0, x1}, new String[2], random.nextDouble() < p ? 1 : 0);
        }
        Dataset data = builder.build();
        ScorecardOptions keep = new ScorecardOptions(PointsScale.defaults(), BinningOptions.defaults(), 0.02, false,
                LogisticRegression.Options.defaults());
        assertThat(Scorecard.train(data, keep).features()).anyMatch(f -> f.coefficient() > 0);
        Scorecard card = Scorecard.train(data);
        assertThat(card.features()).allMatch(f -> f.coefficient() <= 0);
        assertThat(card.features()).extracting(f -> f.bins().feature()).containsExactly("x0");
    }

    @Test
    void scalesWithTheOptions() {
        Dataset data = Synthetic.normal(2_000, 1, 28, x -> -1 - x[0]);
        Scorecard base = Scorecard.train(data);
        Scorecard shifted = Scorecard.train(data, ScorecardOptions.defaults().withScale(700, 50, 20));
        double[] row = {0.3};
        assertThat(shifted.score(row, new String[1]).points() - base.score(row, new String[1]).points())
                .isBetween(99L, 101L);
    }

    private static int indexOf(Scorecard card, String feature) {
        for (int f = 0; f < card.features().size(); f++) {
            if (card.features().get(f).bins().feature().equals(feature)) {
                return f;
            }
        }
        throw new AssertionError(feature);
    }
}
