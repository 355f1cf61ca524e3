package dev.arrears.reporting.persistence;

import dev.arrears.reporting.domain.MetricRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the pre-aggregated figures for the dashboard: monthly sums of the daily flows, the daily stock of open cases,
 * the aging of one date and the monthly roll matrices, each narrowed by product line, strategy and variant (null:
 * all). Every statement reads only the reporting tables, by their primary keys' leading date.
 */
public final class DashboardReader {

    /** The filter's dimensions as SQL, with four parameters each (a null one matches every row). */
    private static final String WHERE = " and (?::text is null or product_line = ?)"
            + " and (?::text is null or strategy = ?) and (?::text is null or variant = ?)";

    private final JdbcClient jdbc;

    public DashboardReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the last date whose flows were written, if any. */
    public Optional<LocalDate> lastFlowDate() {
        return latest("kpi_daily");
    }

    /** Returns the last date whose aging was written, if any. */
    public Optional<LocalDate> lastAgingDate() {
        return latest("aging_daily");
    }

    /** Returns the flows summed per month (period: the month's first day) between two dates inclusive. */
    public List<MetricRow> monthly(LocalDate from, LocalDate to, String line, String strategy, String variant) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        params.addAll(dims(line, strategy, variant));
        return jdbc.sql("""
                        select date_trunc('month', as_of)::date, metric, key, sum(value)::bigint, sum(count)::bigint
                        from kpi_daily where as_of between ? and ? and metric <> 'CASES_OPEN'""" + WHERE + """

                        group by 1, 2, 3""")
                .params(params)
                .query((rs, n) -> new MetricRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** Returns the cases open at the end of each day between two dates inclusive (days without figures absent). */
    public TreeMap<LocalDate, Long> openCases(LocalDate from, LocalDate to, String line, String strategy,
                                              String variant) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        params.addAll(dims(line, strategy, variant));
        TreeMap<LocalDate, Long> open = new TreeMap<>();
        jdbc.sql("""
                        select as_of, sum(count)::bigint from kpi_daily
                        where metric = 'CASES_OPEN' and as_of between ? and ?""" + WHERE + """

                        group by 1""")
                .params(params)
                .query(rs -> {
                    open.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        return open;
    }

    /** An aging cell: product line, currency, bucket, accounts and overdue minor units. */
    public record AgingCell(String productLine, String currency, int bucket, long accounts, long overdueMinor) {
    }

    /** Returns the aging of a date, summed over the dimensions not filtered. */
    public List<AgingCell> aging(LocalDate asOf, String line, String strategy, String variant) {
        List<Object> params = new ArrayList<>(List.of(asOf));
        params.addAll(dims(line, strategy, variant));
        return jdbc.sql("""
                        select product_line, currency, bucket, sum(accounts)::bigint, sum(overdue_minor)::bigint
                        from aging_daily where as_of = ?""" + WHERE + """

                        group by 1, 2, 3 order by 1, 2, 3""")
                .params(params)
                .query((rs, n) -> new AgingCell(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    /** Returns the roll matrices {@code [from][to]} of the months between two dates (first days) inclusive. */
    public TreeMap<LocalDate, long[][]> rolls(LocalDate from, LocalDate to, String line, String strategy,
                                              String variant, int buckets) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        params.addAll(dims(line, strategy, variant));
        TreeMap<LocalDate, long[][]> rolls = new TreeMap<>();
        jdbc.sql("""
                        select month, from_bucket, to_bucket, sum(accounts)::bigint from roll_monthly
                        where month between ? and ?""" + WHERE + """

                        group by 1, 2, 3""")
                .params(params)
                .query(rs -> {
                    long[][] m = rolls.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new long[buckets][buckets]);
                    m[rs.getInt(2)][rs.getInt(3)] += rs.getLong(4);
                });
        return rolls;
    }

    /** Returns the product lines, strategies and variants that have figures between two dates (one scan). */
    public Map<String, List<String>> options(LocalDate from, LocalDate to) {
        java.util.SortedSet<String> lines = new java.util.TreeSet<>();
        java.util.SortedSet<String> strategies = new java.util.TreeSet<>();
        java.util.SortedSet<String> variants = new java.util.TreeSet<>();
        jdbc.sql("select distinct product_line, strategy, variant from kpi_daily where as_of between ? and ?")
                .params(from, to)
                .query(rs -> {
                    lines.add(rs.getString(1));
                    strategies.add(rs.getString(2));
                    variants.add(rs.getString(3));
                });
        Map<String, List<String>> options = new TreeMap<>();
        options.put("product_line", lines.stream().filter(v -> !v.equals("-")).toList());
        options.put("strategy", strategies.stream().filter(v -> !v.equals("-")).toList());
        options.put("variant", variants.stream().filter(v -> !v.equals("-")).toList());
        return options;
    }

    private Optional<LocalDate> latest(String table) {
        // max() of no rows is one null row
        return Optional.ofNullable(jdbc.sql("select max(as_of) from " + table)
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).list().getFirst());
    }

    private static List<Object> dims(String line, String strategy, String variant) {
        List<Object> params = new ArrayList<>();
        for (String v : new String[] {line, strategy, variant}) {
            params.add(v);
            params.add(v);
        }
        return params;
    }
}
