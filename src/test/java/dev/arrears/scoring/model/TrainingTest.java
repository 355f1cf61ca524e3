package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingTest {

    @Test
    void trainsEitherKindByName() {
        Dataset data = Synthetic.normal(1_000, 2, 61, x -> -1 - x[0]);
        assertThat(Training.train("scorecard", data, 1)).isInstanceOf(Scorecard.class);
        assertThat(Training.train("challenger", data, 1)).isInstanceOf(Challenger.class);
        ChallengerOptions small = new ChallengerOptions(5, 2, 0.1, 20, 1, 1, 16, PointsScale.defaults());
        Challenger challenger = (Challenger) Training.train("challenger", data, 1, ScorecardOptions.defaults(), small);
        assertThat(challenger.trees()).hasSize(5);
    }

    @Test
    void unknownKindAndOneClassDataAreRejected() {
        Dataset data = Synthetic.normal(100, 1, 62, x -> -1 - x[0]);
        assertThatThrownBy(() -> Training.train("forest", data, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model kind forest is unknown");
        Dataset.Builder builder = Dataset.builder(List.of(Column.numeric("x")));
        for (int i = 0; i < 50; i++) {
            builder.add(new double[] {i}, new String[1], 0);
        }
        Dataset allGood = builder.build();
        assertThatThrownBy(() -> Training.train("scorecard", allGood, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both good and bad");
        assertThatThrownBy(() -> Training.train("challenger", allGood, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both good and bad");
    }
}
