package dev.arrears.cycle.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StallWatchTest {

    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aRunThatDoesNotMove_isStalledOnceTheWholeDurationHasPassed() {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5));
        assertThat(watch.stalled(1, 100, T)).isFalse();
        assertThat(watch.stalled(1, 100, T.plusSeconds(299))).isFalse();
        assertThat(watch.stalled(1, 100, T.plusSeconds(300))).isTrue();
    }

    @Test
    void anyMove_startsTheDurationAgain() {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5));
        watch.stalled(1, 100, T);
        assertThat(watch.stalled(1, 101, T.plusSeconds(240))).as("an account evaluated").isFalse();
        assertThat(watch.stalled(1, 101, T.plusSeconds(480))).isFalse();
        assertThat(watch.stalled(2, 101, T.plusSeconds(539))).as("a partition done").isFalse();
        assertThat(watch.stalled(2, 101, T.plusSeconds(838))).isFalse();
        assertThat(watch.stalled(2, 101, T.plusSeconds(839))).isTrue();
    }

    @Test
    void aDurationMustBePositive() {
        assertThatThrownBy(() -> new StallWatch(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
