package dev.arrears.scoring;

import dev.arrears.demo.DemoLoader;
import dev.arrears.demo.DemoPortfolio;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.scoring.features.FeatureReader;
import dev.arrears.scoring.features.FeatureRow;
import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.training.TimeSplit;
import dev.arrears.scoring.training.TrainingSets;
import dev.arrears.scoring.training.TrainingSets.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time split over the demo portfolio's twelve months: training and test labels both hold good and bad
 * accounts, and the features as of the training date vary. Loads the same demo as DemoLoaderTest (fixed references,
 * default seed, the application's today), so a shared database holds it once.
 */
@SpringBootTest
@Tag("integration")
class DemoTrainingSetTest {

    @Autowired
    DemoLoader loader;
    @Autowired
    Ledger ledger;
    @Autowired
    DataSource dataSource;

    @Test
    void theDemosHistory_splitsIntoTrainingAndTestSetsWithBothOutcomes() throws Exception {
        LocalDate asOf = loader.today();
        LedgerBatch batch = DemoPortfolio.generate(200, 42, asOf);
        loader.load(200, 42, asOf);
        Collection<Long> ids = ledger.accountIds(batch.accounts().stream().map(OpenAccount::externalRef).toList())
                .values();
        long first = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
        LocalDate firstBill = batch.bills().stream().map(IssueBill::issueDate).min(LocalDate::compareTo).orElseThrow();

        TimeSplit split = TimeSplit.of(firstBill);
        assertThat(split.trainLabelsEnd()).isBefore(split.testAsOf());
        assertThat(split.testLabelsEnd()).isBeforeOrEqualTo(asOf.plusDays(31));

        Map<Long, Integer> train;
        Map<Long, Integer> test;
        List<FeatureRow> features = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            train = TrainingSets.labels(c, first, last, split.trainAsOf(), Target.DPD30_60D);
            test = TrainingSets.labels(c, first, last, split.testAsOf(), Target.DPD30_60D);
            FeatureReader.readRange(c, first, last, split.trainAsOf(), FeatureReader.Scope.ALL, features::add);
        }
        train.keySet().retainAll(ids);
        test.keySet().retainAll(ids);
        assertThat(train.values()).contains(0, 1);
        assertThat(test.values()).contains(0, 1);
        assertThat(features.stream().filter(f -> ids.contains(f.accountId()))
                .map(f -> f.value(Features.ON_TIME_RATIO_6M)).filter(v -> !v.isNaN()).distinct().count())
                .isGreaterThan(2);
    }
}
