package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.JobFilter;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.cycle.CaseViews.DueAction;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of dispatch jobs and of the dispatch attempt log: jobs made from due actions, claims with leases, the
 * worker's lock and batch update, the hand-over journal (written on a connection of its own by the caller), provider
 * ids and delivery receipts. Batches travel as arrays ({@code unnest}): one round trip per statement.
 */
final class JobStore {

    /** Separates provider ids inside one array element (an SMPP id never holds it). */
    private static final String UNIT = "\u001F";

    private static final String JOB = """
            select id, idempotency_key, planned_action_id, case_id, account_id, customer_id, action, channel, fallback,
                   template, state, due_at, attempts, last_result, reason, verdict_id, provider_ids, message_id,
                   sent_at, delivery, delivered_at, created_at, updated_at
            from dispatch_job""";

    private final JdbcClient jdbc;

    JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job as a worker claimed it; {@code takenOver} when its previous claim's lease had run out. */
    record ClaimedJob(long id, String key, long plannedActionId, long caseId, long accountId, long customerId,
                      String action, Channel channel, Channel fallback, String template, int attempts, int claims,
                      boolean takenOver) {
    }

    /** A job's new state after a worker's pass; null fields keep their value, the lease is always released. */
    record JobUpdate(long id, String state, Instant dueAt, int attempts, Channel channel, Channel fallback,
                     String lastResult, String reason, Long verdictId, List<String> providerIds, String messageId,
                     Instant sentAt) {
    }

    /** A row of the dispatch attempt log. */
    record AttemptRow(Long jobId, Long callTaskId, long accountId, Channel channel, String worker, Instant at,
                      String decision, Long verdictId, String profile, Instant notBefore, String reasons,
                      String outcome, String messageId, String address, String detail) {
    }

    /** The latest hand-over of a job: its attempt, channel, outcome, provider ids, verdict, address and detail. */
    record Handover(long attemptId, long jobId, Channel channel, String outcome, List<String> providerIds,
                    Long verdictId, String messageId, String address, String detail) {
    }

    /** The end of a hand-over: outcome, provider ids and detail. */
    record HandoverResult(long attemptId, long jobId, Channel channel, String outcome, List<String> providerIds,
                          String detail, Instant at) {
    }

