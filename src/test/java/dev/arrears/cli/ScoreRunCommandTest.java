package dev.arrears.cli;

import dev.arrears.scoring.ScoreViews.ScoreRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreRunCommandTest {

    @Test
    void summaryLine_namesTheModelsOrTheInterimRule() {
        assertThat(ScoreRunCommand.line(new ScoreRun(LocalDate.of(2026, 11, 23), 1000, 12, 4L, 2, null, 1.234)))
                .isEqualTo("score as_of=2026-11-23 accounts=1000 history_rows=12 model=4/v2 miss_model=none"
                        + " seconds=1.23");
        assertThat(ScoreRunCommand.line(new ScoreRun(LocalDate.of(2026, 11, 23), 5, 0, null, null, 9L, 0.5)))
                .contains("model=interim miss_model=9");
    }

    @Test
    void scoreRunIsASubcommandOfScoreWithAnAsOfOption() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ArrearsCommand()).setOut(new PrintWriter(out))
                .execute("score", "run", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--as-of=DATE");
    }
}
