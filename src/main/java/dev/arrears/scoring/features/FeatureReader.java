package dev.arrears.scoring.features;

import dev.arrears.shared.Currencies;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The one streaming read of the features of {@link Features} for a range (or a list) of accounts as of a date.
 * Only rows dated on or before the date count: bills by issue date (and due date for lateness), payments by the
 * local date of their received instant in the customer's zone (a reversal counts from its own local date),
 * adjustments by effective date, promises by the date they were broken, dispute flags and contacts by the local
 * date they were set or made. Delinquency episodes count from their start; an episode still open on the date (or
 * cured after it) is clipped there: its days past due are {@code asOf − startedOn + 1}, never its stored maximum,
 * which may describe later days. Balance and overdue are recomputed from the history, allocating oldest due first.
 * Like the cycle's read, dates and the account filter are literals in the text so that the planner sees real ranges.
 */
public final class FeatureReader {

    /** Rows fetched per round trip while streaming. */
    static final int FETCH = 4096;

    /** Which accounts of the filter are read. */
    public enum Scope {
        /** Every account opened on or before the date (training sets). */
        ALL,
        /** Accounts that owe something now or have an open case (the scoring run). */
        OWING
    }

    /*
     * %1$s as-of, %2$s as-of − 3 months, %3$s − 6 months, %4$s − 12 months, %5$s − 90 days, %6$s − 97 days,
     * %7$s − 7 days; %8$s filter on a.id, %9$s on account_id, %10$s on b.account_id, (%11$s, on e.account_id, unused),
     * %12$s on p.account_id, %13$s on c.account_id, %14$s the scope's joins, %15$s as-of + 1 day, %16$s as-of − 6
     * months + 1 day, %17$s the scope's condition, %18$s a payment's customer's zone, %19$s/%20$s the instants 18
     * hours before/after UTC's midnight that begins as-of + 1 day, %21$s/%22$s those of as-of − 6 months + 1 day.
     */
    private static final String SQL = """
            with acc as materialized (
                select a.id, a.customer_id, a.product_line, a.currency, a.opened_on, a.credit_limit_minor
                from account a %14$s
                where %8$s and a.opened_on <= date '%1$s' %17$s
            ), cu as materialized (
                select c.id, c.type, c.time_zone from customer c
                where c.id between (select min(customer_id) from acc) and (select max(customer_id) from acc)
                  and c.id in (select customer_id from acc)
            ), az as materialized (
                -- each account's zone (for its contacts)
                select acc.id, cu.time_zone from acc join cu on cu.id = acc.customer_id
            ), epr as materialized (
                -- the range's episodes (of accounts the scope leaves out too: the final join drops them, and a semi
                -- join here and on the bills cost more than the few rows it saves while most accounts of a range owe)
                select account_id, started_on, ended_on, max_days_past_due
                from delinquency_episode
                where %9$s and started_on <= date '%1$s'
            ), ep as materialized (
                -- episodes started by the date; one open on it (or cured after it) counts its days up to the date
                select account_id,
                       count(*) filter (where started_on > date '%2$s') as t3,
                       count(*) filter (where started_on > date '%3$s') as t6,
                       count(*) filter (where started_on > date '%4$s') as t12,
                       max(case when ended_on <= date '%1$s' then max_days_past_due
                                else date '%1$s' - started_on + 1 end)
                           filter (where ended_on is null or ended_on > date '%2$s') as w3,
                       max(case when ended_on <= date '%1$s' then max_days_past_due
                                else date '%1$s' - started_on + 1 end)
                           filter (where ended_on is null or ended_on > date '%3$s') as w6,
                       max(case when ended_on <= date '%1$s' then max_days_past_due
                                else date '%1$s' - started_on + 1 end)
                           filter (where ended_on is null or ended_on > date '%4$s') as w12,
                       -- months 4 to 6: clipped at the date three months back
                       max(case when ended_on <= date '%2$s' then max_days_past_due
                                else date '%2$s' - started_on + 1 end)
                           filter (where started_on <= date '%2$s'
                                   and (ended_on is null or ended_on > date '%3$s')) as w46,
                       max(date '%1$s' - started_on + 1)
                           filter (where ended_on is null or ended_on > date '%1$s') as dpd
                from epr
                group by account_id
            ), bl as materialized (
                -- bills issued by the date; a bill due before it is late when its next day found the account
                -- delinquent
                select b.account_id,
                       sum(b.total_minor)::bigint as billed,
                       sum(b.total_minor) filter (where b.due_date < date '%1$s')::bigint as billed_due,
                       count(*) filter (where b.due_date < date '%1$s' and b.due_date >= date '%2$s') as due3,
                       count(*) filter (where b.due_date < date '%1$s' and b.due_date >= date '%3$s') as due6,
                       count(*) filter (where b.due_date < date '%1$s' and b.due_date >= date '%4$s') as due12,
                       count(e.account_id) filter (where b.due_date >= date '%2$s') as late3,
                       count(e.account_id) filter (where b.due_date >= date '%3$s') as late6,
                       count(e.account_id) filter (where b.due_date >= date '%4$s') as late12,
                       count(e.account_id) filter (where b.due_date < date '%2$s'
                                                   and b.due_date >= date '%3$s') as late46,
                       count(*) filter (where b.issue_date > date '%3$s') as n6,
                       -- as float8: on bigint these aggregate in numeric, several times slower
                       avg(b.total_minor::float8) filter (where b.issue_date > date '%3$s') as avg6,
                       stddev_pop(b.total_minor::float8) filter (where b.issue_date > date '%3$s') as sd6,
                       sum(b.total_minor) filter (where b.issue_date > date '%3$s')::bigint as billed6
                from bill b
                left join epr e on e.account_id = b.account_id
                     and b.due_date < date '%1$s'
                     and e.started_on <= b.due_date + 1 and (e.ended_on is null or e.ended_on > b.due_date + 1)
                where %10$s and b.issue_date <= date '%1$s'
                group by b.account_id
            ), pm as materialized (
                -- payments received by the end of D in the customer's zone (before its local day D + 1 begins); one
                -- reversed by then is gone; paid6 since its local day D − 6 months + 1. Every zone's midnight lies
                -- within 18 hours of UTC's, so only an instant within 18 hours of one looks up its customer's zone
                -- (%18$s, for those rows alone): the rest aggregate without a join
                select p.account_id,
                       sum(p.amount_minor)::bigint as paid,
                       sum(p.amount_minor) filter (where p.received_at >= %22$s or (p.received_at >= %21$s
                           and p.received_at >= (date '%16$s')::timestamp at time zone %18$s))::bigint as paid6,
                       max(p.received_at) as last_paid_at
                from payment p
                where %12$s
                  and (p.received_at < %19$s
                       or (p.received_at < %20$s and p.received_at < (date '%15$s')::timestamp at time zone %18$s))
                  and (p.reversed_at is null or p.reversed_at >= %20$s
                       or (p.reversed_at >= %19$s and p.reversed_at >= (date '%15$s')::timestamp at time zone %18$s))
                group by p.account_id
            ), adj as materialized (
                select account_id,
                       sum(amount_minor) filter (where type = 'DEBIT_NOTE')::bigint as debits,
                       sum(amount_minor) filter (where type = 'DEBIT_NOTE'
                                                 and coalesce(due_date, effective_date) < date '%1$s')::bigint
                           as debits_due,
                       sum(amount_minor) filter (where type <> 'DEBIT_NOTE')::bigint as credits
                from adjustment
                where %9$s and account_id in (select id from acc) and effective_date <= date '%1$s'
                group by account_id
            ), pr as materialized (
                select account_id,
                       count(*) filter (where ended_on > date '%5$s') as b90,
                       count(*) as b12
                from promise
                where %9$s and state = 'BROKEN' and ended_on > date '%4$s' and ended_on <= date '%1$s'
                group by account_id
            ), fl as materialized (
                -- disputes raised in 12 months, for all the customer's debts or for this account
                select acc.id as account_id, count(*) as n
                from debtor_flag f
                join acc on acc.customer_id = f.customer_id and (f.debt_id is null or f.debt_id = acc.id::text)
                join cu on cu.id = f.customer_id
                where f.customer_id between (select min(customer_id) from acc) and (select max(customer_id) from acc)
                  and f.flag = 'DISPUTE_OPEN'
                  and (f.set_at at time zone cu.time_zone)::date > date '%4$s'
                  and (f.set_at at time zone cu.time_zone)::date <= date '%1$s'
                group by acc.id
            ), ct as materialized (
                -- outbound contacts made 97 to 7 days before the date (their week has passed), and those followed
                -- by a payment within 7 days
                select c.account_id, count(*) as n,
                       count(*) filter (where exists (select 1 from payment p where p.account_id = c.account_id
                           and p.received_at >= c.at and p.received_at < c.at + interval '7 days')) as answered
                from contact_attempt c join az on az.id = c.account_id
                where %13$s and c.direction = 'OUTBOUND'
                  and (c.at at time zone az.time_zone)::date > date '%6$s'
                  and (c.at at time zone az.time_zone)::date <= date '%7$s'
                group by c.account_id
            )
            select acc.id, acc.product_line, cu.type, acc.currency, acc.opened_on, acc.credit_limit_minor,
                   ep.t3, ep.t6, ep.t12, ep.w3, ep.w6, ep.w12, ep.w46, ep.dpd,
                   bl.billed, bl.billed_due, bl.due3, bl.due6, bl.due12, bl.late3, bl.late6, bl.late12, bl.late46,
                   bl.n6, bl.avg6, bl.sd6, bl.billed6,
                   pm.paid, pm.paid6, (pm.last_paid_at at time zone cu.time_zone)::date, adj.debits, adj.debits_due, adj.credits,
                   pr.b90, pr.b12, fl.n, ct.n, ct.answered
            from acc
            join cu on cu.id = acc.customer_id
            left join ep on ep.account_id = acc.id
            left join bl on bl.account_id = acc.id
            left join pm on pm.account_id = acc.id
            left join adj on adj.account_id = acc.id
            left join pr on pr.account_id = acc.id
            left join fl on fl.account_id = acc.id
            left join ct on ct.account_id = acc.id
            order by acc.id""";

