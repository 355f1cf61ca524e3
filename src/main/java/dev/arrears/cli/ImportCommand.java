package dev.arrears.cli;

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
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports a CSV file: customers, accounts, bills, payments or adjustments (see docs/import.md).")
class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "customers, accounts, bills, payments or adjustments")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the CSV file (UTF-8, header line first)")
    Path file;

    @Option(names = "--skip-invalid", description = "Write the good lines and report the bad ones (exit code 0).")
    boolean skipInvalid;

    @Override
    public Integer call() {
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
