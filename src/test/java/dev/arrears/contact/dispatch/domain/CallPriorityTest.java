package dev.arrears.contact.dispatch.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's order as a table: amount overdue (normalised to hundredths) × risk by grade × urgency by age. */
class CallPriorityTest {

    @ParameterizedTest(name = "{0} minor units, {1} fraction digits, risk {2}‰, {3} dpd: {4}")
    @CsvSource({
            // 100.00 CNY, neutral risk, 30 days past due: 10 000 × 1 000 × 60 ÷ 60 000
            "10000, 2, 1000, 30, 10000",
            // the same digits in yen (0 fraction digits) count as hundredths: 100 JPY = 10 000 hundredths
            "100, 0, 1000, 30, 10000",
            // three fraction digits (BHD) drop the thousandths
            "100009, 3, 1000, 30, 10000",
            // the best grade lowers, the worst raises
            "10000, 2, 600, 30, 6000",
            "10000, 2, 1400, 30, 14000",
            // urgency grows with age and stops at 180 days past due
            "10000, 2, 1000, 0, 5000",
            "10000, 2, 1000, 180, 35000",
            "10000, 2, 1000, 900, 35000",
            // nothing overdue (or a credit) is no priority
            "0, 2, 1400, 90, 0",
            "-5000, 2, 1400, 90, 0"})
    void priorityIsOverdueTimesRiskTimesUrgency(long minor, int digits, int risk, int dpd, long priority) {
        assertThat(CallPriority.of(minor, digits, risk, dpd)).isEqualTo(priority);
    }

    @ParameterizedTest(name = "grade rank {0} of {1}: {2}‰")
    @CsvSource({"0, 5, 600", "1, 5, 800", "2, 5, 1000", "3, 5, 1200", "4, 5, 1400", "9, 5, 1400", "0, 3, 600",
            "1, 3, 1000", "2, 3, 1400", "0, 1, 1000"})
    void riskRunsEvenlyFromTheBestGradeToTheWorst(int rank, int grades, int perMille) {
        assertThat(CallPriority.risk(rank, grades)).isEqualTo(perMille);
    }

    @Test
    void unscoredAccountIsNeutral() {
        assertThat(CallPriority.risk(null, 5)).isEqualTo(CallPriority.NEUTRAL_RISK).isEqualTo(1000);
    }

    @Test
    void worstGradeOutweighsUpToSevenThirdsOfTheAmountAtTheBest() {
        long risky = CallPriority.of(10_000, 2, CallPriority.risk(4, 5), 30);
        long twice = CallPriority.of(20_000, 2, CallPriority.risk(0, 5), 30);
        long thrice = CallPriority.of(30_000, 2, CallPriority.risk(0, 5), 30);
        assertThat(risky).as("the worst grade beats twice the amount at the best").isGreaterThan(twice);
        assertThat(thrice).as("three times the amount at the best grade wins").isGreaterThan(risky);
    }
}
