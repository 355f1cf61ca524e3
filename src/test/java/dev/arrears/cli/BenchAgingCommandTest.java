package dev.arrears.cli;

import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@SpringBootTest
class BenchAgingCommandTest {

    @Autowired
    Ledger ledger;

    @Autowired
    DataSource dataSource;

    @Test
    void summarisesTheMedianOfAnEvenNumberOfRunsAsTheMeanOfTheMiddleTwo() {
        assertThat(BenchAgingCommand.summary(1_000_000, new double[] {40.2, 10.0, 30.0, 20.0}))
                .isEqualTo("aging accounts=1000000 median_ms=25 max_ms=40 target_ms=1000");
    }

    @Test
    void summarisesTheMiddleRunOfAnOddNumber() {
        assertThat(BenchAgingCommand.summary(7, new double[] {900.0, 1500.6, 3.0}))
                .isEqualTo("aging accounts=7 median_ms=900 max_ms=1501 target_ms=1000");
    }

    @Test
    void importsThePortfolioTimesEachRunAndEndsWithTheSummaryLine() throws Exception {
        BenchAgingCommand command = new BenchAgingCommand();
        command.accounts = 2000;
        command.billsPerAccount = 3;
        command.seed = 1;
        command.runs = 3;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int code = command.bench(ledger, dataSource, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(code).isZero();
        assertThat(lines).anyMatch(line -> line.startsWith("imported kind=accounts lines=2000 records=2000"
                + " created=2000 "));
        assertThat(lines).anyMatch(line -> line.startsWith("imported kind=bills") && line.contains("created=6000 "));
        assertThat(lines).filteredOn(line -> line.matches("run \\d aging today ms=\\d+\\.\\d")).hasSize(3);
        assertThat(lines.getLast()).matches("aging accounts=2000 median_ms=\\d+ max_ms=\\d+ target_ms=1000");
    }
}
