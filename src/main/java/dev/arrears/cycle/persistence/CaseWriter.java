package dev.arrears.cycle.persistence;

import dev.arrears.cycle.domain.CaseChange;
import dev.arrears.cycle.domain.CaseRow;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.FactCodec;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects the case changes of one unit of work (a partition, or a few accounts after an event) and writes them
 * set-based in the caller's transaction: new cases and planned actions by COPY, changed cases through a COPY
 * into a temporary table and one UPDATE guarded by each case's version, pending actions of closed or paused
 * cases cancelled in one statement. A version mismatch or a duplicate step means a concurrent writer got there
 * first: {@link Conflict} is thrown and the caller retries the unit.
 */
public final class CaseWriter {

    /** Another writer changed a case of this unit since it was read. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Counts of what a unit wrote. */
    public record Written(int accounts, int actions, int opened, int closed, int updated) {
    }

    private final Long runId;
    private final LocalDate asOf;
    private final List<CaseChange> opened = new ArrayList<>();
    private final List<CaseChange> updated = new ArrayList<>();
    private final List<CaseChange> closed = new ArrayList<>();
    private int accounts;

    /** Starts a unit planned by a cycle run ({@code runId}) or by an event (null). */
    public CaseWriter(Long runId, LocalDate asOf) {
        this.runId = runId;
        this.asOf = asOf;
    }

    /** Adds one account's change. */
    public void add(CaseChange change) {
        accounts++;
        switch (change.kind()) {
            case OPEN -> opened.add(change);
            case UPDATE -> updated.add(change);
            case CLOSE -> closed.add(change);
            case NONE -> { }
        }
    }

    /** Writes everything collected; returns the counts. */
    public Written write(Connection connection) throws SQLException {
        long[] newIds = reserveIds(connection, opened.size());
        StringBuilder cases = new StringBuilder(opened.size() * 160);
        StringBuilder actions = new StringBuilder((opened.size() + updated.size()) * 200);
        StringBuilder events = new StringBuilder();
        String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        int actionCount = 0;
        for (int i = 0; i < opened.size(); i++) {
            CaseChange c = opened.get(i);
            caseRow(cases, newIds[i], c.after(), now);
            actionCount += actionRows(actions, newIds[i], c, now);
        }
        for (CaseChange c : updated) {
            actionCount += actionRows(actions, c.after().id(), c, now);
            for (CaseChange.Event e : c.events()) {
                row(events, c.after().id(), asOf, e.kind(), e.detail(), runId, now);
            }
        }
        for (CaseChange c : closed) {
            for (CaseChange.Event e : c.events()) {
                row(events, c.after().id(), asOf, e.kind(), e.detail(), runId, now);
            }
        }
        if (!opened.isEmpty()) {
            copy(connection, """
                    copy collection_case (id, account_id, customer_id, status, opened_on, anchor_due, strategy,
                        strategy_version_id, segment, variant, step, last_step_on, last_notice_on, last_contact_on,
                        outcome, next_step_on, promise_active, dispute_open, version, updated_at) from stdin""", cases);
        }
        updateCases(connection, now);
        closeCases(connection);
        cancelPending(connection);
        if (actionCount > 0) {
            copy(connection, """
                    copy planned_action (case_id, account_id, run_id, planned_on, scheduled_on, step, action,
                        channel, template, queue, manager, level, agency, fallback, strategy_version_id, segment,
                        variant, facts, skipped, notice_first, state, created_at, updated_at) from stdin""", actions);
        }
        if (!events.isEmpty()) {
            copy(connection, "copy case_event (case_id, on_date, kind, detail, run_id, created_at) from stdin",
                    events);
        }
        return new Written(accounts, actionCount, opened.size(), closed.size(), updated.size());
    }

    private static long[] reserveIds(Connection connection, int n) throws SQLException {
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence('collection_case', 'id')) from generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    private void caseRow(StringBuilder out, long id, CaseRow c, String now) {
        row(out, id, c.accountId(), c.customerId(), "OPEN", c.openedOn(), c.anchorDue(), c.strategy(),
                c.strategyVersionId(), c.segment(), c.variant(), c.step(), c.lastStepOn(), c.lastNoticeOn(),
                c.lastContactOn(), c.outcome(), c.nextStepOn(), c.promiseActive(), c.disputeOpen(), 0, now);
    }

