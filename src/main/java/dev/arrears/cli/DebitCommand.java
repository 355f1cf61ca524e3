package dev.arrears.cli;

import dev.arrears.bank.DebitViews.BatchDetail;
import dev.arrears.bank.DirectDebits;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code arrears debit prepare [--date D] [--out FILE]}: prepares the direct debit collections of a date (today in
 * the creditor bank's zone by default) as a pain.008.001.08 file, checked against the ISO schema and stored; writes
 * the file to {@code --out} when given, and prints one line,
 * {@code debit batch=7 message=ARR-DD-20261205-7 date=2026-12-05 transactions=12 sums=EUR:1234.50}, or
 * {@code debit nothing to collect on 2026-12-05}.
 */
@Command(name = "debit", mixinStandardHelpOptions = true, subcommands = DebitCommand.Prepare.class,
        description = "Direct debits: prepare the pain.008 collection file of a date.")
class DebitCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Plans the collections due by a date under active mandates and stores their pain.008 file.")
    static class Prepare implements Callable<Integer> {

        @Option(names = "--date", paramLabel = "DATE",
                description = "Requested collection date (default: today in the creditor bank's zone).")
        LocalDate date;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the pain.008 file here.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                DirectDebits debits = context.getBean(DirectDebits.class);
                LocalDate on = date == null ? debits.today() : date;
                Optional<BatchDetail> batch = debits.prepare(on, "cli");
                PrintWriter printer = spec.commandLine().getOut();
                if (batch.isEmpty()) {
                    printer.println("debit nothing to collect on " + on);
                } else {
                    var b = batch.get().batch();
                    if (out != null) {
                        Files.writeString(out, debits.file(b.id()), StandardCharsets.UTF_8);
                    }
                    printer.println("debit batch=" + b.id() + " message=" + b.messageId() + " date="
                            + b.collectionDate() + " transactions=" + b.transactions() + " sums="
                            + b.controlSums().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(",")));
                }
                printer.flush();
            }
            return 0;
        }
    }
}
