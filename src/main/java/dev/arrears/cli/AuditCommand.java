package dev.arrears.cli;

import dev.arrears.audit.AuditTrail;
import dev.arrears.audit.AuditVerification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code arrears audit …}: the audit trail from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Checks the audit trail.",
        subcommands = AuditCommand.Verify.class)
class AuditCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@code arrears audit verify}: seals the entries still pending, then walks the whole chain recomputing every
     * link. Prints the chain's head (note it down: a later run whose chain no longer reaches it shows that entries
     * were cut off the end), the time taken, and last {@code audit entries=<n> ok} (exit code 0) or
     * {@code audit broken at entry=<k>} (exit code 1), k being the position of the first entry that does not verify.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Seals pending entries, then verifies the whole audit chain.")
    static class Verify implements Callable<Integer> {

        @Override
        public Integer call() {
            AuditVerification result;
            long started;
            long elapsed;
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                started = System.nanoTime();
                result = context.getBean(AuditTrail.class).verify();
                elapsed = System.nanoTime() - started;
            }
            return print(result, elapsed, System.out);
        }

        /** Prints the result, its last line exactly {@link AuditVerification#line()}; returns the exit code. */
        static int print(AuditVerification result, long elapsedNanos, PrintStream out) {
            double seconds = elapsedNanos / 1e9;
            out.printf(Locale.ROOT, "audit walked %d entries in %.2f s%n", result.entries(), seconds);
            if (result.ok()) {
                out.println("audit head position=" + result.entries() + " link=" + result.headLink());
            } else if (result.brokenAt() == 1) {
                out.println("audit the first entry does not verify: if ARREARS_AUDIT_KEY changed, set the key "
                        + "the chain was sealed with");
            }
            out.println(result.line());
            out.flush();
            return result.ok() ? 0 : 1;
        }
    }
}
