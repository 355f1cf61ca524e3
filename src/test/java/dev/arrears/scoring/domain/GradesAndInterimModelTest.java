package dev.arrears.scoring.domain;

import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Score;
import dev.arrears.strategy.domain.FactsFixture;
import dev.arrears.strategy.domain.InterimScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradesAndInterimModelTest {

    @ParameterizedTest
    @CsvSource({"700, A", "680, A", "679, B", "620, B", "560, C", "500, D", "499, E", "-20, E"})
    void defaultGrades_areTheInterimRulesCutOffs(long points, String grade) {
        assertThat(Grades.DEFAULT.of(points)).isEqualTo(grade);
        assertThat(InterimScore.grade(points)).isEqualTo(grade);
    }

    @Test
    void configuredGrades_readBestFirstWithAFallback() {
        Grades g = Grades.parse("AA:750, A:650, B:550, C");
        assertThat(g.of(760)).isEqualTo("AA");
        assertThat(g.of(650)).isEqualTo("A");
        assertThat(g.of(100)).isEqualTo("C");
        assertThatThrownBy(() -> Grades.parse("A:600,B:650,C")).hasMessageContaining("fall from best to worst");
        assertThatThrownBy(() -> Grades.parse("A:600,B:500")).hasMessageContaining("last grade has no minimum");
        assertThatThrownBy(() -> Grades.parse("A:six,B")).hasMessageContaining("not a whole number");
    }

    @ParameterizedTest
    @CsvSource({
            // times delinquent 12m, worst dpd 12m, on-time ratio 12m, tenure months, broken promises 90d
            "0, 0, 1.0, 36, 0",
            "2, 45, 0.6, 12, 1",
            "7, 200, 0.1, 80, 5",
            "1, 3, 0.95, 0, 0"})
    void theInterimModel_scoresAsTheInterimRule(long times, long worst, double onTime, long tenure, long broken) {
        double[] n = new double[Features.COUNT];
        Arrays.fill(n, Double.NaN);
        n[Features.index(Features.TIMES_DELINQUENT_12M)] = times;
        n[Features.index(Features.MAX_DPD_12M)] = worst;
        n[Features.index(Features.ON_TIME_RATIO_12M)] = onTime;
        n[Features.index(Features.TENURE_MONTHS)] = tenure;
        n[Features.index(Features.BROKEN_PROMISES_90D)] = broken;
        Score score = new InterimModel().score(n, new String[Features.COUNT]);
        long rule = InterimScore.value(FactsFixture.facts(f -> {
            f.timesDelinquent12m = times;
            f.maxDaysPastDue12m = worst;
            f.onTimeRatio12m = onTime;
            f.tenureMonths = tenure;
            f.brokenPromises90d = broken;
        }));
        assertThat(score.points()).isEqualTo(rule);
        assertThat(score.reasons()).hasSize(5);
        assertThat(score.reasons().getFirst().points()).isLessThanOrEqualTo(score.reasons().getLast().points());
        assertThat(new InterimModel().probabilityBad(n, new String[Features.COUNT])).isEqualTo(score.probabilityBad())
                .isBetween(0.0, 1.0);
    }

    @Test
    void aMissingOnTimeRatio_countsAsAlwaysOnTime() {
        double[] n = new double[Features.COUNT];
        Arrays.fill(n, Double.NaN);
        assertThat(new InterimModel().score(n, new String[Features.COUNT]).points()).isEqualTo(600 + 50);
    }
}
