package dev.arrears.cli;

import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.Dispatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code arrears dispatch …}: sending the due contacts from the command line. */
@Command(name = "dispatch", mixinStandardHelpOptions = true, description = "Sends the due planned contacts.",
        subcommands = {DispatchCommand.Run.class})
class DispatchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@code arrears dispatch run [--once] [--workers N]}: with {@code --once}, turns due planned contacts into jobs
     * and call tasks and sends everything that may go now, then prints
     * {@code dispatch queued=… call_tasks=… sent=… deferred=… blocked=… cancelled=… failed=… retried=… fell_back=…
     * uncertain=… taken_over=… seconds=…}; without it, runs the dispatch loop until stopped (Ctrl-C, SIGTERM).
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Sends due contacts: once (--once) or as a loop of workers until stopped.")
    static class Run implements Callable<Integer> {

        @Option(names = "--once", description = "One pass: send what may go now, then exit.")
        boolean once;

        @Option(names = "--workers", paramLabel = "N", description = "Worker threads of the loop (default 2).")
        Integer workers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (workers != null && (workers < 1 || workers > 64)) {
                spec.commandLine().getErr().println("--workers: must be from 1 to 64, not " + workers);
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                Dispatch dispatch = context.getBean(Dispatch.class);
                if (once) {
                    long started = System.nanoTime();
                    DispatchReport r = dispatch.runOnce();
                    out.println(line(r, (System.nanoTime() - started) / 1e9));
                    out.flush();
                    return 0;
                }
                CountDownLatch stopped = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    dispatch.stopLoop();
                    stopped.countDown();
                });
                Runtime.getRuntime().addShutdownHook(hook);
                dispatch.startLoop(workers == null ? dispatch.workers() : workers);
                out.println("dispatch running; stop with Ctrl-C");
                out.flush();
                stopped.await();
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /** Returns the summary line of a pass. */
    static String line(DispatchReport r, double seconds) {
        return String.format(Locale.ROOT, "dispatch queued=%d call_tasks=%d sent=%d deferred=%d blocked=%d"
                        + " cancelled=%d failed=%d retried=%d fell_back=%d uncertain=%d taken_over=%d seconds=%.2f",
                r.queued(), r.callTasks(), r.sent(), r.deferred(), r.blocked(), r.cancelled(), r.failed(),
                r.retried(), r.fellBack(), r.uncertain(), r.takenOver(), seconds);
    }
}
