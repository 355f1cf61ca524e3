package dev.arrears.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreEvaluateCommandTest {

    private static final String GERMAN = "src/test/resources/scoring/german-credit.csv";
    private static final Pattern LAST = Pattern.compile(
            "score auc=(0\\.\\d{4}) ks=(0\\.\\d{4}) gini=(-?0\\.\\d{4}) folds=5 rows=1000");
    private static final Pattern POOLED = Pattern.compile(
            "pooled out-of-fold auc: \\w+ (0\\.\\d{4}), plain logistic regression on raw features (0\\.\\d{4}).*");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void scorecardOnGermanCreditMatchesOrBeatsThePlainLogisticBaseline() {
        int code = run("score", "evaluate", "--data", GERMAN, "--target", "class", "--bad", "bad");

        assertThat(code).isZero();
        List<String> lines = lines();
        Matcher last = LAST.matcher(lines.getLast());
        assertThat(last.matches()).as(lines.getLast()).isTrue();
        double auc = Double.parseDouble(last.group(1));
        assertThat(Double.parseDouble(last.group(3))).isCloseTo(2 * auc - 1, org.assertj.core.api.Assertions.within(
                0.0002));
        Matcher pooled = lines.stream().map(POOLED::matcher).filter(Matcher::matches).findFirst().orElseThrow();
        double baseline = Double.parseDouble(pooled.group(2));
        assertThat(Double.parseDouble(pooled.group(1))).isEqualTo(auc);
        assertThat(auc).isGreaterThanOrEqualTo(baseline - 0.005).isGreaterThan(0.75);
        assertThat(lines).anyMatch(l -> l.startsWith("fold 5: rows=200 bad=60 auc="));
        assertThat(lines).anyMatch(l -> l.matches("\\s+10\\s+100\\s+0\\.\\d{4}\\s+0\\.\\d{4}"));
        assertThat(lines).anyMatch(l -> l.matches("\\s+checking_status\\s+0\\.\\d{4} \\*"));
    }

    @Test
    void docsShowTheResultTheCommandGivesOnGermanCredit() throws IOException {
        run("score", "evaluate", "--data", GERMAN, "--target", "class", "--bad", "bad");
        String docs = Files.readString(Path.of("docs/scoring.md"));
        assertThat(docs).contains("    " + lines().getLast() + "\n");
        for (String line : lines().subList(2, lines().size())) {
            assertThat(docs).contains(line);
        }
    }

    @Test
    void challengerOnGermanCreditRanksWellAndRepeatsWithTheSeed() {
        int code = run("score", "evaluate", "--data", GERMAN, "--target", "class", "--bad", "bad", "--model",
                "challenger", "--seed", "3");
        assertThat(code).isZero();
        String first = lines().getLast();
        Matcher last = LAST.matcher(first);
        assertThat(last.matches()).as(first).isTrue();
        assertThat(Double.parseDouble(last.group(1))).isGreaterThan(0.70);

        out.getBuffer().setLength(0);
        run("score", "evaluate", "--data", GERMAN, "--target", "class", "--bad", "bad", "--model", "challenger",
                "--seed", "3");
        assertThat(lines().getLast()).isEqualTo(first);
    }

    @Test
    void badInputExitsTwoNamingTheLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "a,b,outcome\n1,x,bad\n2,y,\n3,z,good\n");

        int code = run("score", "evaluate", "--data", file.toString(), "--target", "outcome", "--bad", "bad");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("line 3, column 3 (outcome): the target value is missing")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownTargetColumnAndMissingFileExitTwo(@TempDir Path dir) {
        assertThat(run("score", "evaluate", "--data", GERMAN, "--target", "klass", "--bad", "bad")).isEqualTo(2);
        assertThat(err.toString()).contains("the header has no target column klass");
        assertThat(run("score", "evaluate", "--data", dir.resolve("none.csv").toString(), "--target", "class",
                "--bad", "bad")).isEqualTo(2);
        assertThat(err.toString()).contains("none.csv: no such file");
        assertThat(run("score", "evaluate", "--data", GERMAN, "--target", "class", "--bad", "bad", "--model",
                "forest")).isEqualTo(2);
        assertThat(err.toString()).contains("--model is scorecard or challenger");
    }
}
