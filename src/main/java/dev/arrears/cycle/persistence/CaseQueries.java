package dev.arrears.cycle.persistence;

import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.cycle.CaseViews.DueAction;
import dev.arrears.cycle.CaseViews.Settlement;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CaseViews.PlannedActionView;
import dev.arrears.cycle.CaseViews.TimelineEntry;
import dev.arrears.ledger.Views.Page;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads cases, their timelines and planned actions. */
public final class CaseQueries {

    private static final String ACTION = """
            select p.id, p.case_id, p.account_id, p.run_id, p.planned_on, p.scheduled_on, p.step, p.action, p.channel,
                   p.template, p.queue, p.manager, p.level, p.agency, p.fallback, v.name, v.version,
                   p.strategy_version_id, p.segment, p.variant, p.skipped, p.notice_first, p.state, p.state_reason,
                   p.created_at
            from planned_action p left join strategy_version v on v.id = p.strategy_version_id""";

    private static final String CASE = """
            select id, account_id, customer_id, status, opened_on, closed_on, close_reason, strategy,
                   strategy_version_id, segment, variant, step, last_step_on, next_step_on, outcome, promise_active,
                   dispute_open
            from collection_case""";

    private final JdbcClient jdbc;

    public CaseQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Lists planned actions matching the filter, newest first. */
    public Page<PlannedActionView> actions(ActionFilter f) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (f.date() != null) {
            where.append(" and p.planned_on = ?");
            params.add(f.date());
        }
        if (f.channel() != null) {
            where.append(" and p.channel = ?");
            params.add(f.channel());
        }
        if (f.action() != null) {
            where.append(" and p.action = ?");
            params.add(f.action());
        }
        if (f.accountId() != null) {
            where.append(" and p.account_id = ?");
            params.add(f.accountId());
        }
        if (f.state() != null) {
            where.append(" and p.state = ?");
            params.add(f.state());
        }
        if (f.caseId() != null) {
            where.append(" and p.case_id = ?");
            params.add(f.caseId());
        }
        long total = jdbc.sql("select count(*) from planned_action p" + where).params(params)
                .query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(f.size());
        paged.add((long) f.page() * f.size());
        List<PlannedActionView> items = jdbc.sql(ACTION + where + " order by p.id desc limit ? offset ?")
                .params(paged).query(CaseQueries::action).list();
        return new Page<>(items, f.page(), f.size(), total);
    }

    /** Sets a boolean hold column of an account's open case, bumping its version; false when none is open. */
    public boolean setFlag(long accountId, String column, boolean value, LocalDate on, String event) {
        if (!column.equals("promise_active") && !column.equals("dispute_open")) {
            throw new IllegalArgumentException("not a case flag: " + column);
        }
        List<Long> ids = jdbc.sql("update collection_case set " + column + " = ?, version = version + 1,"
                        + " updated_at = now() where account_id = ? and status = 'OPEN' returning id")
                .params(value, accountId).query(Long.class).list();
        for (long id : ids) {
            jdbc.sql("insert into case_event (case_id, on_date, kind, detail, created_at) values (?, ?, ?, ?, now())")
                    .params(id, on, event, column.replace('_', ' ') + " = " + value).update();
        }
        return !ids.isEmpty();
    }

    /** Closes an account's open case with a reason and cancels its planned actions; false when none is open. */
    public boolean close(long accountId, String reason, LocalDate on, String detail) {
        List<Long> ids = jdbc.sql("""
                        update collection_case set status = 'CLOSED', closed_on = ?, close_reason = ?,
                            version = version + 1, updated_at = now()
                        where account_id = ? and status = 'OPEN' returning id""")
                .params(on, reason, accountId).query(Long.class).list();
        for (long id : ids) {
            jdbc.sql("insert into case_event (case_id, on_date, kind, detail, created_at) values (?, ?, 'CLOSED', ?,"
                    + " now())").params(id, on, reason + ": " + detail).update();
            jdbc.sql("update planned_action set state = 'CANCELLED', state_reason = ?, updated_at = now()"
                    + " where case_id = ? and state = 'PLANNED'").params("case closed: " + reason, id).update();
        }
        return !ids.isEmpty();
    }

    /** Returns the customers of accounts. */
    public List<Long> customersOf(java.util.Collection<Long> accountIds) {
        return jdbc.sql("select distinct customer_id from account where id = any (?)")
                .param(accountIds.toArray(Long[]::new)).query(Long.class).list();
    }

    /**
     * Sets {@code dispute_open} of a customer's open cases to whether the customer disputes all debts or the case's
     * account is among the disputed ones, writing a DISPUTE_OPENED or DISPUTE_CLOSED event dated {@code at} in the
     * account's zone on each case that changed; returns how many changed. Cases already right are left alone.
     */
    public int syncDisputes(long customerId, boolean allDebts, Long[] disputedAccounts, java.time.Instant at) {
        return jdbc.sql("""
                        with target as (
                            select c.id, (? or c.account_id = any (?)) as disputed
                            from collection_case c
                            where c.account_id in (select a.id from account a where a.customer_id = ?)
                              and c.status = 'OPEN'
                        ), changed as (
                            update collection_case c set dispute_open = t.disputed, version = c.version + 1,
                                   updated_at = now()
                            from target t where c.id = t.id and c.dispute_open <> t.disputed
                            returning c.id, c.account_id, c.dispute_open
                        )
                        insert into case_event (case_id, on_date, kind, detail, created_at)
                        select ch.id, (?::timestamptz at time zone coalesce(s.time_zone, 'UTC'))::date,
                               case when ch.dispute_open then 'DISPUTE_OPENED' else 'DISPUTE_CLOSED' end,
                               'dispute open = ' || ch.dispute_open, now()
                        from changed ch left join account_state s on s.account_id = ch.account_id""")
                .params(allDebts, disputedAccounts, customerId, java.sql.Timestamp.from(at)).update();
    }

    /** Marks pending actions planned before a date as done by a simulation; returns how many. */
    public long settleSimulated(LocalDate before) {
        return jdbc.sql("""
                        update planned_action set state = case when channel is null then 'DONE' else 'SENT' end,
                            state_reason = 'simulated by the demo replay', updated_at = now()
                        where planned_on < ? and state = 'PLANNED'""")
                .param(before).update();
    }

    /** Marks due contact actions QUEUED and returns them (see {@code Cycles.queueDueActions}). */
    public List<DueAction> queueDue(Instant now, int maxAgeDays, int limit, Collection<Long> accountIds) {
        String scope = accountIds == null ? "" : " and p.account_id = any (?)";
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(now));
        params.add(maxAgeDays);
        if (accountIds != null) {
            params.add(accountIds.toArray(Long[]::new));
        }
        params.add(limit);
        return jdbc.sql("""
                        with due as (
                            select p.id from planned_action p
                            join account_state s on s.account_id = p.account_id
                            cross join lateral (select (?::timestamptz at time zone s.time_zone)::date as today) t
                            where p.state = 'PLANNED' and p.channel is not null and p.scheduled_on <= t.today
                              and p.planned_on >= t.today - ?::int""" + scope + """

                            order by p.id limit ? for update of p skip locked)
                        update planned_action p set state = 'QUEUED', updated_at = now()
                        from due, collection_case c
                        where p.id = due.id and c.id = p.case_id
                        returning p.id, p.case_id, p.account_id, c.customer_id, p.planned_on, p.scheduled_on, p.step,
                                  p.action, p.channel, p.template, p.queue, p.fallback""")
                .params(params)
                .query((rs, n) -> new DueAction(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)))
                .list();
    }

    /**
     * Plans contacts on their accounts' latest cases when open or closed as cured, each once by its source key (ON
     * CONFLICT DO NOTHING); returns the source keys planned now. A contact of an account without such a case is not
     * planned.
     */
    public List<String> planContacts(Collection<dev.arrears.cycle.CaseViews.PlannedContact> contacts) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        var list = List.copyOf(contacts);
        return jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action, channel,
                            template, fallback, strategy_version_id, segment, variant, facts, state, source, created_at,
                            updated_at)
                        select c.id, c.account_id, u.planned_on::date, u.scheduled_on::date, 0, u.channel, u.channel, u.template,
                               u.fallback, c.strategy_version_id, coalesce(c.segment, ''), coalesce(c.variant, ''), '',
                               'PLANNED', u.source, now(), now()
                        from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as u(source, account_id, planned_on, scheduled_on, channel, template, fallback)
                        -- the account's latest case: open, or closed as cured (a plan's later instalments may pay bills
                        -- not yet due, so the case can cure while the plan runs); not one settled or written off
                        join lateral (select id, account_id, status, close_reason, strategy_version_id, segment, variant
                                      from collection_case where account_id = u.account_id order by id desc limit 1) c
                             on c.status = 'OPEN' or c.close_reason = 'CURED'
                        on conflict (source) where source is not null do nothing
                        returning source""")
                .params(list.stream().map(c -> c.source()).toArray(String[]::new),
                        list.stream().map(c -> c.accountId()).toArray(Long[]::new),
                        list.stream().map(c -> c.plannedOn().toString()).toArray(String[]::new),
                        list.stream().map(c -> c.scheduledOn().toString()).toArray(String[]::new),
                        list.stream().map(c -> c.channel()).toArray(String[]::new),
                        list.stream().map(c -> c.template()).toArray(String[]::new),
                        list.stream().map(c -> c.fallback()).toArray(String[]::new))
                .query(String.class).list();
    }

    /**
     * Cancels an account's still-planned contacts whose source key starts with {@code sourcePrefix} (a plan's
     * reminders: {@code plan:12:}); returns how many. Queued ones are left to dispatch's re-check at hand-over.
     */
    public int cancelSourced(long accountId, String sourcePrefix, String reason) {
        return jdbc.sql("""
                        update planned_action set state = 'CANCELLED', state_reason = ?, updated_at = now()
                        where account_id = ? and state = 'PLANNED' and source is not null
                          and left(source, length(?)) = ?""")
                .params(reason, accountId, sourcePrefix, sourcePrefix).update();
    }

    /** Returns the source key of a planned action another module planned; empty for a ladder step. */
    public Optional<String> source(long actionId) {
        return jdbc.sql("select source from planned_action where id = ? and source is not null").param(actionId)
                .query(String.class).optional();
    }

    /** Returns planned actions' states with their cases' status and holds, by action id. */
    public Map<Long, ActionState> actionStates(Collection<Long> actionIds) {
        Map<Long, ActionState> states = new HashMap<>();
        if (actionIds.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                        select p.id, p.state, c.id, c.status, c.anchor_due, c.outcome, c.promise_active, c.dispute_open,
                               p.source
                        from planned_action p join collection_case c on c.id = p.case_id
                        where p.id = any (?)""")
                .param(actionIds.toArray(Long[]::new))
                .query(rs -> {
                    states.put(rs.getLong(1), new ActionState(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBoolean(7),
                            rs.getBoolean(8), rs.getString(9)));
                });
        return states;
    }

    /** Settles queued or planned actions; returns how many changed. */
    public int settle(Collection<Settlement> settlements) {
        if (settlements.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update planned_action p set state = u.state, state_reason = u.reason, updated_at = now()
                        from unnest(?::bigint[], ?::text[], ?::text[]) as u(id, state, reason)
                        where p.id = u.id and p.state in ('PLANNED', 'QUEUED')""")
                .params(settlements.stream().map(Settlement::actionId).toArray(Long[]::new),
                        settlements.stream().map(Settlement::state).toArray(String[]::new),
                        settlements.stream().map(Settlement::reason).toArray(String[]::new))
                .update();
    }

    /** Counts all cases. */
    /**
     * Returns what each variant of a strategy achieved: cases per variant, and the payments received on their
     * accounts while they were open (each payment's date in its account's zone), by currency. Reads every case of
     * the strategy.
     */
    public List<dev.arrears.cycle.CaseViews.VariantResult> variantResults(String strategy) {
        Map<String, Map<String, Long>> collected = new HashMap<>();
        jdbc.sql("""
                        select coalesce(c.variant, '-'), p.currency, sum(p.amount_minor)::bigint
                        from collection_case c
                        join account_state s on s.account_id = c.account_id
                        join payment p on p.account_id = c.account_id and p.reversed_at is null
                        where c.strategy = ?
                          and (p.received_at at time zone s.time_zone)::date >= c.opened_on
                          and (c.closed_on is null or (p.received_at at time zone s.time_zone)::date <= c.closed_on)
                        group by 1, 2""")
                .param(strategy)
                .query(rs -> {
                    collected.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                            .put(rs.getString(2).strip(), rs.getLong(3));
                });
        // grouped by the column itself (not coalesce(...)), so that the index on (strategy, variant, account_id)
        // (V29) yields the rows in group order and the distinct accounts need no sort; '-' and the order in Java
        return jdbc.sql("""
                        select variant, count(distinct account_id), count(*),
                               count(*) filter (where status = 'OPEN'), count(*) filter (where close_reason = 'CURED')
                        from collection_case where strategy = ?
                        group by variant""")
                .param(strategy)
                .query((rs, n) -> {
                    String variant = rs.getString(1) == null ? "-" : rs.getString(1);
                    return new dev.arrears.cycle.CaseViews.VariantResult(variant, rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), java.util.Collections.unmodifiableMap(
                                    collected.getOrDefault(variant, new java.util.TreeMap<>())));
                })
                .list().stream()
                .sorted(java.util.Comparator.comparing(dev.arrears.cycle.CaseViews.VariantResult::variant))
                .toList();
    }

    public long caseCount() {
        return jdbc.sql("select count(*) from collection_case").query(Long.class).single();
    }

    /** Returns the time zone of each listed account. */
    public java.util.Map<Long, java.time.ZoneId> timeZones(java.util.Collection<Long> accountIds) {
        java.util.Map<Long, java.time.ZoneId> zones = new java.util.HashMap<>();
        jdbc.sql("select account_id, time_zone from account_state where account_id = any (?)")
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    zones.put(rs.getLong(1), java.time.ZoneId.of(rs.getString(2)));
                });
        return zones;
    }

    /** Returns one planned action. */
    public Optional<PlannedActionView> action(long id) {
        return jdbc.sql(ACTION + " where p.id = ?").param(id).query(CaseQueries::action).optional();
    }

    /** Returns the stored facts of an action, as written by FactCodec. */
    public Optional<String> facts(long actionId) {
        return jdbc.sql("select facts from planned_action where id = ?").param(actionId).query(String.class)
                .optional();
    }

    /** Returns a case with its timeline. */
    public Optional<CaseView> caseView(long id) {
        return jdbc.sql(CASE + " where id = ?").param(id).query((rs, n) -> caseRow(rs, timeline(id))).optional();
    }

    /** Returns the open case of an account, without timeline. */
    public Optional<CaseView> openCase(long accountId) {
        return jdbc.sql(CASE + " where account_id = ? and status = 'OPEN'").param(accountId)
                .query((rs, n) -> caseRow(rs, List.of())).optional();
    }

    /** Returns [hold, value] of a hold's change as {@link #setFlag} words it ("promise active = true"), else none. */
    private static List<String> holdArgs(String detail) {
        java.util.regex.Matcher m = detail == null ? null
                : java.util.regex.Pattern.compile("(promise active|dispute open) = (true|false)").matcher(detail);
        return m != null && m.matches() ? List.of(m.group(1).replace(' ', '_'), m.group(2)) : List.of();
    }

    /** Lists an account's cases, newest first, without timelines. */
    public List<CaseView> cases(long accountId) {
        return jdbc.sql(CASE + " where account_id = ? order by id desc").param(accountId)
                .query((rs, n) -> caseRow(rs, List.of())).list();
    }

    private List<TimelineEntry> timeline(long caseId) {
        List<TimelineEntry> entries = new ArrayList<>();
        jdbc.sql("select opened_on, strategy, segment, variant from collection_case where id = ?").param(caseId)
                .query(rs -> {
                    entries.add(new TimelineEntry(rs.getObject(1, LocalDate.class), "OPENED",
                            "strategy " + rs.getString(2) + ", segment " + rs.getString(3) + ", variant "
                                    + rs.getString(4), null, List.of(String.valueOf(rs.getString(2)),
                            String.valueOf(rs.getString(3)), String.valueOf(rs.getString(4)))));
                });
        jdbc.sql("select on_date, kind, detail from case_event where case_id = ? order by created_at")
                .param(caseId).query(rs -> {
                    entries.add(new TimelineEntry(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                            null, holdArgs(rs.getString(3))));
                });
        jdbc.sql("""
                        select planned_on, step, action, coalesce(template, queue, manager, level, agency, ''), state, id,
                               source
                        from planned_action where case_id = ? order by id""")
                .param(caseId).query(rs -> {
                    String source = rs.getString(7);
                    entries.add(new TimelineEntry(rs.getObject(1, LocalDate.class), "STEP_" + rs.getString(5),
                            (source == null ? "step " + rs.getInt(2) : source) + ": " + rs.getString(3) + " "
                                    + rs.getString(4), rs.getLong(6),
                            // another module's contact (a plan reminder) keeps its stored words
                            source == null ? List.of(Integer.toString(rs.getInt(2)), rs.getString(3), rs.getString(4))
                                    : List.of()));
                });
        // stable: by date, then opened first and closed last on one date
        entries.sort(Comparator.comparing(TimelineEntry::on)
                .thenComparing(e -> e.kind().equals("OPENED") ? 0 : e.kind().equals("CLOSED") ? 2 : 1));
        return entries;
    }

    private static CaseView caseRow(ResultSet rs, List<TimelineEntry> timeline) throws SQLException {
        return new CaseView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8),
                (Long) rs.getObject(9), rs.getString(10), rs.getString(11), rs.getInt(12),
                rs.getObject(13, LocalDate.class), rs.getObject(14, LocalDate.class), rs.getString(15),
                rs.getBoolean(16), rs.getBoolean(17), timeline);
    }

    private static PlannedActionView action(ResultSet rs, int n) throws SQLException {
        String skipped = rs.getString(21);
        return new PlannedActionView(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getString(15), rs.getString(16), (Integer) rs.getObject(17), rs.getLong(18),
                rs.getString(19), rs.getString(20),
                skipped == null ? List.of() : Arrays.stream(skipped.split(",")).map(Integer::valueOf).toList(),
                rs.getBoolean(22), rs.getString(23), rs.getString(24), rs.getTimestamp(25).toInstant());
    }
}
