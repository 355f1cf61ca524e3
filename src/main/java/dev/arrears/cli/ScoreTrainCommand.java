package dev.arrears.cli;

import dev.arrears.scoring.ScoreTraining;
import dev.arrears.scoring.TrainingRefused;
import dev.arrears.scoring.TrainingViews.ModelMetrics;
import dev.arrears.scoring.TrainingViews.SplitView;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import dev.arrears.scoring.model.Metrics.CalibrationBin;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears score train [--target dpd30|miss] [--kind scorecard|challenger|both] [--activate] [--seed 1]}:
 * trains on the portfolio's history with the time split, evaluates on the later period, stores the model(s) as
 * DRAFT (the first kind ACTIVE with {@code --activate}) and prints the split, counts, metrics and calibration; the
 * last line is {@code train model=… target=… kind=… auc=… ks=… gini=… train_rows=… test_rows=… seconds=…} (with
 * {@code both}, of the scorecard). A history too short exits 2 with the months needed and present.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a risk model on the portfolio's history and evaluates it on a later period.")
class ScoreTrainCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "dpd30", description = "dpd30 (default) or miss.")
    String target;

    @Option(names = "--kind", defaultValue = "scorecard", description = "scorecard (default), challenger or both.")
    String kind;

    @Option(names = "--activate", description = "Make the (first) trained model the target's active one.")
    boolean activate;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> kinds = switch (kind.toLowerCase(Locale.ROOT)) {
            case "both" -> ScoreTraining.KINDS;
            case "scorecard", "challenger" -> List.of(kind.toLowerCase(Locale.ROOT));
            default -> null;
        };
        if (kinds == null) {
            System.err.println("--kind is scorecard, challenger or both, not " + kind);
            return 2;
        }
        String t;
        try {
            t = ScoreTraining.target(target);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            ScoreTraining training = context.getBean(ScoreTraining.class);
            TrainingReport report;
            try {
                report = training.train(t, kinds, seed, activate, "cli:" + System.getProperty("user.name"));
            } catch (TrainingRefused e) {
                System.err.println(e.getMessage());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            print(out, report);
            out.flush();
            return 0;
        }
    }

    /** Prints a training report: the split, each model's counts, metrics, calibration and least stable features. */
    static void print(PrintWriter out, TrainingReport report) {
        SplitView s = report.split();
        out.printf(Locale.ROOT, "history %s .. %s; target %s%n", s.historyFrom(), s.historyTo(), report.target());
        out.printf(Locale.ROOT, "train: features as of %s, labels to %s%n", s.trainAsOf(), s.trainLabelsEnd());
        out.printf(Locale.ROOT, "test:  features as of %s, labels to %s%n", s.testAsOf(), s.testLabelsEnd());
        for (TrainedModel m : report.models()) {
            ModelMetrics x = m.metrics();
            out.printf(Locale.ROOT, "%nmodel %d v%d %s (%s) in %.1f s%n", m.id(), m.version(), m.kind(), m.status(),
                    m.seconds());
            out.printf(Locale.ROOT, "  train rows=%d bad=%d (%.2f%%)   test rows=%d bad=%d (%.2f%%)%n",
                    x.trainRows(), x.trainBads(), pct(x.trainBads(), x.trainRows()), x.testRows(), x.testBads(),
                    pct(x.testBads(), x.testRows()));
            out.printf(Locale.ROOT, "  test auc=%.4f ks=%.4f gini=%.4f (train auc %.4f); score psi train->test %.4f%n",
                    x.auc(), x.ks(), x.gini(), x.trainAuc(), x.scorePsi());
            out.printf(Locale.ROOT, "  the riskiest 20%% of the test set hold %.1f%% of its bads (chance: 20%%)%n",
                    100 * x.captureTop20());
            out.println("  calibration by decile of predicted risk (test set):");
            out.println("    decile   rows  mean_predicted  observed_bad");
            for (CalibrationBin c : x.calibration()) {
                out.printf(Locale.ROOT, "    %6d %6d %15.4f %13.4f%n", c.decile(), c.count(), c.meanPredicted(),
                        c.observedBad());
            }
            out.println("  least stable features train->test (psi):");
            x.featurePsi().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(5)
                    .forEach(e -> out.printf(Locale.ROOT, "    %-22s %.4f%n", e.getKey(), e.getValue()));
        }
        if (report.models().size() > 1) {
            out.println();
            out.println("side by side (test set):");
            for (TrainedModel m : report.models()) {
                out.printf(Locale.ROOT, "  %-10s model=%d auc=%.4f ks=%.4f gini=%.4f%n", m.kind(), m.id(),
                        m.metrics().auc(), m.metrics().ks(), m.metrics().gini());
            }
        }
        TrainedModel first = report.models().getFirst();
        out.printf(Locale.ROOT, "train model=%d target=%s kind=%s auc=%.4f ks=%.4f gini=%.4f train_rows=%d"
                        + " test_rows=%d seconds=%.2f%n", first.id(), report.target(), first.kind(),
                first.metrics().auc(), first.metrics().ks(), first.metrics().gini(), first.metrics().trainRows(),
                first.metrics().testRows(), report.seconds());
    }

    private static double pct(int part, int all) {
        return all == 0 ? 0 : 100.0 * part / all;
    }
}
