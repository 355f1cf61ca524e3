package dev.arrears.cli;

import dev.arrears.scoring.ScoreTraining;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench train --accounts N [--kind scorecard|challenger]}: builds (or reuses, on the day it was built
 * for) a portfolio of N accounts with fourteen months of history under {@code ./data/bench-train-N}, written by the
 * generator of {@code bench score}, then times one training run of the DPD30 target on the time split: both
 * feature reads (as of month 6 and month 10) with their labels, the binning, the fit, the evaluation and the store.
 * The last line is {@code train accounts=… seconds=… train_rows=… auc=…}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Times training a risk model on the history of N accounts (read, fit, evaluate, store).")
class BenchTrainCommand implements Callable<Integer> {

    /** Fourteen months: the time split needs ten months and the 60 days of test labels after them. */
    private static final int MONTHS = 14;

    @Option(names = "--accounts", defaultValue = "200000", description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kind", defaultValue = "scorecard", description = "scorecard (default) or challenger.")
    String kind;

    @Option(names = "--fresh", description = "Build the portfolio again even if one is there.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        if (accounts < 2) {
            System.err.println("--accounts must be at least 2");
            return 2;
        }
        if (!ScoreTraining.KINDS.contains(kind)) {
            System.err.println("--kind is scorecard or challenger, not " + kind);
            return 2;
        }
        String dir = "./data/bench-train-" + accounts;
        Path marker = Path.of(dir + ".built");
        String stamp = seed + " " + LocalDate.now(java.time.ZoneOffset.UTC);
        boolean reuse = !fresh && Files.exists(marker) && Files.readString(marker).strip().equals(stamp);
        if (!reuse) {
            BenchImportCommand.deleteTree(Path.of(dir));
            Files.deleteIfExists(marker);
        }
        try (ConfigurableApplicationContext context = Contexts.startForBench(dir, false,
                Map.of("arrears.scoring.in-cycle", "false"))) {
            LocalDate today = LocalDate.now(context.getBean(Clock.class));
            DataSource dataSource = context.getBean(DataSource.class);
            if (reuse) {
                System.out.println("reusing the portfolio of " + accounts + " accounts in " + dir);
            } else {
                long started = System.nanoTime();
                long rows = BenchScoreCommand.build(dataSource, today, accounts, seed, MONTHS);
                System.out.printf(Locale.ROOT, "wrote %d rows for %d accounts in %.1f s%n", rows, accounts,
                        (System.nanoTime() - started) / 1e9);
                Files.writeString(marker, stamp + "\n");
            }
            TrainingReport report = context.getBean(ScoreTraining.class)
                    .train("DPD30_60D", List.of(kind), seed, false, "bench");
            PrintWriter out = new PrintWriter(System.out, true);
            ScoreTrainCommand.print(out, report);
            TrainedModel m = report.models().getFirst();
            out.printf(Locale.ROOT, "train accounts=%d seconds=%.2f train_rows=%d auc=%.4f%n", accounts,
                    report.seconds(), m.metrics().trainRows(), m.metrics().auc());
            out.flush();
            return 0;
        }
    }
}
