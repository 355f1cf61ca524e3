package dev.arrears.cli;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.shared.Money;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code arrears aging [--as-of D]}: prints the portfolio aging as {@code GET /api/v1/portfolio/aging} reports
 * it, a row per bucket, product line and currency, then one {@code TOTAL} line per currency
 * ({@code TOTAL CNY accounts=12 balance=1234.00 overdue=1000.00}) that scripts compare across runs.
 */
@Command(name = "aging", mixinStandardHelpOptions = true,
        description = "Prints the portfolio aging per bucket, product line and currency, with totals per currency.")
class AgingCommand implements Callable<Integer> {

    private static final String[] HEADER = {"BUCKET", "PRODUCT LINE", "CURRENCY", "ACCOUNTS", "BALANCE", "OVERDUE"};
    // Columns 3 to 5 hold numbers and are right-aligned.
    private static final int FIRST_NUMERIC_COLUMN = 3;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "ISO date to age the portfolio on (default: today in each account's time zone).")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            AgingReport report = context.getBean(Ledger.class).aging(asOf);
            PrintWriter out = spec.commandLine().getOut();
            lines(report).forEach(out::println);
            out.flush();
        }
        return 0;
    }

    /** Returns the printed table: the header, one aligned line per row, then a TOTAL line per currency. */
    static List<String> lines(AgingReport report) {
        List<AgingRow> rows = report.rows().stream()
                .sorted(Comparator.comparing(AgingRow::bucket)
                        .thenComparing(AgingRow::productLine)
                        .thenComparing(AgingRow::currency))
                .toList();
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        Map<String, long[]> totals = new TreeMap<>();
        for (AgingRow row : rows) {
            Currency currency = Currency.getInstance(row.currency());
            cells.add(new String[] {row.bucket().label(), row.productLine().name(), row.currency(),
                    Long.toString(row.accounts()), Money.format(row.balanceMinor(), currency),
                    Money.format(row.overdueMinor(), currency)});
            long[] sum = totals.computeIfAbsent(row.currency(), c -> new long[3]);
            sum[0] = Math.addExact(sum[0], row.accounts());
            sum[1] = Math.addExact(sum[1], row.balanceMinor());
            sum[2] = Math.addExact(sum[2], row.overdueMinor());
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) {
                    text.append("  ");
                }
                String format = i >= FIRST_NUMERIC_COLUMN ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
                text.append(format.formatted(line[i]));
            }
            lines.add(text.toString().stripTrailing());
        }
        totals.forEach((code, sum) -> {
            Currency currency = Currency.getInstance(code);
            lines.add("TOTAL " + code + " accounts=" + sum[0] + " balance=" + Money.format(sum[1], currency)
                    + " overdue=" + Money.format(sum[2], currency));
        });
        return lines;
    }
}
