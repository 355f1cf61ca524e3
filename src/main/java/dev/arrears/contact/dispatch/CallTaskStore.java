package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.CallTaskFilter;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.ledger.Views.Page;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static dev.arrears.contact.dispatch.JobStore.instant;
import static dev.arrears.contact.dispatch.JobStore.ts;

/** The SQL of call tasks: created from due CALL actions, listed by queue, locked while a collector dials. */
final class CallTaskStore {

    private static final String TASK = """
            select id, planned_action_id, case_id, account_id, customer_id, queue, priority, state, due_at, claimed_by,
                   claimed_at, attempts, last_outcome, last_result, call_back_at, summary, script, state_reason,
                   created_at, assignee, assigned_at, assigned_by, assigned_until
            from call_task""";

    /** Whether a task is free to claim at an instant (the parameter): nobody's, or its claim lapsed. */
    private static final String FREE = "(assignee is null or assigned_until < ?)";

    private final JdbcClient jdbc;

    CallTaskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A call task to create. */
    record NewTask(long plannedActionId, long caseId, long accountId, long customerId, String queue, long priority,
                   String summary, String script) {
    }

    /** Creates tasks (one per planned action); returns how many were created. */
    int create(List<NewTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into call_task (planned_action_id, case_id, account_id, customer_id, queue, priority,
                            state, due_at, summary, script, created_at, updated_at)
                        select u.pa, u.case_id, u.account_id, u.customer_id, u.queue, u.priority, 'OPEN', ?, u.summary,
                               u.script, ?, ?
                        from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[],
                                    ?::text[], ?::text[])
                             as u(pa, case_id, account_id, customer_id, queue, priority, summary, script)
                        on conflict (planned_action_id) do nothing""")
                .params(ts(now), ts(now), ts(now),
                        tasks.stream().map(NewTask::plannedActionId).toArray(Long[]::new),
                        tasks.stream().map(NewTask::caseId).toArray(Long[]::new),
                        tasks.stream().map(NewTask::accountId).toArray(Long[]::new),
                        tasks.stream().map(NewTask::customerId).toArray(Long[]::new),
                        tasks.stream().map(NewTask::queue).toArray(String[]::new),
                        tasks.stream().map(NewTask::priority).toArray(Long[]::new),
                        tasks.stream().map(NewTask::summary).toArray(String[]::new),
                        tasks.stream().map(NewTask::script).toArray(String[]::new))
                .update();
    }

    /** Returns a task and locks it until the transaction ends. */
    Optional<CallTaskView> lock(long id) {
        return jdbc.sql(TASK + " where id = ? for no key update").param(id).query(CallTaskStore::task).optional();
    }

    /** Returns a task. */
    Optional<CallTaskView> task(long id) {
        return jdbc.sql(TASK + " where id = ?").param(id).query(CallTaskStore::task).optional();
    }

    /** Lists an account's tasks still open or claimed, highest priority first. */
    List<CallTaskView> pendingOf(long accountId) {
        return jdbc.sql(TASK + " where account_id = ? and state in ('OPEN', 'CLAIMED') order by priority desc, due_at, id")
                .param(accountId).query(CallTaskStore::task).list();
    }

    /** Lists tasks by priority (highest first), then due time. */
    Page<CallTaskView> tasks(CallTaskFilter f) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (f.queue() != null) {
            where.append(" and queue = ?");
            params.add(f.queue());
        }
        if (f.state() != null) {
            where.append(" and state = ?");
            params.add(f.state());
        }
        if (f.assignee() != null) {
            where.append(" and assignee = ?");
            params.add(f.assignee());
        }
        long total = jdbc.sql("select count(*) from call_task" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(f.size());
        paged.add((long) f.page() * f.size());
        return new Page<>(jdbc.sql(TASK + where + " order by priority desc, due_at, id limit ? offset ?")
                .params(paged).query(CallTaskStore::task).list(), f.page(), f.size(), total);
    }

    /**
     * Lists the open and claimed tasks by priority (highest first), due time and id, at most {@code limit}: the
     * first from call_task_open_priority_idx, the claimed (few: one per collector dialling) by a short sort.
     */
    List<CallTaskView> active(int limit) {
        return jdbc.sql("(" + TASK + " where state = 'OPEN' order by priority desc, due_at, id limit ?)"
                        + " union all (" + TASK + " where state = 'CLAIMED' order by priority desc, due_at, id limit ?)"
                        + " order by priority desc, due_at, id limit ?")
                .params(limit, limit, limit).query(CallTaskStore::task).list();
    }

    /** Holds a task for a collector who is dialling (and assigns it to them if it was not theirs). */
    void claim(long id, String collector, Instant now, Instant until) {
        jdbc.sql("""
                        update call_task set state = 'CLAIMED', claimed_by = ?, claimed_at = ?, attempts = attempts + 1,
                            assigned_at = case when assignee = ? then assigned_at else ? end,
                            assigned_by = case when assignee = ? then assigned_by else ? end,
                            assigned_until = case when assignee = ? then assigned_until else ? end,
                            assignee = ?, updated_at = ? where id = ?""")
                .params(collector, ts(now), collector, ts(now), collector, collector, collector, ts(until),
                        collector, ts(now), id).update();
    }

    /**
     * Claims a task for a collector in one statement, so two collectors never both get it: an open task nobody
     * holds (or whose claim lapsed), or one already theirs (the claim is renewed); returns whether it is theirs now.
     */
    boolean take(long id, String collector, Instant now, Instant until) {
        return jdbc.sql("""
                        update call_task set assignee = ?, assigned_by = ?, assigned_until = ?,
                            assigned_at = case when assignee = ? then assigned_at else ? end, updated_at = ?
                        where id = ? and ((state = 'OPEN' and""" + " " + FREE + """
                        ) or (state in ('OPEN', 'CLAIMED') and assignee = ?))""")
                .params(collector, collector, ts(until), collector, ts(now), ts(now), id, ts(now), collector)
                .update() == 1;
    }

    /**
     * Claims the highest-priority open task that is due and free (of the queue; null: any) for a collector; the
     * lock skips tasks another collector is claiming this instant. Walks call_task_open_priority_idx (priority
     * desc, due_at, id where state = 'OPEN') in order and stops at the first row that passes the filter.
     */
    Optional<Long> takeNext(String collector, String queue, Instant now, Instant until) {
        List<Object> params = new ArrayList<>(List.of(collector, collector, ts(until), ts(now), ts(now), ts(now),
                ts(now)));
        String inQueue = "";
        if (queue != null) {
            inQueue = " and queue = ?";
            params.add(queue);
        }
        return jdbc.sql("""
                        update call_task t set assignee = ?, assigned_by = ?, assigned_until = ?, assigned_at = ?,
                            updated_at = ?
                        from (select id from call_task where state = 'OPEN' and due_at <= ? and""" + " " + FREE
                        + inQueue + """
                               order by priority desc, due_at, id limit 1 for no key update skip locked) n
                        where t.id = n.id returning t.id""")
                .params(params).query(Long.class).optional();
    }

    /** Returns the collector's own task to work first: one awaiting an outcome, else their highest due open task. */
    Optional<Long> ownNext(String collector, Instant now) {
        return jdbc.sql("""
                        select id from call_task where assignee = ? and state in ('OPEN', 'CLAIMED')
                            and (state = 'CLAIMED' or (due_at <= ? and (assigned_until is null or assigned_until >= ?)))
                        order by state = 'CLAIMED' desc, priority desc, due_at, id limit 1""")
                .params(collector, ts(now), ts(now)).query(Long.class).optional();
    }

    /** Assigns an open task to a user (null: releases it) until an instant (null: until released). */
    boolean assign(long id, String assignee, String by, Instant now, Instant until) {
        return jdbc.sql("""
                        update call_task set assignee = ?, assigned_by = ?, assigned_at = ?, assigned_until = ?,
                            updated_at = ? where id = ? and state = 'OPEN'""")
                .params(assignee, assignee == null ? null : by, assignee == null ? null : ts(now),
                        assignee == null ? null : ts(until), ts(now), id)
                .update() == 1;
    }

    /** Lists open tasks due and free to claim at the instant (of the queue; null: any), highest priority first. */
    List<CallTaskView> pool(String queue, Instant now, int limit) {
        List<Object> params = new ArrayList<>(List.of(ts(now), ts(now)));
        String inQueue = "";
        if (queue != null) {
            inQueue = " and queue = ?";
            params.add(queue);
        }
        params.add(limit);
        return jdbc.sql(TASK + " where state = 'OPEN' and due_at <= ? and " + FREE + inQueue
                        + " order by priority desc, due_at, id limit ?")
                .params(params).query(CallTaskStore::task).list();
    }

    /** Counts open and claimed tasks by queue and assignee (lapsed claims count as unassigned). */
    List<dev.arrears.contact.ContactViews.QueueLoad> loads(Instant now) {
        return jdbc.sql("""
                        select queue, case when assigned_until < ? then null else assignee end as who, count(*),
                               min(due_at), max(priority)
                        from call_task where state in ('OPEN', 'CLAIMED')
                        group by 1, 2 order by 1, 2 nulls first""")
                .param(ts(now))
                .query((rs, n) -> new dev.arrears.contact.ContactViews.QueueLoad(rs.getString(1), rs.getString(2),
                        rs.getLong(3), instant(rs.getTimestamp(4)), rs.getLong(5))).list();
    }

    /** Puts a task back in its queue, due at an instant (a deferral, an unanswered call, a call-back). */
    void reopen(long id, Instant dueAt, String outcome, String result, Instant callBackAt, String reason,
                Instant now) {
        jdbc.sql("""
                        update call_task set state = 'OPEN', due_at = ?, claimed_by = null, claimed_at = null,
                            assignee = null, assigned_at = null, assigned_by = null, assigned_until = null,
                            last_outcome = coalesce(?, last_outcome), last_result = coalesce(?, last_result),
                            call_back_at = coalesce(?, call_back_at), state_reason = ?, updated_at = ? where id = ?""")
                .params(ts(dueAt), outcome, result, ts(callBackAt), reason, ts(now), id).update();
    }

    /** Ends a task: DONE or CANCELLED, with the last outcome and a reason. */
    void end(long id, String state, String outcome, String result, String reason, Instant now) {
        jdbc.sql("""
                        update call_task set state = ?, last_outcome = coalesce(?, last_outcome),
                            last_result = coalesce(?, last_result), state_reason = ?, updated_at = ? where id = ?""")
                .params(state, outcome, result, reason, ts(now), id).update();
    }

    /** An open task: id and planned action. */
    record OpenTask(long id, long plannedActionId, long accountId) {
    }

    /**
     * Cancels open tasks (a claimed one is being called: already handed over), skipping those a collector's dial
     * holds right now; returns those cancelled.
     */
    List<OpenTask> cancel(Collection<Long> taskIds, String reason, Instant now) {
        return jdbc.sql("""
                        update call_task t set state = 'CANCELLED', state_reason = ?, updated_at = ?
                        where t.id in (select id from call_task where id = any (?) and state = 'OPEN'
                                       order by id for no key update skip locked)
                        returning t.id, t.planned_action_id, t.account_id""")
                .params(reason, ts(now), taskIds.toArray(Long[]::new))
                .query((rs, n) -> new OpenTask(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Returns the open tasks of accounts (not being called). */
    List<OpenTask> openTasks(Collection<Long> accountIds) {
        return jdbc.sql("select id, planned_action_id, account_id from call_task where account_id = any (?)"
                        + " and state = 'OPEN'")
                .param(accountIds.toArray(Long[]::new))
                .query((rs, n) -> new OpenTask(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** A task whose place in the queue may move: open or being called, with its stored priority. */
    record RankedTask(long id, long accountId, long priority) {
    }

    /** Lists the open and claimed tasks of the accounts with their stored priorities. */
    List<RankedTask> ranked(Collection<Long> accountIds) {
        return jdbc.sql("select id, account_id, priority from call_task where account_id = any (?)"
                        + " and state in ('OPEN', 'CLAIMED')")
                .param(accountIds.toArray(Long[]::new))
                .query((rs, n) -> new RankedTask(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Lists the accounts that have open or claimed tasks, by id. */
    List<Long> accountsWithOpenTasks() {
        return jdbc.sql("select distinct account_id from call_task where state in ('OPEN', 'CLAIMED') order by 1")
                .query(Long.class).list();
    }

    /**
     * Stores new priorities of tasks still open or claimed, one statement, only where they differ (an indexed
     * column: an unchanged row is not rewritten); returns the tasks changed. Takes each row's lock for the
     * statement only, so a claim ({@code FOR NO KEY UPDATE SKIP LOCKED}) passes it by or waits a moment.
     */
    int reprioritise(List<Long> taskIds, List<Long> priorities) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update call_task t set priority = v.priority
                        from unnest(?::bigint[], ?::bigint[]) as v(id, priority)
                        where t.id = v.id and t.state in ('OPEN', 'CLAIMED') and t.priority <> v.priority""")
                .params(taskIds.toArray(Long[]::new), priorities.toArray(Long[]::new))
                .update();
    }

    private static CallTaskView task(ResultSet rs, int n) throws SQLException {
        return new CallTaskView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getString(10),
                instant(rs.getTimestamp(11)), rs.getInt(12), rs.getString(13), rs.getString(14),
                instant(rs.getTimestamp(15)), rs.getString(16), rs.getString(17), rs.getString(18),
                instant(rs.getTimestamp(19)), rs.getString(20), instant(rs.getTimestamp(21)), rs.getString(22),
                instant(rs.getTimestamp(23)));
    }
}
