package dev.arrears.cli;

import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ImportResult result) throws Exception {
        Path file = Files.writeString(dir.resolve("customers.csv"), "externalRef\n");
        return ImportCommand.run(in -> result, ImportKind.CUSTOMERS, file,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsEveryBadLineOnStderrAndExitsOneWhenNothingWasWritten() throws Exception {
        int code = run(new ImportResult(false, 4, 4, 0, 0, 4, List.of(
                FieldError.atLine(3, "timeZone", "unknown time zone 'Mars/Olympus'"),
                FieldError.atLine(5, "type", "'ROBOT' is not one of PERSON, BUSINESS"))));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).startsWith(
                "line 3, column timeZone: unknown time zone 'Mars/Olympus'",
                "line 5, column type: 'ROBOT' is not one of PERSON, BUSINESS");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void warnsAboutSkippedLinesAndExitsZeroWithSkipInvalid() throws Exception {
        int code = run(new ImportResult(true, 4, 4, 3, 0, 1,
                List.of(FieldError.atLine(3, "timeZone", "unknown time zone 'Mars/Olympus'"))));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3, column timeZone:")
                .contains("warning: skipped 1 invalid record(s)");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("imported kind=customers lines=4 records=4 created=3 unchanged=0 skipped=1 seconds=\\d+\\.\\d\\d\\R");
    }

    @Test
    void printsTheSummaryLine() {
        assertThat(ImportCommand.summary(ImportKind.BILLS, new ImportResult(true, 3_000_000, 1_000_000, 999_000, 1_000,
                0, List.of()), 12.345))
                .isEqualTo("imported kind=bills lines=3000000 records=1000000 created=999000 unchanged=1000 skipped=0"
                        + " seconds=12.35");
    }

    @Test
    void benchDataIsTheSameForTheSameSeedWithAboutThreeLineItemsPerBill() throws Exception {
        long rows = new BenchData(5, "x-", 100).writeBills(dir.resolve("a.csv"), 2_000);
        new BenchData(5, "x-", 100).writeBills(dir.resolve("b.csv"), 2_000);

        assertThat(Files.readAllBytes(dir.resolve("a.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("b.csv")));
        assertThat(rows).isBetween(5_700L, 6_300L);
        assertThat(Files.readAllLines(dir.resolve("a.csv"))).hasSize((int) rows + 1);
    }
}
