package dev.arrears.reporting;

import dev.arrears.reporting.DashboardView.Aging;
import dev.arrears.reporting.DashboardView.Filter;
import dev.arrears.reporting.DashboardView.Line;
import dev.arrears.reporting.DashboardView.Month;
import dev.arrears.reporting.DashboardView.Options;
import dev.arrears.reporting.domain.Kpis;
import dev.arrears.reporting.domain.MetricRow;
import dev.arrears.reporting.domain.RollRates;
import dev.arrears.reporting.persistence.DashboardReader;
import dev.arrears.reporting.persistence.DashboardReader.AgingCell;
import dev.arrears.reporting.persistence.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's façade: writes a cycle date's figures ({@link #snapshot}), fills past dates' flows
 * ({@link #backfill}), and answers the dashboard for a filter from those figures alone. A date's snapshot holds the
 * flows of the day before it (a day is complete once the next day's cycle starts: its cycle ran, its contacts went
 * out) and the aging at the start of the date itself.
 */
@Service
public class Dashboards {

    private static final Logger log = LoggerFactory.getLogger(Dashboards.class);

    private final SnapshotStore store;
    private final DashboardReader reader;
    private final TransactionTemplate transactions;
    private final ObjectProvider<ComplaintCounts> complaints;

    Dashboards(JdbcClient jdbc, PlatformTransactionManager transactionManager,
               ObjectProvider<ComplaintCounts> complaints) {
        this.store = new SnapshotStore(jdbc);
        this.reader = new DashboardReader(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.complaints = complaints;
    }

    /**
     * Writes the figures of a cycle date, replacing any written before: the previous day's flows, the contacts of
     * the week before it again (late dispatch results), the aging on the date, and the month's roll-rate base on the
     * first run of a month. Runs in one transaction.
     */
    public void snapshot(LocalDate asOf) {
        long started = System.nanoTime();
        LocalDate day = asOf.minusDays(1);
        long[] stale = new long[1];
        transactions.executeWithoutResult(status -> {
            store.writeFlows(day, day);
            store.rewriteContacts(day.minusDays(SnapshotStore.CONTACT_SETTLE_DAYS - 1), day.minusDays(1));
            stale[0] = store.writeAging(asOf);
            store.rollMonth(asOf);
        });
        // a state row the ledger's refresh left with a later as_of (a write dated after D) is not in D's aging
        log.debug("dashboard snapshot for {} written in {} ms ({} state rows not valid on the date left out)", asOf,
                (System.nanoTime() - started) / 1_000_000, stale[0]);
    }

    /** Writes the flows of every date from {@code from} to {@code to} inclusive from the history, in one transaction. */
    public void backfill(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill from " + from + " is after " + to);
        }
        transactions.executeWithoutResult(status -> store.writeFlows(from, to));
    }

    /** Returns the dashboard for a filter over the months up to the last day with figures. */
    public DashboardView dashboard(Filter filter) {
        LocalDate to = reader.lastFlowDate().orElse(null);
        LocalDate agingAsOf = reader.lastAgingDate().orElse(null);
        List<String> buckets = RollRates.BUCKETS;
        if (to == null) {
            Aging aging = new Aging(agingAsOf, buckets, agingAsOf == null ? List.of() : lines(reader.aging(agingAsOf,
                    filter.productLine(), filter.strategy(), filter.variant())));
            return new DashboardView(filter, null, null, Kpis.of(List.of(), 0, null), List.of(), aging, List.of(),
                    new Options(List.of(), List.of(), List.of()));
        }
        LocalDate from = YearMonth.from(to).minusMonths(filter.months() - 1L).atDay(1);
        String line = filter.productLine();
        String strategy = filter.strategy();
        String variant = filter.variant();
        List<MetricRow> rows = reader.monthly(from, to, line, strategy, variant);
        TreeMap<LocalDate, Long> open = reader.openCases(from.minusDays(1), to, line, strategy, variant);
        Map<LocalDate, Long> complaintsByMonth = complaints.getIfAvailable() == null ? null
                : complaints.getObject().monthly(from, to, line, strategy, variant);

        List<Month> trend = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            LocalDate start = m.atDay(1);
            List<MetricRow> ofMonth = rows.stream().filter(r -> r.period().equals(start)).toList();
            Long complaintsOfMonth = complaintsByMonth == null ? null : complaintsByMonth.getOrDefault(start, 0L);
            trend.add(new Month(start, m.toString(), Kpis.of(ofMonth, open.getOrDefault(start.minusDays(1), 0L),
                    complaintsOfMonth)));
        }
        Long complaintsTotal = complaintsByMonth == null ? null
                : complaintsByMonth.values().stream().mapToLong(Long::longValue).sum();
        Kpis total = Kpis.of(rows, open.getOrDefault(from.minusDays(1), 0L), complaintsTotal);

        Aging aging = new Aging(agingAsOf, buckets, agingAsOf == null ? List.of()
                : lines(reader.aging(agingAsOf, line, strategy, variant)));
        List<RollRates> rolls = new ArrayList<>();
        reader.rolls(from, to, line, strategy, variant, buckets.size())
                .forEach((month, moves) -> rolls.add(RollRates.of(YearMonth.from(month).toString(), moves)));
        Map<String, List<String>> options = reader.options(from, to);
        return new DashboardView(filter, from, to, total, trend, aging, rolls, new Options(
                options.get("product_line"), options.get("strategy"), options.get("variant")));
    }

    private static List<Line> lines(List<AgingCell> cells) {
        Map<String, long[]> accounts = new LinkedHashMap<>();
        Map<String, Map<String, long[]>> overdue = new LinkedHashMap<>();
        int n = RollRates.BUCKETS.size();
        for (AgingCell c : cells) {
            accounts.computeIfAbsent(c.productLine(), k -> new long[n])[c.bucket()] += c.accounts();
            overdue.computeIfAbsent(c.productLine(), k -> new TreeMap<>())
                    .computeIfAbsent(c.currency(), k -> new long[n])[c.bucket()] += c.overdueMinor();
        }
        List<Line> lines = new ArrayList<>();
        accounts.forEach((line, counts) -> {
            Map<String, List<Long>> byCurrency = new TreeMap<>();
            overdue.get(line).forEach((currency, v) -> byCurrency.put(currency, toList(v)));
            lines.add(new Line(line, toList(counts), byCurrency));
        });
        return lines;
    }

    private static List<Long> toList(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return List.copyOf(list);
    }
}
