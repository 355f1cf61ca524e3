package dev.arrears.cli;

import dev.arrears.scoring.ScoreViews.ScoreRun;
import dev.arrears.scoring.Scoring;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears score run [--as-of D]}: scores every account that owes (or has an open case) as of a date, today
 * (UTC) by default, with the active model (the interim points rule when none is active); the last line is
 * {@code score as_of=… accounts=… history_rows=… model=… miss_model=… seconds=…}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Scores every account that owes or has an open case, as of a date.")
class ScoreRunCommand implements Callable<Integer> {

    @Option(names = "--as-of", paramLabel = "DATE", description = "ISO date (default: today, UTC).")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            Scoring scoring = context.getBean(Scoring.class);
            ScoreRun run = scoring.scoreAll(asOf != null ? asOf : scoring.today());
            PrintWriter out = spec.commandLine().getOut();
            out.println(line(run));
            out.flush();
            return 0;
        }
    }

    /** Returns the summary line of a run. */
    static String line(ScoreRun r) {
        return String.format(Locale.ROOT, "score as_of=%s accounts=%d history_rows=%d model=%s miss_model=%s"
                        + " seconds=%.2f", r.asOf(), r.accounts(), r.historyRows(),
                r.modelId() == null ? "interim" : r.modelId() + "/v" + r.modelVersion(),
                r.missModelId() == null ? "none" : r.missModelId(), r.seconds());
    }
}