    /**
     * The scoring run's accounts: a positive balance on the state row, or an open case. Joined through their
     * indexes with the range written on each table (an {@code exists} under an {@code or} became a hashed subplan
     * that scanned every state row for each range).
     */
    private static final String OWING_JOIN = """
            left join account_state s on s.account_id = a.id and %1$s
                left join collection_case o on o.account_id = a.id and o.status = 'OPEN' and %2$s""";
    private static final String OWING_WHERE = "and (s.balance_minor > 0 or o.id is not null)";

    /** Minor units per major unit by a currency's fraction digits (0 to 4 in ISO 4217). */
    private static final double[] SCALE = {1, 10, 100, 1_000, 10_000};

    private FeatureReader() {
    }

    /** Returns the read for a date with a filter on an account-id column. */
    static String sql(LocalDate asOf, Scope scope, UnaryOperator<String> filter) {
        return SQL.formatted(asOf, asOf.minusMonths(3), asOf.minusMonths(6), asOf.minusMonths(12),
                asOf.minusDays(90), asOf.minusDays(97), asOf.minusDays(7), filter.apply("a.id"),
                filter.apply("account_id"), filter.apply("b.account_id"), filter.apply("e.account_id"),
                filter.apply("p.account_id"), filter.apply("c.account_id"),
                scope == Scope.OWING ? OWING_JOIN.formatted(filter.apply("s.account_id"),
                        filter.apply("o.account_id")) : "",
                asOf.plusDays(1), asOf.minusMonths(6).plusDays(1), scope == Scope.OWING ? OWING_WHERE : "",
                PAYMENT_ZONE, instant(asOf.plusDays(1), -ZONE_SPAN), instant(asOf.plusDays(1), ZONE_SPAN),
                instant(asOf.minusMonths(6).plusDays(1), -ZONE_SPAN), instant(asOf.minusMonths(6).plusDays(1), ZONE_SPAN));
    }

