package dev.arrears.cli;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AgingBucket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgingCommandTest {

    @Test
    void printsAlignedRowsThenTotalsPerCurrency() {
        AgingReport report = new AgingReport(null, List.of(
                new AgingRow(AgingBucket.D181_PLUS, ProductLine.B2B_INVOICE, "USD", 3, 12345678, 12345678),
                new AgingRow(AgingBucket.CURRENT, ProductLine.TELECOM_POSTPAID, "CNY", 120, 1234500, 0),
                new AgingRow(AgingBucket.D1_30, ProductLine.TELECOM_POSTPAID, "CNY", 12, 123400, 100000)));

        List<String> lines = AgingCommand.lines(report);

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("BUCKET").contains("PRODUCT LINE", "CURRENCY", "ACCOUNTS", "BALANCE",
                "OVERDUE");
        assertThat(lines.get(1)).startsWith("CURRENT").contains("TELECOM_POSTPAID", "CNY", "120", "12345.00");
        assertThat(lines.get(2)).startsWith("1-30");
        assertThat(lines.get(3)).startsWith("181+").contains("B2B_INVOICE", "USD", "123456.78");
        // Right-aligned numbers end in the same column on every line.
        assertThat(lines.subList(0, 4)).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(1).indexOf("TELECOM_POSTPAID")).isEqualTo(lines.get(0).indexOf("PRODUCT LINE"));
        assertThat(lines.get(4)).isEqualTo("TOTAL CNY accounts=132 balance=13579.00 overdue=1000.00");
        assertThat(lines.get(5)).isEqualTo("TOTAL USD accounts=3 balance=123456.78 overdue=123456.78");
    }

    @Test
    void printsOnlyTheHeaderForAnEmptyPortfolio() {
        assertThat(AgingCommand.lines(new AgingReport(null, List.of())))
                .containsExactly("BUCKET  PRODUCT LINE  CURRENCY  ACCOUNTS  BALANCE  OVERDUE");
    }

    @Test
    void refusesAsOfThatIsNotADate() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("aging", "--as-of", "2026-13-01");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of").contains("2026-13-01");
    }
}
