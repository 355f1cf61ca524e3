package dev.arrears.casework;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AgingBucket;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portfolio aging laid out for the page: one row per aging bucket (all of them, empty ones as zero) and a
 * total row; one column group per product line and currency. Amounts are never summed across currencies.
 */
public record AgingTable(LocalDate asOf, List<Column> columns, List<Row> rows, Row total) {

    /** A product line in one currency. */
    public record Column(ProductLine productLine, String currency) {
    }

    /** Figures of one bucket (or the total), one cell per column, in column order. */
    public record Row(AgingBucket bucket, List<Cell> cells) {

        /** Returns true for the total row. */
        public boolean isTotal() {
            return bucket == null;
        }
    }

    /** Accounts, outstanding balance and overdue amount in minor units of the column's currency. */
    public record Cell(String currency, long accounts, long balanceMinor, long overdueMinor) {
    }

    /** Lays out an aging report: columns by product line then currency code, rows in bucket order. */
    public static AgingTable of(AgingReport report) {
        List<Column> columns = report.rows().stream()
                .map(r -> new Column(r.productLine(), r.currency()))
                .distinct()
                .sorted(Comparator.comparing(Column::productLine).thenComparing(Column::currency))
                .toList();
        Map<AgingBucket, Map<Column, AgingRow>> byBucket = new HashMap<>();
        for (AgingRow row : report.rows()) {
            byBucket.computeIfAbsent(row.bucket(), b -> new HashMap<>())
                    .merge(new Column(row.productLine(), row.currency()), row, AgingTable::combine);
        }
        List<Row> rows = Arrays.stream(AgingBucket.values())
                .map(bucket -> new Row(bucket, cells(columns, byBucket.getOrDefault(bucket, Map.of()))))
                .toList();
        List<Cell> totals = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            totals.add(new Cell(columns.get(i).currency(),
                    rows.stream().mapToLong(r -> r.cells().get(index).accounts()).sum(),
                    rows.stream().mapToLong(r -> r.cells().get(index).balanceMinor()).reduce(0, Math::addExact),
                    rows.stream().mapToLong(r -> r.cells().get(index).overdueMinor()).reduce(0, Math::addExact)));
        }
        return new AgingTable(report.asOf(), columns, rows, new Row(null, List.copyOf(totals)));
    }

    /** Returns true when the portfolio holds no account. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    private static List<Cell> cells(List<Column> columns, Map<Column, AgingRow> figures) {
        return columns.stream().map(c -> {
            AgingRow row = figures.get(c);
            return row == null ? new Cell(c.currency(), 0, 0, 0)
                    : new Cell(c.currency(), row.accounts(), row.balanceMinor(), row.overdueMinor());
        }).toList();
    }

    private static AgingRow combine(AgingRow a, AgingRow b) {
        return new AgingRow(a.bucket(), a.productLine(), a.currency(), a.accounts() + b.accounts(),
                Math.addExact(a.balanceMinor(), b.balanceMinor()), Math.addExact(a.overdueMinor(), b.overdueMinor()));
    }
}
