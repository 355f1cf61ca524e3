package dev.arrears.cli;

import dev.arrears.bank.BankReconciliation;
import dev.arrears.bank.BankViews.ImportOutcome;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.domain.CamtKind;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import dev.arrears.shared.FieldError;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears import KIND FILE.csv [--skip-invalid]}: loads a CSV file into the ledger. Bad lines are printed
 * on stderr as {@code line 3, column timeZone: …}; without {@code --skip-invalid} nothing is written and the exit
 * code is 1, with it the good records are written, a warning names how many were skipped, and the exit code is 0.
 * {@code arrears import camt053|camt054 FILE.xml} reconciles a bank statement or notification instead
 * (docs/bank.md): a file with problems prints each with its line and column, posts nothing and exits with 1.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports a CSV file (customers, accounts, bills, payments or adjustments; see docs/import.md)"
                + " or a camt.053/camt.054 bank file (camt053, camt054; see docs/bank.md).")
class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND",
            description = "customers, accounts, bills, payments, adjustments, camt053 or camt054")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE",
            description = "the CSV file (UTF-8, header line first) or the camt XML file")
    Path file;

    @Option(names = "--skip-invalid", description = "Write the good lines and report the bad ones (exit code 0).")
    boolean skipInvalid;

    @Override
    public Integer call() {
        CamtKind camt = CamtKind.parse(kind);
        if (camt != null) {
            return callCamt(camt);
        }
        ImportKind importKind;
        try {
            importKind = ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("no such file: " + file);
            return 2;
        }
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            Ledger ledger = context.getBean(Ledger.class);
            return run(in -> ledger.importCsv(importKind, in, skipInvalid), importKind, file, System.out, System.err);
        }
    }

    private int callCamt(CamtKind camt) {
        if (skipInvalid) {
            System.err.println("--skip-invalid does not apply to camt files: a bank file is reconciled whole or not at all");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("no such file: " + file);
            return 2;
        }
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            BankReconciliation bank = context.getBean(BankReconciliation.class);
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            return runCamt(in -> bank.importFile(camt, file.getFileName().toString(), in, actor), camt, file,
                    System.out, System.err);
        }
    }

    /** Reconciles an open camt file; the bank module's import, or a stand-in in tests. */
    interface CamtImporter {
        ImportOutcome importFile(InputStream in);
    }

    /** Reconciles a camt file and prints the problems or the summary; returns the exit code. */
    static int runCamt(CamtImporter importer, CamtKind kind, Path file, PrintStream out, PrintStream err) {
        ImportOutcome outcome;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            outcome = importer.importFile(in);
        } catch (IOException e) {
            err.println("could not read " + file + ": " + e.getMessage());
            return 1;
        } catch (dev.arrears.shared.InvalidInputException e) {
            for (FieldError error : e.errors()) {
                err.println(camtMessage(error));
            }
            err.println("nothing imported: " + file + " is not a usable " + kind.name().toLowerCase(Locale.ROOT)
                    .replace("camt0", "camt.0") + " file");
            return 1;
        }
        ImportView v = outcome.imported();
        if (outcome.alreadyImported()) {
            err.println("already imported: " + file + " is import " + v.id() + " of " + v.importedAt() + " (same SHA-256);"
                    + " nothing posted");
        }
        out.println(camtSummary(kind, outcome));
        return 0;
    }

    /** Returns a camt problem as printed: {@code line 12, column 7: …}. */
    static String camtMessage(FieldError error) {
        return error.column() == null ? "line " + error.line() + ": " + error.detail()
                : "line " + error.line() + ", column " + error.column() + ": " + error.detail();
    }

    /** Returns the camt summary line: {@code imported kind=camt053 import=… entries=… posted=… unmatched=… …}. */
    static String camtSummary(CamtKind kind, ImportOutcome outcome) {
        ImportView v = outcome.imported();
        if (outcome.alreadyImported()) {
            return String.format(Locale.ROOT, "imported kind=%s import=%d schema=%s already_imported=true posted=0"
                    + " seconds=%.2f", kind.code(), v.id(), v.schema(), outcome.seconds());
        }
        return String.format(Locale.ROOT, "imported kind=%s import=%d schema=%s entries=%d credits=%d posted=%d"
                        + " unmatched=%d duplicates=%d returns=%d reversed=%d ignored=%d seconds=%.2f", kind.code(),
                v.id(), v.schema(), v.entries(), v.credits(), v.posted(), v.unmatched(), v.duplicates(), v.returns(),
                v.reversed(), v.notBooked() + v.debitsIgnored(), outcome.seconds());
    }

    /** Imports an open file; the ledger's CSV import, or a stand-in in tests. */
    interface Importer {
        ImportResult importFile(InputStream in);
    }

    /** Imports the file and prints the errors and the summary; returns the exit code. */
    static int run(Importer importer, ImportKind kind, Path file, PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        ImportResult result;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            result = importer.importFile(in);
        } catch (IOException e) {
            err.println("could not read " + file + ": " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (FieldError error : result.errors()) {
            err.println(error.fileMessage());
        }
        if (!result.written()) {
            err.println("nothing imported: " + file + " has " + result.errors().size()
                    + " problem(s); fix them or use --skip-invalid to load the good lines");
            return 1;
        }
        if (result.skipped() > 0) {
            err.println("warning: skipped " + result.skipped() + " invalid record(s); the other records were imported");
        }
        out.println(summary(kind, result, seconds));
        return 0;
    }

    /** Returns the summary line: {@code imported kind=bills lines=… records=… created=… …}. */
    static String summary(ImportKind kind, ImportResult result, double seconds) {
        return String.format(Locale.ROOT, "imported kind=%s lines=%d records=%d created=%d unchanged=%d skipped=%d"
                        + " seconds=%.2f", kind.name().toLowerCase(Locale.ROOT), result.lines(), result.records(),
                result.created(), result.unchanged(), result.skipped(), seconds);
    }
}
