package dev.arrears.cli;

import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.privacy.PersonalData;
import dev.arrears.privacy.PersonalDataExport;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code arrears privacy …}: a customer's personal data rights from the command line, run as the operator (the
 * actor "cli" in the audit trail). Exit codes: 0 done, 1 the file could not be written, 2 bad input (the option is
 * named: an unknown customer, a blank reason, a missing directory).
 */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Exports or erases one customer's personal data (see docs/privacy.md).",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
class PrivacyCommand implements Runnable {

    /** The actor of exports and erasures made from the command line. */
    static final String ACTOR = "cli";

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@code arrears privacy export --customer REF [--out FILE]}: writes the export's JSON to the file (or stdout);
     * the summary line {@code exported customer=… id=… bytes=… sha256=…} goes to stdout with a file, else to stderr.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Exports everything held about a customer as JSON.")
    static class Export implements Callable<Integer> {

        @Option(names = "--customer", required = true, paramLabel = "REF",
                description = "The customer's external reference.")
        String customer;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of stdout.")
        Path out;

        @Override
        public Integer call() {
            if (out != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
                System.err.println("--out: no such directory: " + out.toAbsolutePath().getParent());
                return 2;
            }
            PrintStream stdout = System.out;
            if (out == null) {
                // Stdout carries the JSON alone: start-up notices and log lines go to stderr meanwhile.
                System.setOut(System.err);
            }
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                PersonalData personalData = context.getBean(PersonalData.class);
                return export(ref -> personalData.export(ref, ACTOR, "cli privacy export"), customer, out,
                        stdout, System.err);
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /**
     * {@code arrears privacy erase --customer REF --reason TEXT}: erases the customer's personal data; the last line
     * is {@code erased customer=… id=… at=…}, or {@code already erased …} when an earlier erasure did it (exit 0).
     */
    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erases a customer's personal data, keeping what accounting law requires.")
    static class Erase implements Callable<Integer> {

        @Option(names = "--customer", required = true, paramLabel = "REF",
                description = "The customer's external reference.")
        String customer;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why: the customer's request, the law that requires it (kept in the audit trail).")
        String reason;

        @Override
        public Integer call() {
            if (reason.isBlank()) {
                System.err.println("--reason: is required: say why the data is erased");
                return 2;
            }
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                PersonalData personalData = context.getBean(PersonalData.class);
                return erase(ref -> personalData.erase(ref, reason, ACTOR), customer, System.out, System.err);
            }
        }
    }

    /** Exports and writes the JSON, then prints the summary; returns the exit code. */
    static int export(Function<String, PersonalDataExport> exporter, String customer, Path out, PrintStream stdout,
                      PrintStream stderr) {
        PersonalDataExport export;
        try {
            export = exporter.apply(customer);
        } catch (NotFoundException e) {
            stderr.println("--customer: " + e.getMessage());
            return 2;
        }
        String summary = "exported customer=" + customer + " id=" + export.customerId() + " bytes="
                + export.json().length + " sha256=" + export.sha256();
        if (out == null) {
            // Exactly the bytes whose SHA-256 was announced (no line end added), so that sha256sum agrees.
            stdout.write(export.json(), 0, export.json().length);
            stdout.flush();
            stderr.println(summary);
            return 0;
        }
        try {
            Files.write(out, export.json());
        } catch (IOException e) {
            stderr.println("could not write " + out + ": " + e.getMessage());
            return 1;
        }
        stdout.println(summary + " file=" + out);
        return 0;
    }

    /** Erases and prints the outcome; returns the exit code. */
    static int erase(Function<String, ErasureView> eraser, String customer, PrintStream stdout, PrintStream stderr) {
        ErasureView erasure;
        try {
            erasure = eraser.apply(customer);
        } catch (NotFoundException e) {
            stderr.println("--customer: " + e.getMessage());
            return 2;
        } catch (InvalidInputException e) {
            for (FieldError error : e.errors()) {
                stderr.println("--" + error.pointer().substring(error.pointer().lastIndexOf('/') + 1) + ": "
                        + error.detail());
            }
            return 2;
        }
        stdout.println((erasure.erasedNow() ? "erased" : "already erased") + " customer=" + customer + " id="
                + erasure.customerId() + " at=" + erasure.erasedAt());
        return 0;
    }
}
