package dev.arrears.cli;

import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code arrears cycle …}: the collection cycle from the command line. */
@Command(name = "cycle", mixinStandardHelpOptions = true, description = "Runs the collection cycle.",
        subcommands = {CycleCommand.Run.class})
class CycleCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@code arrears cycle run [--as-of D]}: runs the cycle for a date (today by default) with a progress bar on
     * the terminal, resuming that date's run if one was left unfinished; the last line is
     * {@code cycle id=… as_of=… state=DONE accounts=… actions=… opened=… closed=… seconds=…}.
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Opens and closes cases and plans the actions due on a date (resumes an unfinished run).")
    static class Run implements Callable<Integer> {

        @Option(names = "--as-of", paramLabel = "DATE", description = "ISO date (default: today, UTC).")
        LocalDate asOf;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                LocalDate date = asOf != null ? asOf : LocalDate.now(context.getBean(Clock.class));
                PrintWriter out = spec.commandLine().getOut();
                Progress bar = new Progress(System.console() != null);
                CycleView done = context.getBean(Cycles.class).run(date, "cli", bar::show);
                bar.end();
                out.println(line(done));
                out.flush();
                return "DONE".equals(done.state()) ? 0 : 1;
            }
        }
    }

    /** Returns the summary line of a run. */
    static String line(CycleView v) {
        return String.format(Locale.ROOT, "cycle id=%d as_of=%s state=%s accounts=%d actions=%d opened=%d closed=%d"
                        + " seconds=%.2f", v.id(), v.asOf(), v.state(), v.accountsEvaluated(), v.actionsPlanned(),
                v.casesOpened(), v.casesClosed(), v.elapsedSeconds());
    }

    /** A one-line progress bar on stderr: redrawn in place on a terminal, every 10% otherwise. */
    static final class Progress {
        private final boolean terminal;
        private int lastTenth = -1;

        Progress(boolean terminal) {
            this.terminal = terminal;
        }

        void show(CycleView v) {
            int width = 30;
            double share = v.partitions() == 0 ? 1 : (double) v.partitionsDone() / v.partitions();
            int filled = (int) Math.round(share * width);
            String text = String.format(Locale.ROOT, "[%s%s] %3d%% partitions %d/%d accounts %,d actions %,d %.1fs",
                    "#".repeat(filled), ".".repeat(width - filled), Math.round(share * 100), v.partitionsDone(),
                    v.partitions(), v.accountsEvaluated(), v.actionsPlanned(), v.elapsedSeconds());
            if (terminal) {
                System.err.print("\r" + text);
            } else if ((int) (share * 10) != lastTenth) {
                lastTenth = (int) (share * 10);
                System.err.println(text);
            }
            System.err.flush();
        }

        void end() {
            if (terminal) {
                System.err.println();
            }
        }
    }
}
