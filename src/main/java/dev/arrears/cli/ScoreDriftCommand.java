package dev.arrears.cli;

import dev.arrears.scoring.ScoreTraining;
import dev.arrears.scoring.TrainingRefused;
import dev.arrears.scoring.TrainingViews.DriftReport;
import dev.arrears.scoring.TrainingViews.FeatureDrift;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears score drift [--target dpd30|miss]}: the population stability of the active model's score and of
 * each feature between its training set and today's population, least stable first; the last line is
 * {@code drift model=… target=… score_psi=… max_feature_psi=… warning=true|false}. Exits 1 on a warning (a PSI over
 * 0.25), 2 without an active model.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Population stability of the active model's score and features since training.")
class ScoreDriftCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "dpd30", description = "dpd30 (default) or miss.")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            DriftReport r;
            try {
                r = context.getBean(ScoreTraining.class).drift(target);
            } catch (NotFoundException | TrainingRefused | IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %d v%d %s of %s, trained as of %s on %d rows; today %s: %d rows%n",
                    r.modelId(), r.version(), r.kind(), r.target(), r.trainedOnAsOf(), r.trainRows(), r.asOf(),
                    r.rows());
            out.printf(Locale.ROOT, "score psi %.4f%n", r.scorePsi());
            out.println("feature psi (* = read by the model; over 0.25 is a shift):");
            r.features().stream().sorted(Comparator.comparingDouble(FeatureDrift::psi).reversed())
                    .forEach(f -> out.printf(Locale.ROOT, "  %-22s %.4f%s%s%n", f.feature(), f.psi(),
                            f.inModel() ? " *" : "", f.psi() > 0.25 ? "  SHIFT" : ""));
            double max = r.features().stream().mapToDouble(FeatureDrift::psi).max().orElse(0);
            out.printf(Locale.ROOT, "drift model=%d target=%s score_psi=%.4f max_feature_psi=%.4f warning=%s%n",
                    r.modelId(), r.target(), r.scorePsi(), max, r.warning());
            out.flush();
            return r.warning() ? 1 : 0;
        }
    }
}
