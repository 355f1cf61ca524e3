package dev.arrears.reporting.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class KpisTest {

    private static final LocalDate M = LocalDate.of(2026, 7, 1);

    @ParameterizedTest
    @CsvSource({"2, 3, 66.7", "1, 3, 33.3", "0, 5, 0.0", "1, 8, 12.5", "3, 3, 100.0"})
    void rate_isAPercentageRoundedHalfUpToOneDecimal(long numerator, long denominator, String percent) {
        assertThat(new Rate(numerator, denominator).percent()).isEqualByComparingTo(percent);
    }

    @Test
    void rate_ofNothingCounted_hasNoPercentage() {
        assertThat(Rate.NONE.percent()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"'10', 10", "'10,20', 10", "'10,20,50', 20", "'5,5,5,90', 5", "'1,2,3,4,5', 3"})
    void median_isTheLowerMiddleOfTheHistogram(String days, int median) {
        TreeMap<Integer, Long> histogram = new TreeMap<>();
        Arrays.stream(days.split(",")).map(Integer::parseInt).forEach(d -> histogram.merge(d, 1L, Long::sum));
        assertThat(Kpis.median(histogram)).isEqualTo(median);
    }

    @Test
    void kpis_sumRowsOfTheSameMetricAcrossDimensions() {
        Kpis k = Kpis.of(List.of(
                new MetricRow(M, "SUCCESS", "30", 1, 2),
                new MetricRow(M, "SUCCESS", "30", 1, 1),
                new MetricRow(M, "CASES_OPENED", "", 0, 4),
                new MetricRow(M, "CASES_CLOSED", "CURED", 0, 3),
                new MetricRow(M, "CASES_CLOSED", "WRITTEN_OFF", 0, 1),
                new MetricRow(M, "PROMISE", "KEPT", 0, 3),
                new MetricRow(M, "PROMISE", "BROKEN", 0, 1),
                new MetricRow(M, "CONTACT", "SMS", 9, 10),
                new MetricRow(M, "CONTACT", "SMS", 0, 10),
                new MetricRow(M, "CONTACT", "VISIT", 1, 1)), 6, 2L);
        assertThat(k.success30().percent()).isEqualByComparingTo("66.7");
        assertThat(k.success60().percent()).isNull();
        // 3 cured of 6 open at the start plus 4 opened; a write-off is not a cure
        assertThat(k.cureRate().percent()).isEqualByComparingTo("30.0");
        assertThat(k.promiseKept().percent()).isEqualByComparingTo("75.0");
        assertThat(k.contactRate().get("SMS").percent()).isEqualByComparingTo("45.0");
        assertThat(k.contactRate().keySet()).containsExactly("SMS", "EMAIL", "PUSH", "LETTER", "CALL", "VISIT");
        assertThat(k.complaints()).isEqualTo(2L);
    }

    @Test
    void rollRates_shareEachStartingBucketAmongTheBucketsItReached() {
        long[][] moves = new long[6][6];
        moves[0][0] = 90;
        moves[0][1] = 10;
        moves[1][0] = 6;
        moves[1][1] = 2;
        moves[1][2] = 2;
        RollRates r = RollRates.of("2026-10", moves);
        assertThat(r.rows().get(0).next().percent()).isEqualByComparingTo("10.0");
        assertThat(r.rows().get(1).accounts()).isEqualTo(10);
        assertThat(r.rows().get(1).next().percent()).as("1-30 → 31-60").isEqualByComparingTo("20.0");
        assertThat(r.rows().get(1).forward().percent()).isEqualByComparingTo("20.0");
        assertThat(r.rows().get(1).cured().percent()).isEqualByComparingTo("60.0");
        assertThat(r.rows().get(5).accounts()).isZero();
        assertThat(r.rows().get(5).forward().percent()).isNull();
    }
}
