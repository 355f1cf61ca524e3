package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChallengerTest {

    @Test
    void fitsANonLinearPatternBetterThanALogisticRegression() {
        // risk is high in a middle band of x0 and when x1 and x2 share a sign: no straight line separates that
        Dataset train = band(6_000, 31);
        Dataset test = band(3_000, 32);
        Model challenger = Challenger.train(train, 1);
        Model logistic = PlainLogistic.train(train);

        double challengerAuc = Metrics.auc(Synthetic.predict(challenger, test), test.targets());
        double logisticAuc = Metrics.auc(Synthetic.predict(logistic, test), test.targets());
        assertThat(challengerAuc).isGreaterThan(0.8);
        assertThat(challengerAuc).isGreaterThan(logisticAuc + 0.1);
    }

    @Test
    void beatsRandomOnAHeldOutSample() {
        Dataset german = Synthetic.german();
        int[] folds = CrossValidation.stratifiedFolds(german.targets(), 4, 5);
        int[] train = java.util.stream.IntStream.range(0, german.rows()).filter(i -> folds[i] != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, german.rows()).filter(i -> folds[i] == 0).toArray();
        Model model = Training.train("challenger", german.subset(train), 1);
        Dataset held = german.subset(test);
        assertThat(Metrics.auc(Synthetic.predict(model, held), held.targets())).isGreaterThan(0.7);
    }

    @Test
    void sameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Dataset data = band(2_000, 33);
        String a = ModelCodec.toJson(Challenger.train(data, 7));
        assertThat(ModelCodec.toJson(Challenger.train(data, 7))).isEqualTo(a);
        assertThat(ModelCodec.toJson(Challenger.train(data, 8))).isNotEqualTo(a);
    }

    @Test
    void reasonsAttributeTheLogOddsToFeaturesRiskiestFirst() {
        Dataset data = Synthetic.normal(4_000, 3, 34, x -> -1 - 1.5 * x[0] + 0.2 * x[1]);
        Challenger model = Challenger.train(data, 1);
        Score score = model.score(new double[] {-2.5, 0, 0}, new String[3]);

        assertThat(score.reasons()).hasSize(3);
        assertThat(score.reasons().getFirst().feature()).isEqualTo("x0");
        assertThat(score.reasons().getFirst().bin()).isEqualTo("-2.5");
        assertThat(score.reasons().getFirst().points()).isNegative();
        for (int i = 1; i < score.reasons().size(); i++) {
            assertThat(score.reasons().get(i).points()).isGreaterThanOrEqualTo(score.reasons().get(i - 1).points());
        }
        // Saabas: the bias plus the contributions give the log-odds, so the points add up too
        double rootValues = model.trees().stream().mapToDouble(t -> t.value()[0]).sum();
        double base = model.scale().points(model.bias() + rootValues);
        double sum = score.reasons().stream().mapToDouble(Reason::points).sum();
        assertThat(base + sum).isCloseTo(model.scale().points(model.logit(new double[] {-2.5, 0, 0},
                new String[3])), within(1e-6));
    }

    @Test
    void handlesCategoriesMissingValuesAndUnseenCategories() {
        List<Column> cols = List.of(Column.categorical("segment"), Column.numeric("ratio"));
        Dataset.Builder builder = Dataset.builder(cols);
        SplittableRandom random = new SplittableRandom(35);
        String[] segments = {"A", "B", "C", "D"};
        for (int i = 0; i < 4_000; i++) {
            String s = segments[random.nextInt(4)];
            double r = random.nextDouble() < 0.2 ? Double.NaN : random.nextDouble();
            // segments B and D and a missing ratio are risky
            double logit = -2 + (s.equals("B") || s.equals("D") ? 1.5 : 0) + (Double.isNaN(r) ? 1.5 : 0);
            builder.add(new double[] {Double.NaN, r}, new String[] {s, null},
                    random.nextDouble() < LogisticRegression.sigmoid(logit) ? 1 : 0);
        }
        Challenger model = Challenger.train(builder.build(), 1);
        double safe = model.probabilityBad(new double[] {Double.NaN, 0.5}, new String[] {"A", null});
        double riskySegment = model.probabilityBad(new double[] {Double.NaN, 0.5}, new String[] {"D", null});
        double missingRatio = model.probabilityBad(new double[] {Double.NaN, Double.NaN}, new String[] {"A", null});
        assertThat(riskySegment).isGreaterThan(safe + 0.1);
        assertThat(missingRatio).isGreaterThan(safe + 0.1);
        assertThat(model.probabilityBad(new double[] {Double.NaN, 0.5}, new String[] {"Z", null})).isBetween(0.0, 1.0);
        assertThat(model.probabilityBad(new double[] {Double.NaN, 0.5}, new String[] {null, null})).isBetween(0.0,
                1.0);
    }

    private static Dataset band(int rows, long seed) {
        return Synthetic.normal(rows, 4, seed, x -> (Math.abs(x[0]) < 0.7 ? 1.5 : -1.5)
                + (x[1] * x[2] > 0 ? 1.2 : -1.2));
    }
}
