package dev.arrears.cli;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AgingBucket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    @Test
    @Tag("integration")
    void totalsGrowByANewOverdueAccountAndMatchARecomputation() {
        String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Currency nzd = Currency.getInstance("NZD");
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            Ledger ledger = context.getBean(Ledger.class);
            Map<String, String> before = totals(run("aging"));
            ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Ann Lee", CustomerType.PERSON, "en",
                    ZoneId.of("Europe/London"), List.of())));
            ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.OTHER, nzd,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 15), null)));
            ledger.issueBills(List.of(new IssueBill(p + "B", p + "A", LocalDate.of(2026, 9, 1),
                    LocalDate.of(2026, 10, 1), nzd, 4200, List.of(new BillLine("Plan", LineCategory.SERVICE, 4200)))));

            List<String> after = run("aging");
            // The fixed test clock says 2026-11-23 in Europe/London, so the recomputation must agree.
            List<String> recomputed = run("aging", "--as-of", "2026-11-23");

            Map<String, String> now = totals(after);
            assertThat(after).anySatisfy(line -> assertThat(line).startsWith("31-60").contains("OTHER", "NZD"));
            assertThat(field(now, "accounts").subtract(field(before, "accounts"))).isEqualByComparingTo("1");
            assertThat(field(now, "balance").subtract(field(before, "balance"))).isEqualByComparingTo("42.00");
            assertThat(field(now, "overdue").subtract(field(before, "overdue"))).isEqualByComparingTo("42.00");
            assertThat(totals(recomputed).get("NZD")).isEqualTo(now.get("NZD"));
        }
    }

    /** Runs the command line and returns what it printed, line by line. */
    private static List<String> run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute(args);
        assertThat(code).as(out.toString()).isZero();
        return out.toString().lines().toList();
    }

    /** Returns the TOTAL lines by currency: "CNY" → "accounts=… balance=… overdue=…". */
    private static Map<String, String> totals(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("TOTAL ")).collect(java.util.stream.Collectors.toMap(
                l -> l.split(" ")[1], l -> l.substring(l.indexOf(' ', 6) + 1)));
    }

    private static BigDecimal field(Map<String, String> totals, String name) {
        String line = totals.get("NZD");
        if (line == null) {
            return BigDecimal.ZERO;
        }
        return Arrays.stream(line.split(" ")).filter(f -> f.startsWith(name + "=")).findFirst()
                .map(f -> new BigDecimal(f.substring(name.length() + 1))).orElseThrow();
    }
}
