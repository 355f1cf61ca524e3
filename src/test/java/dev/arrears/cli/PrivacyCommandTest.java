package dev.arrears.cli;

import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.privacy.PersonalDataExport;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    private static final byte[] JSON = "{\"customer\": {}}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-11-23T04:00:00Z");

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportToAFile_writesTheBytesAndExitsZero() throws Exception {
        Path file = dir.resolve("c.json");

        int code = PrivacyCommand.export(ref -> new PersonalDataExport(7, ref, JSON, "ab12"), "CUST-7", file, stdout,
                stderr);

        assertThat(code).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(JSON);
        assertThat(out()).isEqualTo("exported customer=CUST-7 id=7 bytes=16 sha256=ab12 file=" + file
                + System.lineSeparator());
    }

    @Test
    void exportWithoutAFile_printsTheJsonOnStdoutAndTheSummaryOnStderr() {
        int code = PrivacyCommand.export(ref -> new PersonalDataExport(7, ref, JSON, "ab12"), "CUST-7", null, stdout,
                stderr);

        assertThat(code).isZero();
        assertThat(out()).isEqualTo("{\"customer\": {}}");
        assertThat(err()).startsWith("exported customer=CUST-7 id=7 bytes=16 sha256=ab12");
    }

    @Test
    void unknownCustomer_exitsTwoNamingTheOption() {
        int export = PrivacyCommand.export(ref -> {
            throw new NotFoundException("No customer with external reference 'NOBODY'");
        }, "NOBODY", null, stdout, stderr);
        int erase = PrivacyCommand.erase(ref -> {
            throw new NotFoundException("No customer with external reference 'NOBODY'");
        }, "NOBODY", stdout, stderr);

        assertThat(export).isEqualTo(2);
        assertThat(erase).isEqualTo(2);
        assertThat(err()).startsWith("--customer: No customer with external reference 'NOBODY'");
        assertThat(out()).isEmpty();
    }

    @Test
    void erasure_exitsZeroTheFirstTimeAndOnARepeat() {
        int first = PrivacyCommand.erase(ref -> new ErasureView(7, ref, AT, true), "CUST-7", stdout, stderr);
        int again = PrivacyCommand.erase(ref -> new ErasureView(7, ref, AT, false), "CUST-7", stdout, stderr);

        assertThat(first).isZero();
        assertThat(again).isZero();
        assertThat(out().lines()).containsExactly("erased customer=CUST-7 id=7 at=2026-11-23T04:00:00Z",
                "already erased customer=CUST-7 id=7 at=2026-11-23T04:00:00Z");
    }

    @Test
    void refusedReason_exitsTwoNamingTheOption() {
        int code = PrivacyCommand.erase(ref -> {
            throw new InvalidInputException(FieldError.at("/reason", "is 600 characters long; at most 500 are kept"));
        }, "CUST-7", stdout, stderr);

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("--reason: is 600 characters long; at most 500 are kept" + System.lineSeparator());
    }

    @Test
    void missingOrBlankOptions_exitTwoBeforeStartingAnything() {
        assertThat(execute("erase", "--customer", "CUST-7")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--reason=TEXT'");
        assertThat(execute("erase", "--customer", "CUST-7", "--reason", "  ")).isEqualTo(2);
        assertThat(err()).contains("--reason: is required");
        assertThat(execute("export", "--out", "x.json")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--customer=REF'");
        assertThat(execute("export", "--customer", "CUST-7", "--out", dir.resolve("missing/c.json").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("--out: no such directory");
    }

    /** Runs the privacy command as the launcher does, with stderr captured. */
    private int execute(String... args) {
        CommandLine commandLine = new CommandLine(new PrivacyCommand());
        commandLine.setErr(new java.io.PrintWriter(stderr, true));
        PrintStream before = System.err;
        System.setErr(stderr);
        try {
            return commandLine.execute(args);
        } finally {
            System.setErr(before);
        }
    }
}
