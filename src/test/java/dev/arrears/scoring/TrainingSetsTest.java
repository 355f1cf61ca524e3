package dev.arrears.scoring;

import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.training.TimeSplit;
import dev.arrears.scoring.training.TrainingSets;
import dev.arrears.scoring.training.TrainingSets.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@Tag("integration")
class TrainingSetsTest {

    static final LocalDate D = LocalDate.of(2026, 3, 31);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Scoring scoring;

    @Test
    void labelsComeFromTheSixtyDaysAfterTheDate() throws Exception {
        Histories h = new Histories(jdbc);
        long customer = h.customer("Asia/Shanghai");
        LocalDate opened = D.minusYears(1);
        long reaches30 = h.account(customer, "OTHER", opened, null);
        h.episode(reaches30, D.plusDays(10), null, 3);             // 30 days past due on D+39
        long curedAt10 = h.account(customer, "OTHER", opened, null);
        h.episode(curedAt10, D.plusDays(40), D.plusDays(50), 10);  // cured before reaching 30
        long tooLate = h.account(customer, "OTHER", opened, null);
        h.episode(tooLate, D.plusDays(35), null, 3);               // 30 days past due on D+64, after the window
        long alreadyLate = h.account(customer, "OTHER", opened, null);
        h.episode(alreadyLate, D.minusDays(40), null, 40);         // 30+ on D+1 still
        long curedBefore = h.account(customer, "OTHER", opened, null);
        h.episode(curedBefore, D.minusDays(40), D.minusDays(1), 38); // cured by D
        long missed = h.account(customer, "OTHER", opened, null);
        h.bill(missed, D.minusDays(10), D.plusDays(5), 1_000);
        h.episode(missed, D.plusDays(6), D.plusDays(20), 14);      // still unpaid on due + 5
        long paidInGrace = h.account(customer, "OTHER", opened, null);
        h.bill(paidInGrace, D.minusDays(10), D.plusDays(5), 1_000);
        h.episode(paidInGrace, D.plusDays(6), D.plusDays(9), 3);   // paid on due + 4
        long noBillDue = h.account(customer, "OTHER", opened, null);
        h.bill(noBillDue, D.minusDays(10), D.plusDays(11), 1_000);
        long openedLater = h.account(customer, "OTHER", D.plusDays(1), null);

        Map<Long, Integer> dpd30;
        Map<Long, Integer> miss;
        try (Connection c = dataSource.getConnection()) {
            dpd30 = TrainingSets.labels(c, reaches30, openedLater, D, Target.DPD30_60D);
            miss = TrainingSets.labels(c, reaches30, openedLater, D, Target.MISS_DUE_5D);
        }
        assertThat(dpd30).containsEntry(reaches30, 1).containsEntry(curedAt10, 0).containsEntry(tooLate, 0)
                .containsEntry(alreadyLate, 1).containsEntry(curedBefore, 0).containsEntry(missed, 0)
                .doesNotContainKey(openedLater);
        assertThat(miss).containsEntry(missed, 1).containsEntry(paidInGrace, 0).doesNotContainKey(noBillDue)
                .doesNotContainKey(reaches30);
    }

    @Test
    void aTrainingSet_holdsEveryAccountThatExistedWithTheFeatureColumns() {
        Histories h = new Histories(jdbc);
        long account = h.account(h.customer("Asia/Shanghai"), "OTHER", D.minusYears(1), null);
        h.episode(account, D.plusDays(1), null, 3);
        Dataset data = scoring.trainingSet("DPD30_60D", D);
        assertThat(data.columns()).isEqualTo(Features.COLUMNS);
        assertThat(data.rows()).isPositive();
        int bad = 0;
        for (int t : data.targets()) {
            bad += t;
        }
        assertThat(bad).isPositive();
    }

    @Test
    void theTimeSplit_trainsOnMonthSixAndTestsOnMonthTen() {
        TimeSplit split = TimeSplit.of(LocalDate.of(2025, 12, 1));
        assertThat(split.trainAsOf()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(split.trainLabelsEnd()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(split.testAsOf()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(split.testLabelsEnd()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(split.trainLabelsEnd()).isBefore(split.testAsOf());
        assertThat(split.coveredBy(LocalDate.of(2026, 11, 30))).isTrue();
        assertThat(split.coveredBy(LocalDate.of(2026, 11, 29))).isFalse();
        assertThatThrownBy(() -> new TimeSplit(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end before");
    }
}
