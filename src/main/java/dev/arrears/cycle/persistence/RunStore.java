package dev.arrears.cycle.persistence;

import dev.arrears.cycle.CycleView;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Cycle runs and their partitions: creating, claiming, finishing, reporting. Start and finish times are the
 * database's wall clock: they measure the run, they are not business dates (the run's date is {@code as_of}).
 */
public final class RunStore {

    /** A claimed partition: its account-id range. */
    public record Claim(int part, long firstAccount, long lastAccount) {
    }

    private final JdbcClient jdbc;

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tables the cycle reads or writes, whose planner statistics must follow bulk loads. */
    private static final String[] TABLES = {"account", "account_state", "customer", "contact_point", "bill",
            "delinquency_episode", "collection_case", "planned_action"};

    /**
     * Analyzes the cycle's tables that were never analyzed or changed by more than a fifth since: right after a
     * bulk load, stale statistics make the planner pick plans that take minutes instead of seconds (autovacuum
     * would catch up, but only after its nap). Returns the tables analyzed.
     */
    public List<String> analyzeIfStale() {
        List<String> stale = jdbc.sql("""
                        select relname from pg_stat_user_tables
                        where relname = any (?)
                          and (coalesce(last_analyze, last_autoanalyze) is null
                               or n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1000))""")
                .param(TABLES).query(String.class).list();
        for (String table : stale) {
            jdbc.sql("analyze " + table).update();
        }
        return stale;
    }

    /** Returns the unfinished run of a date, if one exists (a run killed half way). */
    public Optional<Long> running(LocalDate asOf) {
        return jdbc.sql("select id from cycle_run where as_of = ? and state = 'RUNNING' order by id limit 1")
                .param(asOf).query(Long.class).optional();
    }

    /** Returns the newest run still RUNNING, of any date. */
    public Optional<Long> latestRunning() {
        return jdbc.sql("select id from cycle_run where state = 'RUNNING' order by id desc limit 1")
                .query(Long.class).optional();
    }

    /** Creates a run with the account-id range cut into partitions of at most {@code size} ids. */
    public long create(LocalDate asOf, String requestedBy, int size) {
        long[] range = jdbc.sql("select coalesce(min(id), 1), coalesce(max(id), 0) from account")
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        long count = Math.max(1, (range[1] - range[0] + size) / size);
        long id = jdbc.sql("""
                        insert into cycle_run (as_of, state, partitions, requested_by, started_at)
                        values (?, 'RUNNING', ?, ?, clock_timestamp()) returning id""")
                .params(asOf, (int) count, requestedBy)
                .query(Long.class).single();
        // the last partition reaches to the end of the id space: accounts opened during the run are included
        jdbc.sql("""
                        insert into cycle_partition (run_id, part, first_account, last_account, state)
                        select ?, p, ? + p::bigint * ?,
                               case when p = ? - 1 then ? else ? + (p::bigint + 1) * ? - 1 end, 'PENDING'
                        from generate_series(0, ? - 1) as p""")
                .params(id, range[0], size, (int) count, Long.MAX_VALUE, range[0], size, (int) count).update();
        return id;
    }

    /** Claims a pending partition of a run on the connection's transaction, or returns null when none is left. */
    public static Claim claim(Connection connection, long runId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select part, first_account, last_account from cycle_partition
                where run_id = ? and state = 'PENDING' order by part limit 1 for update skip locked""")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Claim(rs.getInt(1), rs.getLong(2), rs.getLong(3)) : null;
            }
        }
    }

    /** Marks a claimed partition done with its counts, in the same transaction as its writes. */
    public static void done(Connection connection, long runId, Claim claim, CaseWriter.Written w, String worker)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                update cycle_partition set state = 'DONE', accounts = ?, actions = ?, cases_opened = ?,
                    cases_closed = ?, worker = ?, finished_at = now()
                where run_id = ? and part = ?""")) {
            ps.setInt(1, w.accounts());
            ps.setInt(2, w.actions());
            ps.setInt(3, w.opened());
            ps.setInt(4, w.closed());
            ps.setString(5, worker);
            ps.setLong(6, runId);
            ps.setInt(7, claim.part());
            ps.executeUpdate();
        }
    }

    /** Returns the date of a run. */
    public Optional<LocalDate> asOf(long runId) {
        return jdbc.sql("select as_of from cycle_run where id = ?").param(runId).query(LocalDate.class).optional();
    }

    /** Marks the run done when no partition is pending; returns true when this call finished it. */
    public boolean finishIfComplete(long runId) {
        return jdbc.sql("""
                        update cycle_run set state = 'DONE', finished_at = clock_timestamp()
                        where id = ? and state = 'RUNNING'
                          and not exists (select 1 from cycle_partition where run_id = ? and state = 'PENDING')""")
                .params(runId, runId).update() == 1;
    }

    /** Marks a run failed with the reason. */
    public void fail(long runId, String error) {
        jdbc.sql("""
                        update cycle_run set state = 'FAILED', finished_at = clock_timestamp(), error = ?
                        where id = ? and state = 'RUNNING'""")
                .params(error, runId).update();
    }

    /** Returns a run with its progress. */
    public Optional<CycleView> view(long runId) {
        return jdbc.sql(VIEW + " where r.id = ? group by r.id").param(runId).query(this::map).optional();
    }

    /** Returns the latest runs, newest first. */
    public List<CycleView> recent(int limit) {
        return jdbc.sql(VIEW + " group by r.id order by r.id desc limit ?").param(limit).query(this::map).list();
    }

    private static final String VIEW = """
            select r.id, r.as_of, r.state, r.partitions, count(p.part) filter (where p.state = 'DONE'),
                   coalesce(sum(p.accounts), 0), coalesce(sum(p.actions), 0), coalesce(sum(p.cases_opened), 0),
                   coalesce(sum(p.cases_closed), 0), r.started_at, r.finished_at,
                   extract(epoch from coalesce(r.finished_at, clock_timestamp()) - r.started_at)
            from cycle_run r left join cycle_partition p on p.run_id = r.id""";

    private CycleView map(ResultSet rs, int n) throws SQLException {
        Instant started = rs.getTimestamp(10).toInstant();
        Timestamp finished = rs.getTimestamp(11);
        return new CycleView(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getInt(4),
                rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), started,
                finished == null ? null : finished.toInstant(),
                Math.round(rs.getDouble(12) * 1000) / 1000.0);
    }
}
