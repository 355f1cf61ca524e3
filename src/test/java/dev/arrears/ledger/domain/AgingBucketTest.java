package dev.arrears.ledger.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgingBucketTest {

    @ParameterizedTest(name = "{0} days past due is {1}")
    @CsvSource({
            "0, CURRENT", "1, 1-30", "30, 1-30", "31, 31-60", "60, 31-60", "61, 61-90", "90, 61-90",
            "91, 91-180", "180, 91-180", "181, 181+", "10000, 181+", "2147483647, 181+", "9223372036854775807, 181+"})
    void placesDaysPastDueInTheirBucket(long days, String label) {
        assertThat(AgingBucket.of(days).label()).isEqualTo(label);
    }

    @Test
    void bucketsCoverEveryDayWithoutGapsOrOverlap() {
        AgingBucket[] buckets = AgingBucket.values();
        assertThat(buckets[0].fromDays()).isZero();
        for (int i = 1; i < buckets.length; i++) {
            assertThat(buckets[i].fromDays()).isEqualTo(buckets[i - 1].toDays() + 1);
        }
        for (AgingBucket bucket : buckets) {
            assertThat(AgingBucket.of(bucket.fromDays())).isEqualTo(bucket);
            assertThat(AgingBucket.of(bucket.toDays())).isEqualTo(bucket);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {-1, -30, Long.MIN_VALUE})
    void refusesNegativeDays(long days) {
        assertThatThrownBy(() -> AgingBucket.of(days))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("days past due cannot be negative: " + days);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"CURRENT, CURRENT", "current, CURRENT", "1-30, D1_30", "D1_30, D1_30", "31-60, D31_60",
            "61-90, D61_90", "91-180, D91_180", "181+, D181_PLUS", "d181_plus, D181_PLUS"})
    void parsesLabelsAndNames(String text, AgingBucket bucket) {
        assertThat(AgingBucket.parse(text)).isEqualTo(bucket);
        assertThat(AgingBucket.parse(bucket.label())).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "0-30", "180+", "1-31", "overdue", "181"})
    void refusesUnknownLabelsNamingTheChoices(String text) {
        assertThatThrownBy(() -> AgingBucket.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown aging bucket '" + text + "': use one of CURRENT, 1-30, 31-60, 61-90, 91-180, 181+");
    }
}
