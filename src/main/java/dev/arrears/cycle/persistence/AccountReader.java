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
 * with its current-state figures, customer, consented channels, open case, 12-month history, promises to pay
 * broken in 90 days, what an active instalment plan still has to collect and stored score, as of a date.
 * The state rows must be valid on that date ({@code Ledger.refreshStates}). Facts are built here; the score is the
 * one the scoring module stored ({@code account_score}), or the interim score for an account it has not scored.
 */
public final class AccountReader {

    /** Rows fetched per round trip while streaming. */
    static final int FETCH = 4096;

    /**
     * The read. Every table is reached through its index on the account id (or, for customers and contact points,
     * on the range of customer ids of the accounts read): no scan grows with the portfolio. The account filter and
     * the date are written into the text as typed literals (numbers and an ISO date, nothing from a user), so that
     * the planner sees the real range on every execution: a generic plan with parameters guesses one row per
     * range and picks nested loops that run for minutes.
     */
    private static final String SQL = """
            with acc as materialized (
                select a.id, a.customer_id, a.product_line, a.currency, a.status, a.opened_on, a.credit_limit_minor,
                       s.balance_minor, s.overdue_minor, s.oldest_overdue_due,
                       coalesce(s.oldest_open_due, s.oldest_overdue_due) as oldest_open_due
                from account a join account_state s on s.account_id = a.id
                where %2$s and %3$s
                  -- only what the cycle must look at: overdue, a pre-due step possibly due, or an open case
                  and (%8$s or s.overdue_minor > 0
                       or (s.balance_minor > 0
                           and coalesce(s.oldest_open_due, s.oldest_overdue_due) <= date '%1$s' + %7$d)
                       or exists (select 1 from collection_case o where o.account_id = a.id and o.status = 'OPEN'))
            ), cu as materialized (
                select c.id, c.type, c.locale, c.time_zone from customer c
                where c.id between (select min(customer_id) from acc) and (select max(customer_id) from acc)
            ), ch as materialized (
                select cp.customer_id, bool_or(cp.kind = 'PUSH') as has_app,
                       array_agg(x) filter (where x is not null and not x = any (cp.opt_outs)) as channels
                from contact_point cp left join lateral unnest(cp.consents) x on true
                where cp.customer_id between (select min(customer_id) from acc) and (select max(customer_id) from acc)
                  and cp.customer_id in (select customer_id from acc)
                group by cp.customer_id
            ), oc as materialized (
                select * from collection_case where %4$s and status = 'OPEN' and account_id in (select id from acc)
            ), past as materialized (
                select account_id, max(last_contact_on) as last_contact_on
                from collection_case where %4$s and account_id in (select id from acc) group by account_id
            ), ep as materialized (
                select account_id,
                       count(*) filter (where started_on > date '%1$s' - 365) as times12,
                       max(greatest(max_days_past_due, case when ended_on is null
                           then date '%1$s' - started_on + 1 else 0 end)) as worst12
                from delinquency_episode
                where %4$s and account_id in (select id from acc) and started_on <= date '%1$s'
                  and (ended_on is null or ended_on > date '%1$s' - 365)
                group by account_id
            ), bl as materialized (
                -- bills due in the last 12 months, and those whose next day found the account delinquent
                select b.account_id, count(*) as due12, count(e.account_id) as late12
                from bill b
                left join delinquency_episode e on e.account_id = b.account_id and %5$s
                     and e.started_on <= b.due_date + 1 and (e.ended_on is null or e.ended_on > b.due_date + 1)
                where %6$s and b.account_id in (select id from acc)
                  and b.due_date >= date '%1$s' - 365 and b.due_date < date '%1$s'
                group by b.account_id
            ), bp as materialized (
                -- promises to pay broken in the 90 days up to the date (the arrangement module's table)
                select account_id, count(*) as broken90
                from promise
                where %4$s and state = 'BROKEN' and ended_on > date '%1$s' - 90 and ended_on <= date '%1$s'
                group by account_id
            ), sc as materialized (
                -- the stored score (the scoring module's table, written before the cycle by its step)
                select account_id, points, grade, reason_codes, miss_risk
                from account_score where %4$s and account_id in (select id from acc)
            ), cp as materialized (
                -- complaints made in the 90 days up to the date (the self-service module's table)
                select account_id, count(*) as complaints90
                from complaint
                where %4$s and created_on > date '%1$s' - 90 and created_on <= date '%1$s'
                group by account_id
            ), rv as materialized (
                -- payments reversed in the 30 days up to the date, in the customer's zone (the partial index on
                -- reversals keeps this to the reversed payments)
                select p.account_id, count(*) as reversed30
                from payment p join acc on acc.id = p.account_id join cu on cu.id = acc.customer_id
                where p.reversed_at is not null
                  and (p.reversed_at at time zone cu.time_zone)::date > date '%1$s' - 30
                  and (p.reversed_at at time zone cu.time_zone)::date <= date '%1$s'
                group by p.account_id
            ), pl as materialized (
                -- what the active instalment plan still has to collect (the arrangement module's tables): its
                -- instalments (down payment and fee included) less what was paid since it was made, reversed
                -- payments left out, as Plans reckons it to decide whether a plan over part of the balance holds
                select pn.account_id,
                       greatest(0, (select coalesce(sum(i.amount_minor), 0) from plan_instalment i
                                    where i.plan_id = pn.id)
                                 - (select coalesce(sum(p.amount_minor), 0) from payment p
                                    where p.account_id = pn.account_id and p.reversed_at is null
                                      and (p.received_at >= pn.made_at or p.created_at >= pn.made_at))) as left_minor
                from plan pn
                where %4$s and pn.state = 'ACTIVE' and pn.account_id in (select id from acc)
            ), ra as materialized (
                -- payments reversed around the day the open case opened, in the customer's zone: from 7 days before
                -- to the day after (a cycle date in another zone may be a day behind), never after the date; with no
                -- open case, in the 7 days up to the date (a case opening now). Above 0: a reversal (re)opened it
                select acc.id as account_id, count(*) as reversed_at_open
                from acc join cu on cu.id = acc.customer_id
                left join oc on oc.account_id = acc.id
                join payment p on p.account_id = acc.id and p.reversed_at is not null
                where (p.reversed_at at time zone cu.time_zone)::date
                          > coalesce(oc.opened_on, date '%1$s') - 7
                  and (p.reversed_at at time zone cu.time_zone)::date
                          <= least(coalesce(oc.opened_on + 1, date '%1$s'), date '%1$s')
                group by acc.id
            )
            select acc.id, acc.customer_id, acc.product_line, acc.currency, acc.status, acc.opened_on,
                   acc.credit_limit_minor, acc.balance_minor, acc.overdue_minor, acc.oldest_overdue_due,
                   acc.oldest_open_due, cu.type, cu.locale, cu.time_zone, ch.has_app, ch.channels,
                   past.last_contact_on, ep.times12, ep.worst12, bl.due12, bl.late12,
                   oc.id, oc.version, oc.opened_on, oc.anchor_due, oc.strategy, oc.strategy_version_id, oc.segment,
                   oc.variant, oc.step, oc.last_step_on, oc.last_notice_on, oc.last_contact_on, oc.outcome,
                   oc.next_step_on, oc.promise_active, oc.dispute_open, bp.broken90,
                   sc.points, sc.grade, sc.reason_codes, sc.miss_risk, cp.complaints90, rv.reversed30,
                   pl.left_minor, ra.reversed_at_open
            from acc
            join cu on cu.id = acc.customer_id
            left join ch on ch.customer_id = acc.customer_id
            left join oc on oc.account_id = acc.id
            left join past on past.account_id = acc.id
            left join ep on ep.account_id = acc.id
            left join bl on bl.account_id = acc.id
            left join bp on bp.account_id = acc.id
            left join sc on sc.account_id = acc.id
            left join cp on cp.account_id = acc.id
            left join rv on rv.account_id = acc.id
            left join pl on pl.account_id = acc.id
            left join ra on ra.account_id = acc.id
            order by acc.id""";