    private int actionRows(StringBuilder out, long caseId, CaseChange c, String now) {
        Decision d = c.decision();
        String facts = null;
        String skipped = d.skipped().isEmpty() ? null
                : d.skipped().stream().map(String::valueOf).collect(Collectors.joining(","));
        for (Decision.PlannedStep p : c.steps()) {
            if (facts == null) {
                facts = FactCodec.encode(d.strategy().reads(), d.facts());
            }
            Step s = p.step();
            row(out, caseId, c.after().accountId(), runId, asOf, p.scheduledOn(), p.number(), s.action().name(),
                    s.action().channel() == null ? null : s.action().channel().name(), s.template(), s.queue(),
                    s.manager(), s.level(), s.agency(), s.fallback() == null ? null : s.fallback().name(),
                    d.strategy().id(), d.segment(), d.variant(), facts, skipped, p.noticeBeforeEscalation(),
                    "PLANNED", now, now);
        }
        return c.steps().size();
    }

    private void updateCases(Connection connection, String now) throws SQLException {
        if (updated.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temporary table if not exists case_update (id bigint, version int, anchor_due date,
                        strategy text, strategy_version_id bigint, segment text, variant text, step int,
                        last_step_on date, last_notice_on date, last_contact_on date, outcome text, next_step_on date)
                    on commit delete rows""");
        }
        StringBuilder rows = new StringBuilder(updated.size() * 120);
        for (CaseChange change : updated) {
            CaseRow c = change.after();
            row(rows, c.id(), c.version(), c.anchorDue(), c.strategy(), c.strategyVersionId(), c.segment(),
                    c.variant(), c.step(), c.lastStepOn(), c.lastNoticeOn(), c.lastContactOn(), c.outcome(),
                    c.nextStepOn());
        }
        copy(connection, "copy case_update from stdin", rows);
        try (PreparedStatement ps = connection.prepareStatement("""
                update collection_case c set anchor_due = u.anchor_due, strategy = u.strategy,
                    strategy_version_id = u.strategy_version_id, segment = u.segment, variant = u.variant,
                    step = u.step, last_step_on = u.last_step_on, last_notice_on = u.last_notice_on,
                    last_contact_on = u.last_contact_on, outcome = u.outcome, next_step_on = u.next_step_on,
                    version = c.version + 1, updated_at = ?::timestamptz
                from case_update u
                where c.id = u.id and c.version = u.version and c.status = 'OPEN'""")) {
            ps.setString(1, now);
            int n = ps.executeUpdate();
            if (n != updated.size()) {
                throw new Conflict((updated.size() - n) + " case(s) changed by another writer");
            }
        }
    }

    private void closeCases(Connection connection) throws SQLException {
        if (closed.isEmpty()) {
            return;
        }
        Long[] ids = closed.stream().map(c -> c.after().id()).toArray(Long[]::new);
        Integer[] versions = closed.stream().map(c -> c.after().version()).toArray(Integer[]::new);
        String[] reasons = closed.stream().map(c -> c.closeReason().name()).toArray(String[]::new);
        try (PreparedStatement ps = connection.prepareStatement("""
                update collection_case c set status = 'CLOSED', closed_on = ?, close_reason = u.reason,
                    version = c.version + 1, updated_at = now()
                from unnest(?::bigint[], ?::int[], ?::text[]) as u(id, version, reason)
                where c.id = u.id and c.version = u.version and c.status = 'OPEN'""")) {
            ps.setObject(1, asOf);
            ps.setArray(2, connection.createArrayOf("bigint", ids));
            ps.setArray(3, connection.createArrayOf("int", versions));
            ps.setArray(4, connection.createArrayOf("text", reasons));
            int n = ps.executeUpdate();
            if (n != ids.length) {
                throw new Conflict((ids.length - n) + " case(s) changed by another writer");
            }
        }
    }

    private void cancelPending(Connection connection) throws SQLException {
        cancel(connection, closed.stream().map(c -> c.after().id()).toArray(Long[]::new), "case closed");
        cancel(connection, updated.stream().filter(CaseChange::cancelsPending).map(c -> c.after().id())
                .toArray(Long[]::new), "ladder paused (stopWhen)");
    }

    private static void cancel(Connection connection, Long[] caseIds, String reason) throws SQLException {
        if (caseIds.length == 0) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                update planned_action set state = 'CANCELLED', state_reason = ?, updated_at = now()
                where case_id = any (?) and state = 'PLANNED'""")) {
            ps.setString(1, reason);
            ps.setArray(2, connection.createArrayOf("bigint", caseIds));
            ps.executeUpdate();
        }
    }

    /** Appends one COPY text row. */
    static void row(StringBuilder out, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object f = fields[i];
            if (f == null) {
                out.append("\\N");
            } else if (f instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (f instanceof String s) {
                escape(out, s);
            } else {
                out.append(f);
            }
        }
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    static void copy(Connection connection, String sql, CharSequence rows) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
