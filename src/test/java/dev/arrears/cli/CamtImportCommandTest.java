package dev.arrears.cli;

import dev.arrears.bank.BankViews.ImportOutcome;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.domain.CamtKind;
import dev.arrears.bank.domain.CamtParser;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CamtImportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static ImportView view(int posted) {
        return new ImportView(12, "s.xml", "ab".repeat(32), "camt053", "camt.053.001.08", "MSG", 8, 7, 0, 1, 1, 0,
                posted, 1, 0, "cli:me", Instant.parse("2026-11-23T04:00:00Z"));
    }

    private int run(ImportCommand.CamtImporter importer) throws Exception {
        Path file = Files.writeString(dir.resolve("s.xml"), "<Document/>");
        return ImportCommand.runCamt(importer, CamtKind.CAMT053, file,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importedFile_printsTheSummaryLine() throws Exception {
        int code = run(in -> new ImportOutcome(false, view(6), 1.234));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("imported kind=camt053 import=12"
                + " schema=camt.053.001.08 entries=8 credits=7 posted=6 unmatched=1 duplicates=0 returns=0 reversed=0"
                + " ignored=2 seconds=1.23" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void sameFileAgain_saysNothingWasPosted() throws Exception {
        int code = run(in -> new ImportOutcome(true, view(6), 0.01));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already imported").contains("nothing posted");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already_imported=true posted=0");
    }

    @Test
    void badFile_printsEachProblemWithLineAndColumnAndExitsOne() throws Exception {
        int code = run(in -> {
            throw new InvalidInputException(List.of(FieldError.atLine(12, "7", "malformed XML: unexpected end"),
                    FieldError.atLine(30, "9", "amount '1.234' is not a valid amount in EUR")));
        });

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "line 12, column 7: malformed XML: unexpected end",
                "line 30, column 9: amount '1.234' is not a valid amount in EUR",
                "nothing imported: " + dir.resolve("s.xml") + " is not a usable camt.053 file");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void camtKindWithSkipInvalidOrMissingFile_isExitCodeTwo() {
        StringWriter ignored = new StringWriter();
        CommandLine line = new CommandLine(new ImportCommand());
        line.setErr(new java.io.PrintWriter(ignored));

        assertThat(line.execute("camt053", dir.resolve("missing.xml").toString())).isEqualTo(2);
        assertThat(line.execute("camt054", dir.toString(), "--skip-invalid")).isEqualTo(2);
    }

    @Test
    void benchStatement_isAValidCamt053WithTheAdvertisedMix() throws Exception {
        BenchCamtCommand.Portfolio portfolio = new BenchCamtCommand.Portfolio("BX", 50, 1, LocalDate.of(2026, 11, 23));
        Path file = dir.resolve("bench.xml");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            portfolio.writeStatement(writer, 200, LocalDate.of(2026, 11, 22));
        }

        var parsed = new CamtParser().parse(CamtKind.CAMT053, Files.newInputStream(file));

        assertThat(parsed.entries()).isEqualTo(200);
        assertThat(parsed.debitsIgnored()).isEqualTo(2);
        assertThat(parsed.credits()).hasSize(198);
        assertThat(parsed.credits().get(12).structuredRefs().getFirst()).startsWith("RF");
        assertThat(BenchCamtCommand.Portfolio.name(0)).isNotEqualTo(BenchCamtCommand.Portfolio.name(20));
        assertThat(portfolio.batch().customers()).hasSize(50);
    }
}