    /** Hours within which every zone's local midnight lies of UTC's (offsets are at most ±18 hours). */
    private static final int ZONE_SPAN = 18;

    /** The zone of a payment's customer, looked up by index for the payments near a local midnight only. */
    private static final String PAYMENT_ZONE = "(select z.time_zone from customer z"
            + " where z.id = (select za.customer_id from account za where za.id = p.account_id))";

    /** Returns the SQL literal of the instant {@code hours} after UTC's midnight that begins a day. */
    private static String instant(LocalDate day, int hours) {
        return "timestamptz '" + day.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(hours).toInstant() + "'";
    }

    /** Returns the executed plan (EXPLAIN ANALYZE) of the read of the first {@code size} account ids. */
    public static String explain(Connection connection, LocalDate asOf, int size) throws SQLException {
        StringBuilder plan = new StringBuilder();
        long first;
        try (PreparedStatement ps = connection.prepareStatement("select coalesce(min(id), 0) from account");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getLong(1);
        }
        try (PreparedStatement ps = connection.prepareStatement("explain (analyze, buffers) " + sql(asOf,
                Scope.OWING, c -> c + " between " + first + " and " + (first + size - 1)));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /**
     * Streams the features of the accounts with ids in [first, last] as of a date; returns their number. The range
     * is bound as parameters, so that one text serves every range of a date: the statement is prepared on the server
     * once per connection and date, and its rows come in binary (the text form of 38 columns cost the database and
     * this side about a seventh of a scoring run). Each execution is still planned for its own range.
     */
    public static int readRange(Connection connection, long first, long last, LocalDate asOf, Scope scope,
                                Consumer<FeatureRow> sink) throws SQLException {
        String sql = sql(asOf, scope, c -> c + " between ? and ?");
        try (Statement st = connection.createStatement()) {
            st.execute("set plan_cache_mode = force_custom_plan");
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
            // the text has no other question mark: each filter is one pair
            long parameters = sql.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= parameters; i += 2) {
                ps.setLong(i, first);
                ps.setLong(i + 1, last);
            }
            return read(ps, asOf, sink);
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("reset plan_cache_mode");
            }
        }
    }

