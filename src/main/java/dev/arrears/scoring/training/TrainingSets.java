package dev.arrears.scoring.training;

import dev.arrears.scoring.features.FeatureReader;
import dev.arrears.scoring.features.FeatureRow;
import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Dataset;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Training and test sets from the portfolio's own history: the features of every account that existed on a date D
 * (opened on or before it), read as of D, with a label that only the days after D decide. Targets:
 * <ul>
 *   <li>{@code DPD30_60D}: the account is 30 or more days past due on some day of (D, D+60]. From the delinquency
 *   episodes: one that started on s is 30 days past due from s+29 while it lasts (an episode's first day is its
 *   first day past due); an episode that ended must also have reached 30 days.</li>
 *   <li>{@code MISS_DUE_5D}: the first bill due in (D, D+10] is still unpaid 5 days after its due date: the account
 *   is delinquent on that due date + 5 (oldest-first allocation: an older item unpaid means this one is too).
 *   Accounts with no bill due in those 10 days are left out of this set.</li>
 * </ul>
 * The ledger's episodes must cover the label window: build sets only for dates at least 60 days before the end of
 * the history (see {@link TimeSplit}).
 */
public final class TrainingSets {

    /** What a label says. */
    public enum Target {
        DPD30_60D, MISS_DUE_5D
    }

    /** Account ids per read. */
    static final int RANGE = 20_000;

    private static final String LABELS = """
            select a.id,
                   exists (select 1 from delinquency_episode e where e.account_id = a.id
                           and e.started_on + 29 <= date '%2$s'
                           and (e.ended_on is null or (e.ended_on > greatest(date '%3$s', e.started_on + 29)
                                                       and e.max_days_past_due >= 30))) as dpd30,
                   n.due_date is not null as has_due,
                   n.due_date is not null and exists (select 1 from delinquency_episode e where e.account_id = a.id
                           and e.started_on <= n.due_date + 5
                           and (e.ended_on is null or e.ended_on > n.due_date + 5)) as missed
            from account a
            left join lateral (select b.due_date from bill b where b.account_id = a.id
                               and b.due_date > date '%1$s' and b.due_date <= date '%4$s'
                               order by b.due_date limit 1) n on true
            where %5$s and a.opened_on <= date '%1$s'""";

    private TrainingSets() {
    }

    /**
     * Returns the labels of the accounts with ids in [first, last] that existed on {@code asOf}: 1 bad, 0 good;
     * for MISS_DUE_5D only accounts with a bill due in the next 10 days.
     */
    public static Map<Long, Integer> labels(Connection connection, long first, long last, LocalDate asOf,
                                            Target target) throws SQLException {
        String sql = LABELS.formatted(asOf, asOf.plusDays(60), asOf.plusDays(1), asOf.plusDays(10),
                "a.id between " + first + " and " + last);
        Map<Long, Integer> labels = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(4096);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (target == Target.DPD30_60D) {
                        labels.put(rs.getLong(1), rs.getBoolean(2) ? 1 : 0);
                    } else if (rs.getBoolean(3)) {
                        labels.put(rs.getLong(1), rs.getBoolean(4) ? 1 : 0);
                    }
                }
            }
        }
        return labels;
    }

    /** Builds the dataset of features as of {@code asOf} labelled from (asOf, asOf+60], over all accounts. */
    public static Dataset build(DataSource dataSource, LocalDate asOf, Target target) {
        Dataset.Builder data = Dataset.builder(Features.COLUMNS);
        try (Connection c = dataSource.getConnection()) {
            long[] span = span(c);
            if (span == null) {
                return data.build();
            }
            for (long first = span[0]; first <= span[1]; first += RANGE) {
                long last = Math.min(span[1], first + RANGE - 1);
                Map<Long, Integer> labels = labels(c, first, last, asOf, target);
                FeatureReader.readRange(c, first, last, asOf, FeatureReader.Scope.ALL, (FeatureRow row) -> {
                    Integer label = labels.get(row.accountId());
                    if (label != null) {
                        data.add(row.numeric(), row.categories(), label);
                    }
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not build the training set as of " + asOf + ": "
                    + e.getMessage(), e);
        }
        return data.build();
    }

    /** Returns the first and last day of the ledger's history: the earliest bill issued and the latest. */
    public static LocalDate[] history(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select min(issue_date), max(due_date) from bill");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            LocalDate first = rs.getObject(1, LocalDate.class);
            return first == null ? null : new LocalDate[]{first, rs.getObject(2, LocalDate.class)};
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static long[] span(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select min(id), max(id) from account");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1) == null ? null : new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }
}
