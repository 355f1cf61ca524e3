package dev.arrears.cli;

import dev.arrears.audit.AuditKind;
import dev.arrears.audit.AuditRecord;
import dev.arrears.audit.AuditTrail;
import dev.arrears.audit.AuditVerification;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code arrears bench audit --entries N}: appends N audit entries shaped like dispatch's (a job, an account, a
 * channel, a provider id hash) with {@code recordAll} in transactions of {@code --batch} entries from
 * {@code --threads} threads, with the scheduled sealer off; then seals them all, then verifies the whole chain.
 * Runs on a fresh embedded database under {@code ./data/bench-postgres} unless {@code ARREARS_DB_URL} names a
 * server. The last line is {@code audit-bench entries=<n> append_per_second=<a> verify_per_second=<v>}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Times appending, sealing and verifying audit entries.")
class BenchAuditCommand implements Callable<Integer> {

    @Option(names = "--entries", defaultValue = "200000", description = "Entries to append (default ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--batch", defaultValue = "100",
            description = "Entries per transaction, appended with one recordAll (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "2", description = "Appending threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (entries < 1 || batch < 1 || threads < 1) {
            System.err.println("--entries, --batch and --threads must be at least 1");
            return 2;
        }
        try (ConfigurableApplicationContext context = Contexts.startForBench("./data/bench-postgres", true,
                Map.of("arrears.audit.sealer.enabled", "false", "arrears.strategies.install-shipped", "false"))) {
            return bench(context.getBean(AuditTrail.class),
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class)), System.out);
        }
    }

    /** Appends, seals and verifies, printing a line per phase and the summary last; returns the exit code. */
    int bench(AuditTrail trail, TransactionTemplate transactions, PrintStream out) throws Exception {
        AtomicLong next = new AtomicLong();
        long appending = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(batch)) < entries) {
                        List<AuditRecord> records = new ArrayList<>(batch);
                        for (long i = first; i < Math.min(first + batch, entries); i++) {
                            records.add(record(i));
                        }
                        transactions.executeWithoutResult(tx -> trail.recordAll(records));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double appendSeconds = seconds(appending);
        out.printf(Locale.ROOT, "appended %d entries in %.2f s, %d per transaction, %d threads%n", entries,
                appendSeconds, batch, threads);

        long sealing = System.nanoTime();
        long sealed = trail.seal();
        double sealSeconds = seconds(sealing);
        out.printf(Locale.ROOT, "sealed %d entries in %.2f s (seal_per_second=%d)%n", sealed, sealSeconds,
                Math.round(sealed / sealSeconds));

        long verifying = System.nanoTime();
        AuditVerification verification = trail.verify();
        double verifySeconds = seconds(verifying);
        out.printf(Locale.ROOT, "verified in %.2f s: %s%n", verifySeconds, verification.line());
        out.println(summary(entries, entries / appendSeconds, verification.entries() / verifySeconds));
        return verification.ok() ? 0 : 1;
    }

    /** Returns the last line: entries, append and verify rates per second. */
    static String summary(long entries, double appendPerSecond, double verifyPerSecond) {
        return "audit-bench entries=" + entries + " append_per_second=" + Math.round(appendPerSecond)
                + " verify_per_second=" + Math.round(verifyPerSecond);
    }

    private static AuditRecord record(long i) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", 1_000_000 + i);
        details.put("accountId", 10_000 + i % 50_000);
        details.put("channel", "SMS");
        details.put("outcome", "SUBMITTED");
        details.put("providerIdSha256", "9f2c4e7a1b3d5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7");
        return new AuditRecord(AuditKind.CONTACT_ATTEMPT, "dispatch", "account", Long.toString(10_000 + i % 50_000),
                details, null);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