    /** Streams the features of the listed accounts as of a date (those opened by then); returns their number. */
    public static int readAccounts(Connection connection, long[] accountIds, LocalDate asOf,
                                   Consumer<FeatureRow> sink) throws SQLException {
        if (accountIds.length == 0) {
            return 0;
        }
        String list = "'{" + Arrays.stream(accountIds).mapToObj(Long::toString)
                .collect(Collectors.joining(",")) + "}'::bigint[]";
        return read(connection, sql(asOf, Scope.ALL, c -> c + " = any (" + list + ")"), asOf, sink);
    }

    private static int read(Connection connection, String sql, LocalDate asOf, Consumer<FeatureRow> sink)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            return read(ps, asOf, sink);
        }
    }

    private static int read(PreparedStatement ps, LocalDate asOf, Consumer<FeatureRow> sink) throws SQLException {
        int count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(row(rs, asOf));
                count++;
            }
        }
        return count;
    }

    private static final int ON3 = Features.index(Features.ON_TIME_RATIO_3M);
    private static final int ON6 = Features.index(Features.ON_TIME_RATIO_6M);
    private static final int ON12 = Features.index(Features.ON_TIME_RATIO_12M);
    private static final int T3 = Features.index(Features.TIMES_DELINQUENT_3M);
    private static final int T6 = Features.index(Features.TIMES_DELINQUENT_6M);
    private static final int T12 = Features.index(Features.TIMES_DELINQUENT_12M);
    private static final int W3 = Features.index(Features.MAX_DPD_3M);
    private static final int W6 = Features.index(Features.MAX_DPD_6M);
    private static final int W12 = Features.index(Features.MAX_DPD_12M);
    private static final int DPD_TREND = Features.index(Features.DPD_TREND);
    private static final int LATE_TREND = Features.index(Features.LATE_BILLS_TREND);
    private static final int DPD = Features.index(Features.DAYS_PAST_DUE);
    private static final int BALANCE = Features.index(Features.BALANCE);
    private static final int OVERDUE = Features.index(Features.OVERDUE);
    private static final int UTILISATION = Features.index(Features.UTILISATION);
    private static final int TENURE = Features.index(Features.TENURE_MONTHS);
    private static final int AVG6 = Features.index(Features.AVG_BILL_6M);
    private static final int VOL6 = Features.index(Features.BILL_VOLATILITY_6M);
    private static final int PAID_TO_BILLED = Features.index(Features.PAID_TO_BILLED_6M);
    private static final int BP90 = Features.index(Features.BROKEN_PROMISES_90D);
    private static final int BP12 = Features.index(Features.BROKEN_PROMISES_12M);
    private static final int DISPUTES = Features.index(Features.DISPUTES_12M);
    private static final int RESPONSE = Features.index(Features.CONTACT_RESPONSE_90D);
    private static final int SINCE_PAID = Features.index(Features.DAYS_SINCE_LAST_PAYMENT);
    private static final int PRODUCT = Features.index(Features.PRODUCT_LINE);
    private static final int CUSTOMER_TYPE = Features.index(Features.CUSTOMER_TYPE);

    private static FeatureRow row(ResultSet rs, LocalDate asOf) throws SQLException {
        double[] n = new double[Features.COUNT];
        Arrays.fill(n, Double.NaN);
        String[] s = new String[Features.COUNT];
        long accountId = rs.getLong(1);
        s[PRODUCT] = rs.getString(2);
        s[CUSTOMER_TYPE] = rs.getString(3);
        double scale = SCALE[Currencies.fractionDigits(Currencies.of(rs.getString(4)))];
        LocalDate openedOn = rs.getObject(5, LocalDate.class);
        long limit = rs.getLong(6);
        boolean hasLimit = !rs.wasNull() && limit > 0;
        // episodes: counts and worst days past due (0 with none)
        n[T3] = rs.getLong(7);
        n[T6] = rs.getLong(8);
        n[T12] = rs.getLong(9);
        n[W3] = rs.getLong(10);
        n[W6] = rs.getLong(11);
        n[W12] = rs.getLong(12);
        n[DPD_TREND] = n[W3] - rs.getLong(13);
        n[DPD] = rs.getLong(14);
        // bills
        long billed = rs.getLong(15);
        long billedDue = rs.getLong(16);
        n[ON3] = ratio(rs.getLong(17), rs.getLong(20));
        n[ON6] = ratio(rs.getLong(18), rs.getLong(21));
        n[ON12] = ratio(rs.getLong(19), rs.getLong(22));
        n[LATE_TREND] = rs.getLong(20) - rs.getLong(23);
        long n6 = rs.getLong(24);
        double avg6 = rs.getDouble(25);
        double sd6 = rs.getDouble(26);
        long billed6 = rs.getLong(27);
        if (n6 > 0) {
            n[AVG6] = avg6 / scale;
            // the coefficient of variation needs two bills and a mean above zero
            n[VOL6] = n6 >= 2 && avg6 > 0 ? sd6 / avg6 : Double.NaN;
        }
        // payments and adjustments
        long paid = rs.getLong(28);
        long paid6 = rs.getLong(29);
        LocalDate lastPaid = rs.getObject(30, LocalDate.class);
        long debits = rs.getLong(31);
        long debitsDue = rs.getLong(32);
        long credits = rs.getLong(33);
        long balance = billed + debits - paid - credits;
        long overdue = Math.max(0, Math.min(balance, billedDue + debitsDue - paid - credits));
        n[BALANCE] = balance / scale;
        n[OVERDUE] = overdue / scale;
        n[UTILISATION] = hasLimit ? (double) balance / limit : Double.NaN;
        n[TENURE] = Math.max(0, ChronoUnit.MONTHS.between(openedOn, asOf));
        n[PAID_TO_BILLED] = billed6 > 0 ? (double) paid6 / billed6 : Double.NaN;
        n[SINCE_PAID] = lastPaid == null ? Double.NaN : ChronoUnit.DAYS.between(lastPaid, asOf);
        n[BP90] = rs.getLong(34);
        n[BP12] = rs.getLong(35);
        n[DISPUTES] = rs.getLong(36);
        long contacts = rs.getLong(37);
        n[RESPONSE] = contacts == 0 ? Double.NaN : (double) rs.getLong(38) / contacts;
        return new FeatureRow(accountId, n, s);
    }

    /** Returns the share of bills paid on time, NaN when none fell due. */
    private static double ratio(long due, long late) {
        return due == 0 ? Double.NaN : (double) (due - late) / due;
    }
}
