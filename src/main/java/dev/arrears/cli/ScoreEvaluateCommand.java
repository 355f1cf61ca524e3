package dev.arrears.cli;

import dev.arrears.scoring.model.Challenger;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.CrossValidation;
import dev.arrears.scoring.model.CsvDataset;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.model.Metrics;
import dev.arrears.scoring.model.PlainLogistic;
import dev.arrears.scoring.model.Scorecard;
import dev.arrears.scoring.model.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code arrears score evaluate --data FILE.csv --target COLUMN --bad VALUE}: cross-validates a scorecard (or the
 * challenger) on any CSV with stratified folds, next to a plain logistic regression on the raw features over the
 * same folds, and prints per-fold AUC, the calibration by decile and the features by information value. No
 * database. The last line is {@code score auc=<a> ks=<k> gini=<g> folds=<f> rows=<n>} over the pooled
 * out-of-fold predictions. Bad input exits with code 2 and names the line and column.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Cross-validates a model on a CSV file and prints AUC, KS, Gini and calibration.")
class ScoreEvaluateCommand implements Callable<Integer> {

    // features listed by information value
    private static final int TOP_FEATURES = 10;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header row.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The outcome column.")
    String target;

    @Option(names = "--bad", required = true, paramLabel = "VALUE",
            description = "The target value that means bad; every other value is good.")
    String bad;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the folds and the model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", defaultValue = "scorecard",
            description = "scorecard or challenger (default ${DEFAULT-VALUE}).")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!model.equals(Scorecard.KIND) && !model.equals(Challenger.KIND)) {
            err.println("--model is scorecard or challenger, not " + model);
            err.flush();
            return 2;
        }
        Dataset dataset;
        try (Reader reader = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            dataset = CsvDataset.read(reader, target, bad);
        } catch (NoSuchFileException e) {
            err.println(data + ": no such file");
            err.flush();
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println(data + ": " + e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(data + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        int[] y = dataset.targets();
        long bads = Arrays.stream(y).filter(t -> t == 1).count();
        if (folds < 2 || folds > Math.min(bads, y.length - bads)) {
            err.println("--folds must be 2 to " + Math.min(bads, y.length - bads)
                    + " (each fold needs a bad and a good row), not " + folds);
            err.flush();
            return 2;
        }
        List<String> report;
        try {
            report = lines(dataset, folds, seed, model, data.getFileName().toString());
        } catch (IllegalArgumentException e) {
            // a dataset the models cannot learn from (say, a fold left without bads) is bad input too
            err.println(data + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        report.forEach(out::println);
        out.flush();
        return 0;
    }

    /** Returns the printed report; the last line is the {@code score …} summary. */
    static List<String> lines(Dataset dataset, int folds, long seed, String kind, String name) {
        List<String> lines = new ArrayList<>();
        int[] y = dataset.targets();
        long bads = Arrays.stream(y).filter(t -> t == 1).count();
        long numeric = dataset.columns().stream().filter(c -> c.type() == Column.Type.NUMERIC)
                .count();
        lines.add(String.format(Locale.ROOT, "data %s: %d rows, %d bad (%.1f%%), %d features (%d numeric, %d "
                        + "categorical)", name, y.length, bads, 100.0 * bads / y.length, dataset.columns().size(),
                numeric, dataset.columns().size() - numeric));
        int[] foldOf = CrossValidation.stratifiedFolds(y, folds, seed);
        long started = System.nanoTime();
        CrossValidation.Result result = CrossValidation.run(dataset, foldOf, folds,
                d -> Training.train(kind, d, seed));
        double seconds = (System.nanoTime() - started) / 1e9;
        CrossValidation.Result baseline = CrossValidation.run(dataset, foldOf, folds, PlainLogistic::train);
        lines.add(String.format(Locale.ROOT, "model %s, %d stratified folds, seed %d (%.1f s)", kind, folds, seed,
                seconds));
        for (int f = 0; f < folds; f++) {
            int fold = f;
            long rows = Arrays.stream(foldOf).filter(v -> v == fold).count();
            long foldBads = IntStream.range(0, y.length).filter(i -> foldOf[i] == fold && y[i] == 1)
                    .count();
            lines.add(String.format(Locale.ROOT, "fold %d: rows=%d bad=%d auc=%.4f baseline_auc=%.4f", f + 1, rows,
                    foldBads, result.foldAuc()[f], baseline.foldAuc()[f]));
        }
        double auc = Metrics.auc(result.predictions(), y);
        double baselineAuc = Metrics.auc(baseline.predictions(), y);
        lines.add(String.format(Locale.ROOT, "pooled out-of-fold auc: %s %.4f, plain logistic regression on raw "
                + "features %.4f (difference %+.4f)", kind, auc, baselineAuc, auc - baselineAuc));
        lines.add("calibration by decile of predicted risk (pooled out-of-fold):");
        lines.add("  decile  rows  mean_predicted  observed_bad");
        for (Metrics.CalibrationBin bin : Metrics.calibration(result.predictions(), y)) {
            lines.add(String.format(Locale.ROOT, "  %6d  %4d  %14.4f  %12.4f", bin.decile(), bin.count(),
                    bin.meanPredicted(), bin.observedBad()));
        }
        Scorecard full = Scorecard.train(dataset);
        lines.add("top features by information value (all rows; * = in the scorecard):");
        Set<String> used = new HashSet<>();
        full.features().forEach(f -> used.add(f.bins().feature()));
        int shown = 0;
        for (Map.Entry<String, Double> e : full.informationValues().entrySet()) {
            if (shown++ == TOP_FEATURES) {
                break;
            }
            lines.add(String.format(Locale.ROOT, "  %-28s %.4f %s", e.getKey(), e.getValue(),
                    used.contains(e.getKey()) ? "*" : ""));
        }
        lines.add(String.format(Locale.ROOT, "score auc=%.4f ks=%.4f gini=%.4f folds=%d rows=%d", auc,
                Metrics.ks(result.predictions(), y), 2 * auc - 1, folds, y.length));
        return lines.stream().map(String::stripTrailing).toList();
    }
}