    /** Creates one job per due message action (idempotent on the key); returns how many were created. */
    int createJobs(List<DueAction> actions, Instant now) {
        if (actions.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into dispatch_job (idempotency_key, planned_action_id, case_id, account_id, customer_id,
                            action, channel, fallback, template, state, due_at, created_at, updated_at)
                        select 'planned-action:' || u.id, u.id, u.case_id, u.account_id, u.customer_id, u.action,
                               u.channel, u.fallback, u.template, 'PENDING', ?, ?, ?
                        from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                    ?::text[]) as u(id, case_id, account_id, customer_id, action, channel, fallback,
                                    template)
                        on conflict (idempotency_key) do nothing""")
                .params(ts(now), ts(now), ts(now),
                        actions.stream().map(DueAction::id).toArray(Long[]::new),
                        actions.stream().map(DueAction::caseId).toArray(Long[]::new),
                        actions.stream().map(DueAction::accountId).toArray(Long[]::new),
                        actions.stream().map(DueAction::customerId).toArray(Long[]::new),
                        actions.stream().map(DueAction::action).toArray(String[]::new),
                        actions.stream().map(DueAction::channel).toArray(String[]::new),
                        actions.stream().map(a -> messageChannel(a.fallback())).toArray(String[]::new),
                        actions.stream().map(DueAction::template).toArray(String[]::new))
                .update();
    }

    /** Returns the fallback if it is a message channel (a call or visit is not a fallback dispatch can send). */
    private static String messageChannel(String fallback) {
        if (fallback == null) {
            return null;
        }
        return switch (fallback) {
            case "SMS", "EMAIL", "PUSH", "LETTER" -> fallback;
            default -> null;
        };
    }

    /**
     * Claims up to {@code limit} due jobs of a channel and up to {@code limit} whose lease ran out, for a worker,
     * with a lease; committed by the caller at once. Rows another worker is claiming are skipped, not waited for.
     */
    List<ClaimedJob> claim(Channel channel, String owner, Instant now, Duration lease, int limit,
                           Collection<Long> scope) {
        String inScope = scope == null ? "" : " and account_id = any (?)";
        List<Object> params = new ArrayList<>();
        params.add(channel.name());
        params.add(ts(now));
        if (scope != null) {
            params.add(scope.toArray(Long[]::new));
        }
        params.add(limit);
        params.add(channel.name());
        params.add(ts(now));
        if (scope != null) {
            params.add(scope.toArray(Long[]::new));
        }
        params.add(limit);
        params.add(owner);
        params.add(ts(now.plus(lease)));
        params.add(ts(now));
        return jdbc.sql("with due as (select id, 'PENDING'::text as prior from dispatch_job"
                        + " where state = 'PENDING' and channel = ? and due_at <= ?" + inScope
                        + " order by due_at limit ? for update skip locked),"
                        + " lapsed as (select id, 'CLAIMED'::text as prior from dispatch_job"
                        + " where state = 'CLAIMED' and channel = ? and lease_until <= ?" + inScope
                        + " order by lease_until limit ? for update skip locked),"
                        + " taken as (select * from due union all select * from lapsed)"
                        + """
                         update dispatch_job j set state = 'CLAIMED', lease_owner = ?, lease_until = ?,
                            claims = j.claims + 1, updated_at = ?
                        from taken t where j.id = t.id
                        returning j.id, j.idempotency_key, j.planned_action_id, j.case_id, j.account_id, j.customer_id,
                                  j.action, j.channel, j.fallback, j.template, j.attempts, j.claims, t.prior""")
                .params(params)
                .query((rs, n) -> new ClaimedJob(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getString(7), Channel.valueOf(rs.getString(8)),
                        channel(rs.getString(9)), rs.getString(10), rs.getInt(11), rs.getInt(12),
                        "CLAIMED".equals(rs.getString(13))))
                .list();
    }

    /**
     * Locks the claimed jobs that are still this worker's (CLAIMED under its name) until the transaction ends, in
     * id order; returns their ids. A job another worker took over meanwhile is left out.
     */
    Set<Long> lockMine(Collection<Long> ids, String owner) {
        return new HashSet<>(jdbc.sql("""
                        select id from dispatch_job where id = any (?) and state = 'CLAIMED' and lease_owner = ?
                        order by id for no key update""")
                .params(ids.toArray(Long[]::new), owner).query(Long.class).list());
    }

    /** Returns the latest hand-over (ALLOW attempt) of each job that had one. */
    Map<Long, Handover> lastHandovers(Collection<Long> jobIds) {
        Map<Long, Handover> last = new HashMap<>();
        if (jobIds.isEmpty()) {
            return last;
        }
        jdbc.sql("""
                        select distinct on (job_id) id, job_id, channel, outcome, provider_ids, verdict_id, message_id,
                               address, detail
                        from dispatch_attempt
                        where job_id = any (?) and decision = 'ALLOW' order by job_id, id desc""")
                .param(jobIds.toArray(Long[]::new))
                .query(rs -> {
                    last.put(rs.getLong(2), new Handover(rs.getLong(1), rs.getLong(2),
                            Channel.valueOf(rs.getString(3)), rs.getString(4), texts(rs.getArray(5)),
                            (Long) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                });
        return last;
    }

    /** Writes the jobs' new states and releases their leases. */
    void update(List<JobUpdate> updates, Instant now) {
        if (updates.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update dispatch_job j set state = u.state, due_at = coalesce(u.due_at::timestamptz, j.due_at),
                            attempts = u.attempts, channel = u.channel, fallback = u.fallback,
                            last_result = u.last_result, reason = u.reason,
                            verdict_id = coalesce(u.verdict_id, j.verdict_id),
                            provider_ids = coalesce(string_to_array(u.pids, chr(31)), j.provider_ids),
                            message_id = coalesce(u.message_id, j.message_id),
                            sent_at = coalesce(u.sent_at::timestamptz, j.sent_at),
                            lease_owner = null, lease_until = null, updated_at = ?
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                             as u(id, state, due_at, attempts, channel, fallback, last_result, reason, verdict_id, pids,
                                  message_id, sent_at)
                        where j.id = u.id""")
                .params(ts(now),
                        updates.stream().map(JobUpdate::id).toArray(Long[]::new),
                        updates.stream().map(JobUpdate::state).toArray(String[]::new),
                        updates.stream().map(u -> text(u.dueAt())).toArray(String[]::new),
                        updates.stream().map(JobUpdate::attempts).toArray(Integer[]::new),
                        updates.stream().map(u -> u.channel().name()).toArray(String[]::new),
                        updates.stream().map(u -> u.fallback() == null ? null : u.fallback().name())
                                .toArray(String[]::new),
                        updates.stream().map(JobUpdate::lastResult).toArray(String[]::new),
                        updates.stream().map(JobUpdate::reason).toArray(String[]::new),
                        updates.stream().map(JobUpdate::verdictId).toArray(Long[]::new),
                        updates.stream().map(u -> u.providerIds() == null ? null : String.join(UNIT, u.providerIds()))
                                .toArray(String[]::new),
                        updates.stream().map(JobUpdate::messageId).toArray(String[]::new),
                        updates.stream().map(u -> text(u.sentAt())).toArray(String[]::new))
                .update();
    }

    /** Appends rows to the attempt log; returns their ids in order. */
    List<Long> log(List<AttemptRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        // ordinality keeps the returned ids in the order of the rows
        return jdbc.sql("""
                        insert into dispatch_attempt (job_id, call_task_id, account_id, channel, worker, at, decision,
                            verdict_id, profile, not_before, reasons, outcome, message_id, address, detail)
                        select u.job_id, u.call_task_id, u.account_id, u.channel, u.worker, u.at::timestamptz,
                               u.decision, u.verdict_id, u.profile, u.not_before::timestamptz, u.reasons, u.outcome,
                               u.message_id, u.address, u.detail
                        from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[])
                             with ordinality as u(job_id, call_task_id, account_id, channel, worker, at, decision,
                                  verdict_id, profile, not_before, reasons, outcome, message_id, address, detail, n)
                        order by u.n
                        returning id""")
                .params(rows.stream().map(AttemptRow::jobId).toArray(Long[]::new),
                        rows.stream().map(AttemptRow::callTaskId).toArray(Long[]::new),
                        rows.stream().map(AttemptRow::accountId).toArray(Long[]::new),
                        rows.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        rows.stream().map(AttemptRow::worker).toArray(String[]::new),
                        rows.stream().map(r -> text(r.at())).toArray(String[]::new),
                        rows.stream().map(AttemptRow::decision).toArray(String[]::new),
                        rows.stream().map(AttemptRow::verdictId).toArray(Long[]::new),
                        rows.stream().map(AttemptRow::profile).toArray(String[]::new),
                        rows.stream().map(r -> text(r.notBefore())).toArray(String[]::new),
                        rows.stream().map(AttemptRow::reasons).toArray(String[]::new),
                        rows.stream().map(AttemptRow::outcome).toArray(String[]::new),
                        rows.stream().map(AttemptRow::messageId).toArray(String[]::new),
                        rows.stream().map(AttemptRow::address).toArray(String[]::new),
                        rows.stream().map(AttemptRow::detail).toArray(String[]::new))
                .query(Long.class).list();
    }

    /**
     * Completes hand-overs in the log and, with {@code storeIds} (false when the sender journaled them already),
     * stores the provider ids of accepted ones for receipts.
     */
    void closeHandovers(List<HandoverResult> results, boolean storeIds) {
        if (results.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update dispatch_attempt a set outcome = u.outcome,
                            provider_ids = string_to_array(u.pids, chr(31)), detail = u.detail,
                            finished_at = u.at::timestamptz
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as u(id, outcome, pids, detail, at)
                        where a.id = u.id""")
                .params(results.stream().map(HandoverResult::attemptId).toArray(Long[]::new),
                        results.stream().map(HandoverResult::outcome).toArray(String[]::new),
                        results.stream().map(r -> r.providerIds().isEmpty() ? null : String.join(UNIT, r.providerIds()))
                                .toArray(String[]::new),
                        results.stream().map(HandoverResult::detail).toArray(String[]::new),
                        results.stream().map(r -> text(r.at())).toArray(String[]::new))
                .update();
        if (!storeIds) {
            return;
        }
        List<String> channels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Long> jobs = new ArrayList<>();
        List<Long> attempts = new ArrayList<>();
        for (HandoverResult r : results) {
            for (String id : r.providerIds()) {
                channels.add(r.channel().name());
                ids.add(id);
                jobs.add(r.jobId());
                attempts.add(r.attemptId());
            }
        }
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            insert into provider_message (channel, provider_id, job_id, attempt_id)
                            select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])
                            on conflict do nothing""")
                    .params(channels.toArray(String[]::new), ids.toArray(String[]::new), jobs.toArray(Long[]::new),
                            attempts.toArray(Long[]::new))
                    .update();
        }
    }

    /** Provider ids a live sender reports as accepted for a hand-over; {@code complete}: the whole message is. */
    record AcceptedIds(long jobId, long attemptId, Channel channel, List<String> ids, boolean complete) {
    }

    /**
     * Stores provider ids the moment a provider accepted them: each id in {@code provider_message} (so receipts
     * match at once), and for a whole message all its ids on its hand-over, still HANDING, for a takeover to find.
     */
    void storeAccepted(List<AcceptedIds> accepted) {
        List<String> channels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Long> jobs = new ArrayList<>();
        List<Long> attempts = new ArrayList<>();
        List<Long> complete = new ArrayList<>();
        List<String> completeIds = new ArrayList<>();
        for (AcceptedIds a : accepted) {
            for (String id : a.ids()) {
                channels.add(a.channel().name());
                ids.add(id);
                jobs.add(a.jobId());
                attempts.add(a.attemptId());
            }
            if (a.complete()) {
                complete.add(a.attemptId());
                completeIds.add(String.join(UNIT, a.ids()));
            }
        }
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            insert into provider_message (channel, provider_id, job_id, attempt_id)
                            select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])
                            on conflict do nothing""")
                    .params(channels.toArray(String[]::new), ids.toArray(String[]::new), jobs.toArray(Long[]::new),
                            attempts.toArray(Long[]::new))
                    .update();
        }
        if (!complete.isEmpty()) {
            jdbc.sql("""
                            update dispatch_attempt a set provider_ids = string_to_array(u.pids, chr(31))
                            from unnest(?::bigint[], ?::text[]) as u(id, pids)
                            where a.id = u.id and a.outcome = 'HANDING'""")
                    .params(complete.toArray(Long[]::new), completeIds.toArray(String[]::new))
                    .update();
        }
    }

    /** Returns the provider ids of the whole message stored for the latest hand-over of a contact key, if any. */
    Optional<List<String>> acceptedIds(String contactKey, Channel channel) {
        return jdbc.sql("""
                        select a.provider_ids from dispatch_attempt a join dispatch_job j on j.id = a.job_id
                        where j.idempotency_key = ? and a.channel = ? and a.decision = 'ALLOW'
                        order by a.id desc limit 1""")
                .params(contactKey, channel.name())
                .query((rs, n) -> texts(rs.getArray(1))).optional().filter(ids -> !ids.isEmpty());
    }

    /** Returns which of the provider ids of a channel are stored (receipts for the others wait). */
    Set<String> knownProviderIds(Channel channel, Collection<String> providerIds) {
        return new HashSet<>(jdbc.sql("select provider_id from provider_message where channel = ? and provider_id ="
                        + " any (?)")
                .params(channel.name(), providerIds.toArray(String[]::new)).query(String.class).list());
    }

    /** A job not yet handed over: id, planned action, account, channel. */
    record OpenJob(long id, long plannedActionId, long accountId, Channel channel) {
    }

    /** Returns the jobs of the accounts that are not handed over yet (PENDING or CLAIMED). */
    List<OpenJob> openJobs(Collection<Long> accountIds) {
        return jdbc.sql("""
                        select id, planned_action_id, account_id, channel from dispatch_job
                        where account_id = any (?) and state in ('PENDING', 'CLAIMED')""")
                .param(accountIds.toArray(Long[]::new))
                .query((rs, n) -> new OpenJob(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        Channel.valueOf(rs.getString(4))))
                .list();
    }

    /**
     * Cancels jobs not handed over yet, skipping those a worker holds right now (its own re-check decides them);
     * returns the ids cancelled.
     */
    List<Long> cancel(Collection<Long> jobIds, String reason, Instant now) {
        return jdbc.sql("""
                        update dispatch_job j set state = 'CANCELLED', reason = ?, last_result = 'CANCELLED',
                            lease_owner = null, lease_until = null, updated_at = ?
                        where j.id in (select id from dispatch_job where id = any (?)
                                       and state in ('PENDING', 'CLAIMED') order by id for no key update skip locked)
                        returning j.id""")
                .params(reason, ts(now), jobIds.toArray(Long[]::new)).query(Long.class).list();
    }

    /**
     * Stores delivery receipts and marks their jobs with the latest status and time; returns how many jobs they
     * matched. A receipt that tells a job what it already says (the second part of an SMS delivered in the same
     * minute as the first) leaves the job's row alone.
     */
    int receipts(List<Receipt> receipts, Instant now) {
        if (receipts.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        insert into delivery_receipt (job_id, channel, provider_id, status, at, detail, received_at)
                        select m.job_id, u.channel, u.provider_id, u.status, u.at::timestamptz, u.detail, ?
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as u(channel, provider_id, status, at, detail)
                        left join provider_message m on m.channel = u.channel and m.provider_id = u.provider_id""")
                .params(ts(now), receipts.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        receipts.stream().map(Receipt::providerId).toArray(String[]::new),
                        receipts.stream().map(Receipt::status).toArray(String[]::new),
                        receipts.stream().map(r -> text(r.at())).toArray(String[]::new),
                        receipts.stream().map(Receipt::detail).toArray(String[]::new))
                .update();
        // every job matched counts; only those the receipts change are written
        return jdbc.sql("""
                        with u as (select distinct on (m.job_id) m.job_id, u.status, u.at::timestamptz as at
                              from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(channel, provider_id, status, at)
                              join provider_message m on m.channel = u.channel and m.provider_id = u.provider_id
                              order by m.job_id, u.at::timestamptz desc),
                        changed as (update dispatch_job j set delivery = u.status, delivered_at = u.at, updated_at = ?
                              from u where j.id = u.job_id
                                and (j.delivery is distinct from u.status or j.delivered_at is distinct from u.at)
                              returning j.id)
                        select count(*) from u""")
                .params(receipts.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        receipts.stream().map(Receipt::providerId).toArray(String[]::new),
                        receipts.stream().map(Receipt::status).toArray(String[]::new),
                        receipts.stream().map(r -> text(r.at())).toArray(String[]::new), ts(now))
                .query(Integer.class).single();
    }

    /** Lists jobs, newest first. */
    Page<JobView> jobs(JobFilter f) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (f.accountId() != null) {
            where.append(" and account_id = ?");
            params.add(f.accountId());
        }
        if (f.state() != null) {
            where.append(" and state = ?");
            params.add(f.state());
        }
        if (f.channel() != null) {
            where.append(" and channel = ?");
            params.add(f.channel().name());
        }
        long total = jdbc.sql("select count(*) from dispatch_job" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(f.size());
        paged.add((long) f.page() * f.size());
        return new Page<>(jdbc.sql(JOB + where + " order by id desc limit ? offset ?").params(paged)
                .query(JobStore::job).list(), f.page(), f.size(), total);
    }

    /** Returns one job. */
    Optional<JobView> job(long id) {
        return jdbc.sql(JOB + " where id = ?").param(id).query(JobStore::job).optional();
    }

    /** Lists the delivery receipts matched to a job, oldest first. */
    List<Receipt> receiptsOf(long jobId) {
        return jdbc.sql("select channel, provider_id, status, at, detail from delivery_receipt where job_id = ?"
                        + " order by at, id")
                .param(jobId).query((rs, n) -> new Receipt(Channel.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5))).list();
    }

    /** Returns the job made from a planned action. */
    Optional<JobView> jobOf(long plannedActionId) {
        return jdbc.sql(JOB + " where idempotency_key = ?").param("planned-action:" + plannedActionId)
                .query(JobStore::job).optional();
    }

    private static JobView job(ResultSet rs, int n) throws SQLException {
        return new JobView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getString(7), Channel.valueOf(rs.getString(8)), channel(rs.getString(9)), rs.getString(10),
                rs.getString(11), instant(rs.getTimestamp(12)), rs.getInt(13), rs.getString(14), rs.getString(15),
                (Long) rs.getObject(16), texts(rs.getArray(17)), rs.getString(18), instant(rs.getTimestamp(19)),
                rs.getString(20), instant(rs.getTimestamp(21)), instant(rs.getTimestamp(22)),
                instant(rs.getTimestamp(23)));
    }

    static Channel channel(String name) {
        return name == null ? null : Channel.valueOf(name);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
