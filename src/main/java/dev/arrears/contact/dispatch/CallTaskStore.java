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
                   created_at
            from call_task""";

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
        long total = jdbc.sql("select count(*) from call_task" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(f.size());
        paged.add((long) f.page() * f.size());
        return new Page<>(jdbc.sql(TASK + where + " order by priority desc, due_at, id limit ? offset ?")
                .params(paged).query(CallTaskStore::task).list(), f.page(), f.size(), total);
    }

    /** Claims a task for a collector who is dialling. */
    void claim(long id, String collector, Instant now) {
        jdbc.sql("""
                        update call_task set state = 'CLAIMED', claimed_by = ?, claimed_at = ?, attempts = attempts + 1,
                            updated_at = ? where id = ?""")
                .params(collector, ts(now), ts(now), id).update();
    }

    /** Puts a task back in its queue, due at an instant (a deferral, an unanswered call, a call-back). */
    void reopen(long id, Instant dueAt, String outcome, String result, Instant callBackAt, String reason,
                Instant now) {
        jdbc.sql("""
                        update call_task set state = 'OPEN', due_at = ?, claimed_by = null, claimed_at = null,
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

    private static CallTaskView task(ResultSet rs, int n) throws SQLException {
        return new CallTaskView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getString(10),
                instant(rs.getTimestamp(11)), rs.getInt(12), rs.getString(13), rs.getString(14),
                instant(rs.getTimestamp(15)), rs.getString(16), rs.getString(17), rs.getString(18),
                instant(rs.getTimestamp(19)));
    }
}
