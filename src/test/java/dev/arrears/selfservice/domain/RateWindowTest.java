package dev.arrears.selfservice.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixed-window counter behind the portal's rate limits, per key, with the instant passed in. */
class RateWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

    @ParameterizedTest(name = "limit {0}: request {1} at +{2}s allowed={3}, retry {4}s")
    @CsvSource({
            // limit, requests made before this one in the same window, seconds into the window, allowed, retry
            "120, 0,   0, true,  0",
            "120, 119, 0, true,  0",
            "120, 120, 0, false, 60",
            "120, 120, 45, false, 15",
            "30,  30,  59, false, 1",
    })
    void refusesOverTheLimitUntilTheWindowEnds(int limit, int before, int at, boolean allowed, long retry) {
        RateWindow w = new RateWindow(limit, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < before; i++) {
            assertThat(w.hit("ip:10.0.0.1", T0).allowed()).isTrue();
        }
        RateWindow.Decision d = w.hit("ip:10.0.0.1", T0.plusSeconds(at));
        assertThat(d.allowed()).isEqualTo(allowed);
        assertThat(d.retryAfterSeconds()).isEqualTo(retry);
    }

    @Test
    void aNewWindowStartsAfresh_andKeysAreCountedApart() {
        RateWindow w = new RateWindow(2, Duration.ofMinutes(1), 1000);
        w.hit("a", T0);
        w.hit("a", T0);
        assertThat(w.hit("a", T0.plusSeconds(30)).allowed()).isFalse();
        assertThat(w.hit("b", T0.plusSeconds(30)).allowed()).isTrue();
        assertThat(w.hit("a", T0.plusSeconds(60)).allowed()).isTrue();
    }

    @Test
    void staleKeysAreDroppedOnceTooManyAreHeld() {
        RateWindow w = new RateWindow(5, Duration.ofMinutes(1), 10);
        for (int i = 0; i < 11; i++) {
            w.hit("k" + i, T0);
        }
        w.hit("fresh", T0.plusSeconds(120));
        assertThat(w.keys()).isEqualTo(1);
    }
}
