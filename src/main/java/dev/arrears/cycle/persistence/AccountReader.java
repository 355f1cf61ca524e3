package dev.arrears.cycle.persistence;

import dev.arrears.cycle.domain.CaseRow;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.Currencies;
import dev.arrears.strategy.domain.Facts;
import dev.arrears.strategy.domain.InterimScore;
import dev.arrears.strategy.domain.Situation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The cycle's one streaming read: every account of a range (or a list) that owes something or has an open case,
 * with its current-state figures, customer, consented channels, open case and 12-month history, as of a date.
 * The state rows must be valid on that date ({@code Ledger.refreshStates}). Facts are built here; the interim
 * score is applied to them.
 */
public final class AccountReader {

    /** Rows fetched per round trip while streaming. */
    static final int FETCH = 4096;

    private static final String SQL = """
            with acc as (
                select a.id, a.customer_id, a.product_line, a.currency, a.status, a.opened_on, a.credit_limit_minor,
                       s.balance_minor, s.overdue_minor, s.oldest_overdue_due,
                       coalesce(s.oldest_open_due, s.oldest_overdue_due) as oldest_open_due
                from account a join account_state s on s.account_id = a.id
                where %1$s
            ), past as (
                select account_id, max(last_contact_on) as last_contact_on
                from collection_case where %2$s group by account_id
            ), ep as (
                select account_id,
                       count(*) filter (where started_on > ?::date - 365 and started_on <= ?::date) as times12,
                       max(greatest(max_days_past_due,
                           case when ended_on is null then ?::date - started_on + 1 else 0 end)) as worst12
                from delinquency_episode
                where %2$s and started_on <= ?::date and (ended_on is null or ended_on > ?::date - 365)
                group by account_id
            ), bl as (
                select b.account_id, count(*) as due12,
                       count(*) filter (where exists (
                           select 1 from delinquency_episode e
                           where e.account_id = b.account_id and e.started_on <= b.due_date + 1
                             and (e.ended_on is null or e.ended_on > b.due_date + 1))) as late12
                from bill b
                where %3$s and b.due_date >= ?::date - 365 and b.due_date < ?::date
                group by b.account_id
            ), ch as (
                select cp.customer_id, bool_or(cp.kind = 'PUSH') as has_app,
                       array_agg(distinct c.channel) filter (where c.channel is not null) as channels
                from contact_point cp
                left join lateral (select x as channel from unnest(cp.consents) x
                                   where not x = any (cp.opt_outs)) c on true
                where cp.customer_id in (select customer_id from acc)
                group by cp.customer_id
            )
            select acc.id, acc.customer_id, acc.product_line, acc.currency, acc.status, acc.opened_on,
                   acc.credit_limit_minor, acc.balance_minor, acc.overdue_minor, acc.oldest_overdue_due,
                   acc.oldest_open_due, cu.type, cu.locale, cu.time_zone, ch.has_app, ch.channels,
                   past.last_contact_on, ep.times12, ep.worst12, bl.due12, bl.late12,
                   oc.id, oc.version, oc.opened_on, oc.anchor_due, oc.strategy, oc.strategy_version_id, oc.segment,
                   oc.variant, oc.step, oc.last_step_on, oc.last_notice_on, oc.last_contact_on, oc.outcome,
                   oc.next_step_on, oc.promise_active, oc.dispute_open
            from acc
            join customer cu on cu.id = acc.customer_id
            left join ch on ch.customer_id = acc.customer_id
            left join collection_case oc on oc.account_id = acc.id and oc.status = 'OPEN'
            left join past on past.account_id = acc.id
            left join ep on ep.account_id = acc.id
            left join bl on bl.account_id = acc.id
            where oc.id is not null
               or (acc.balance_minor > 0 and (acc.overdue_minor > 0 or acc.oldest_open_due <= ?::date + ?))
               or ?
            order by acc.id""";

    private AccountReader() {
    }

    /** Streams the accounts with ids in [first, last] that the cycle must evaluate on {@code asOf}. */
    public static int readRange(Connection connection, long first, long last, LocalDate asOf, int preDueDays,
                                Consumer<AccountSnapshot> sink) throws SQLException {
        String sql = SQL.formatted("a.id between ? and ?", "account_id between ? and ?",
                "b.account_id between ? and ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            Date d = Date.valueOf(asOf);
            ps.setLong(i++, first);
            ps.setLong(i++, last);
            ps.setLong(i++, first);
            ps.setLong(i++, last);
            i = history(ps, i, d, first, last);
            ps.setDate(i++, d);
            ps.setInt(i++, preDueDays);
            ps.setBoolean(i, false);
            return stream(ps, asOf, sink);
        }
    }