    /** Returns the read for a date with a filter on an account-id column ({@code a.id between 1 and 20000}). */
    private static String sql(LocalDate asOf, int preDueDays, boolean everything,
                              java.util.function.UnaryOperator<String> filter) {
        return SQL.formatted(asOf.toString(), filter.apply("a.id"), filter.apply("s.account_id"),
                filter.apply("account_id"), filter.apply("e.account_id"), filter.apply("b.account_id"), preDueDays,
                everything);
    }

    private static String range(LocalDate asOf, int preDueDays, long first, long last) {
        return sql(asOf, preDueDays, false, c -> c + " between " + first + " and " + last);
    }

    /** Minor units per major unit by a currency's fraction digits (0 to 4 in ISO 4217). */
    private static final double[] SCALE = {1, 10, 100, 1_000, 10_000};

    private AccountReader() {
    }

    /** Streams the accounts with ids in [first, last] that the cycle must evaluate on {@code asOf}. */
    public static int readRange(Connection connection, long first, long last, LocalDate asOf, int preDueDays,
                                Consumer<AccountSnapshot> sink) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(range(asOf, preDueDays, first, last))) {
            return stream(ps, rs -> sink.accept(snapshot(rs, asOf)));
        }
    }

    /**
     * Streams the same rows as {@link #readRange} but only touches each column's value, building no facts: the
     * raw read of the cycle benchmark's baseline. Returns the number of rows.
     */
    public static int readRangeRaw(Connection connection, long first, long last, LocalDate asOf, int preDueDays)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(range(asOf, preDueDays, first, last))) {
            return stream(ps, rs -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    rs.getObject(c);
                }
            });
        }
    }

    /**
     * Streams the listed accounts that the cycle must evaluate on {@code asOf}; with {@code all}, also those that
     * owe nothing (a dry run shows what a strategy would say of any account).
     */
    public static int readAccounts(Connection connection, long[] accountIds, LocalDate asOf, int preDueDays,
                                   boolean all, Consumer<AccountSnapshot> sink) throws SQLException {
        // The list is a parameter, so the text is the same all day for every list: the driver prepares it once per
        // connection and PostgreSQL plans it once (a generic plan, index look-ups per account), instead of planning
        // twelve joins for every re-evaluation after a payment (8 ms of PostgreSQL's time each in the payments
        // benchmark, more than running it). Ranges stay literal: see the note on SQL.
        Long[] ids = new Long[accountIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = accountIds[i];
        }
        String text = sql(asOf, preDueDays, all, c -> c + " = any (?::bigint[])");
        try (PreparedStatement ps = connection.prepareStatement(text)) {
            java.sql.Array array = connection.createArrayOf("bigint", ids);
            int markers = (int) text.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= markers; i++) {
                ps.setArray(i, array);
            }
            return stream(ps, rs -> sink.accept(snapshot(rs, asOf)));
        }
    }

    /** What is done with each row read. */
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Executes the read, streaming its rows a fetch at a time; returns their number. */
    private static int stream(PreparedStatement ps, Row row) throws SQLException {
        ps.setFetchSize(FETCH);
        int count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
                count++;
            }
        }
        return count;
    }

    private static AccountSnapshot snapshot(ResultSet rs, LocalDate asOf) throws SQLException {
        long accountId = rs.getLong(1);
        long customerId = rs.getLong(2);
        String currency = rs.getString(4);
        double scale = SCALE[Currencies.fractionDigits(Currencies.of(currency))];
        LocalDate openedOn = rs.getObject(6, LocalDate.class);
        long creditLimit = rs.getLong(7);
        LocalDate oldestOverdue = rs.getObject(10, LocalDate.class);
        LocalDate oldestOpen = rs.getObject(11, LocalDate.class);
        long dpd = oldestOverdue == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(oldestOverdue, asOf));
        Array channelArray = rs.getArray(16);
        // one contact point per kind may consent to a channel that another also does: sorted, distinct
        List<String> channels = channelArray == null ? List.of()
                : Arrays.stream((String[]) channelArray.getArray()).distinct().sorted().toList();
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
                rs.getLong(18), rs.getLong(19), due12 == 0 ? 1.0 : (double) (due12 - late12) / due12,
                rs.getLong(38), rs.getLong(43),
                lastContact == null ? Facts.NEVER : Math.max(0, ChronoUnit.DAYS.between(lastContact, asOf)),
                0, "", open == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(open.openedOn(), asOf)),
                open == null ? 0 : open.step(), open == null || open.variant() == null ? "" : open.variant(),
                open != null && open.promiseActive(), open != null && open.disputeOpen());
        // overdue beyond what an active plan still has to collect is outside it (PlanRules.overdueOutside)
        long overdue = rs.getLong(9);
        long planLeft = rs.getLong(45);
        long outsidePlan = rs.wasNull() ? overdue : Math.max(0, overdue - planLeft);
        Facts withReversals = scored(facts, rs).withReversedPayments(rs.getLong(44))
                .withOverdueOutsidePlan(outsidePlan / scale).withReversalsAtCaseOpen(rs.getLong(46));
        Situation situation = new Situation(withReversals, asOf, oldestOpen,
                open == null ? null : open.position());
        return new AccountSnapshot(customerId, situation, open);
    }

    /** Returns the facts with the stored score, or the interim score when the account has none. */
    private static Facts scored(Facts facts, ResultSet rs) throws SQLException {
        long points = rs.getLong(39);
        if (rs.wasNull()) {
            return InterimScore.scored(facts);
        }
        Array reasons = rs.getArray(41);
        double missRisk = rs.getDouble(42);
        return facts.withScore(points, rs.getString(40),
                reasons == null ? List.of() : List.of((String[]) reasons.getArray()), missRisk);
    }
}
