package dev.arrears.cli;

import dev.arrears.scoring.TrainingViews.ModelMetrics;
import dev.arrears.scoring.TrainingViews.SplitView;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import dev.arrears.scoring.model.Metrics.CalibrationBin;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code score train} prints: the split, per model its figures, and the documented last line. */
class ScoreTrainCommandTest {

    private static TrainedModel model(long id, String kind, double auc) {
        List<CalibrationBin> calibration = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            calibration.add(new CalibrationBin(d, 100, d / 20.0, d / 25.0));
        }
        return new TrainedModel(id, "DPD30_60D", (int) id, kind, id == 7 ? "ACTIVE" : "DRAFT",
                new ModelMetrics(4568, 328, 4874, 882, auc, 0.7121, 2 * auc - 1, 0.8896, calibration, 0.765, 0.0974,
                        Map.of("daysPastDue", 0.07, "balance", 0.01)), 0.6);
    }

    @Test
    void bothKinds_printSideBySide_andTheLastLineIsTheScorecards() {
        TrainingReport report = new TrainingReport("DPD30_60D", new SplitView(LocalDate.of(2025, 12, 3),
                LocalDate.of(2026, 12, 2), LocalDate.of(2026, 6, 3), LocalDate.of(2026, 8, 2),
                LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 2)),
                List.of(model(7, "scorecard", 0.8915), model(8, "challenger", 0.8741)), 2.834);
        StringWriter text = new StringWriter();
        ScoreTrainCommand.print(new PrintWriter(text), report);
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).contains("train: features as of 2026-06-03, labels to 2026-08-02",
                "test:  features as of 2026-10-03, labels to 2026-12-02",
                "  the riskiest 20% of the test set hold 76.5% of its bads (chance: 20%)",
                "  scorecard  model=7 auc=0.8915 ks=0.7121 gini=0.7830",
                "  challenger model=8 auc=0.8741 ks=0.7121 gini=0.7482");
        assertThat(lines).filteredOn(l -> l.startsWith("    ") && l.strip().matches("\\d+ +100 .*"))
                .as("a calibration table per model").hasSize(20);
        assertThat(lines.getLast()).isEqualTo("train model=7 target=DPD30_60D kind=scorecard auc=0.8915 ks=0.7121"
                + " gini=0.7830 train_rows=4568 test_rows=4874 seconds=2.83");
    }
}