    /**
     * Streams the same rows as {@link #readRange} but only touches each column's value, building no facts: the
     * raw read of the cycle benchmark's baseline. Returns the number of rows.
     */
    public static int readRangeRaw(Connection connection, long first, long last, LocalDate asOf, int preDueDays)
            throws SQLException {
        String sql = SQL.formatted("a.id between ? and ?", "account_id between ? and ?",
                "b.account_id between ? and ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            Date d = Date.valueOf(asOf);
            ps.setLong(i++, first);
            ps.setLong(i++, last);
            ps.setLong(i++, first);
            ps.setLong(i++, last);
            i = history(ps, i, d, first, last);
            ps.setDate(i++, d);
            ps.setInt(i++, preDueDays);
            ps.setBoolean(i, false);
            ps.setFetchSize(FETCH);
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * Streams the listed accounts that the cycle must evaluate on {@code asOf}; with {@code all}, also those that
     * owe nothing (a dry run shows what a strategy would say of any account).
     */
    public static int readAccounts(Connection connection, long[] accountIds, LocalDate asOf, int preDueDays,
                                   boolean all, Consumer<AccountSnapshot> sink) throws SQLException {
        String sql = SQL.formatted("a.id = any (?)", "account_id = any (?)", "b.account_id = any (?)");
        Long[] boxed = Arrays.stream(accountIds).boxed().toArray(Long[]::new);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("bigint", boxed);
            int i = 1;
            Date d = Date.valueOf(asOf);
            ps.setArray(i++, ids);
            ps.setArray(i++, ids);
            i = history(ps, i, d, ids);
            ps.setDate(i++, d);
            ps.setInt(i++, preDueDays);
            ps.setBoolean(i, all);
            return stream(ps, asOf, sink);
        }
    }

    /** Binds the episode and bill parameters that follow the two account filters. */
    private static int history(PreparedStatement ps, int i, Date d, Object... filter) throws SQLException {
        ps.setDate(i++, d);
        ps.setDate(i++, d);
        ps.setDate(i++, d);
        i = bindFilter(ps, i, filter);
        ps.setDate(i++, d);
        ps.setDate(i++, d);
        i = bindFilter(ps, i, filter);
        ps.setDate(i++, d);
        ps.setDate(i++, d);
        return i;
    }

    private static int bindFilter(PreparedStatement ps, int i, Object... filter) throws SQLException {
        for (Object f : filter) {
            ps.setObject(i++, f);
        }
        return i;
    }

    private static int stream(PreparedStatement ps, LocalDate asOf, Consumer<AccountSnapshot> sink)
            throws SQLException {
        ps.setFetchSize(FETCH);
        int count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(snapshot(rs, asOf));
                count++;
            }
        }
        return count;
    }

    private static AccountSnapshot snapshot(ResultSet rs, LocalDate asOf) throws SQLException {
        long accountId = rs.getLong(1);
        long customerId = rs.getLong(2);
        String currency = rs.getString(4);
        double scale = Math.pow(10, Currencies.fractionDigits(Currencies.of(currency)));
        LocalDate openedOn = rs.getObject(6, LocalDate.class);
        long creditLimit = rs.getLong(7);
        LocalDate oldestOverdue = rs.getObject(10, LocalDate.class);
        LocalDate oldestOpen = rs.getObject(11, LocalDate.class);
        long dpd = oldestOverdue == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(oldestOverdue, asOf));
        Array channelArray = rs.getArray(16);
        List<String> channels = channelArray == null ? List.of() : List.of((String[]) channelArray.getArray());
        LocalDate lastContact = rs.getObject(17, LocalDate.class);
        long due12 = rs.getLong(20);
        long late12 = rs.getLong(21);
        CaseRow open = null;
        long caseId = rs.getLong(22);
        if (!rs.wasNull()) {
            open = new CaseRow(caseId, rs.getInt(23), accountId, customerId, rs.getObject(24, LocalDate.class),
                    rs.getObject(25, LocalDate.class), rs.getString(26), (Long) rs.getObject(27), rs.getString(28),
                    rs.getString(29), rs.getInt(30), rs.getObject(31, LocalDate.class),
                    rs.getObject(32, LocalDate.class), rs.getObject(33, LocalDate.class), rs.getString(34),
                    rs.getObject(35, LocalDate.class), rs.getBoolean(36), rs.getBoolean(37));
        }
        Facts facts = new Facts(accountId, rs.getLong(8) / scale, rs.getLong(9) / scale, dpd,
                AgingBucket.of(dpd).label(), rs.getString(3), currency, rs.getString(5), creditLimit / scale,
                rs.getString(12), rs.getString(13), rs.getString(14),
                Math.max(0, ChronoUnit.MONTHS.between(openedOn, asOf)), rs.getBoolean(15), channels,
                rs.getLong(18), rs.getLong(19), due12 == 0 ? 1.0 : (double) (due12 - late12) / due12, 0, 0,
                lastContact == null ? Facts.NEVER : Math.max(0, ChronoUnit.DAYS.between(lastContact, asOf)),
                0, "", open == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(open.openedOn(), asOf)),
                open == null ? 0 : open.step(), open == null || open.variant() == null ? "" : open.variant(),
                open != null && open.promiseActive(), open != null && open.disputeOpen());
        Situation situation = new Situation(InterimScore.scored(facts), asOf, oldestOpen,
                open == null ? null : open.position());
        return new AccountSnapshot(customerId, situation, open);
    }
}
