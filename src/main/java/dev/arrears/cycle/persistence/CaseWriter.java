package dev.arrears.cycle.persistence;

import dev.arrears.cycle.domain.CaseChange;
import dev.arrears.cycle.domain.CaseRow;
import dev.arrears.shared.CopyRows;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.FactCodec;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns the case changes of one unit of work (a partition, or a few accounts after an event) into COPY rows as
 * they arrive, so that a partition holds bytes rather than decisions, then writes them set-based in the caller's
 * transaction: new cases and planned actions by COPY, changed cases through a COPY into a temporary table and
 * one UPDATE guarded by each case's version, closings and the cancelling of pending actions in one statement
 * each. A version mismatch or a duplicate step means a concurrent writer got there first: {@link Conflict} (or a
 * unique violation) is thrown and the caller retries the unit.
 */
public final class CaseWriter {

    private static final Logger log = LoggerFactory.getLogger(CaseWriter.class);

    /** Another writer changed a case of this unit since it was read. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Counts of what a unit wrote. */
    public record Written(int accounts, int actions, int opened, int closed, int updated) {
    }

    /** The COPY that writes planned actions (the cycle benchmark's baseline writes the same rows). */
    public static final String COPY_ACTIONS = """
            copy %s (case_id, account_id, run_id, planned_on, scheduled_on, step, action, channel, template, queue,
                manager, level, agency, fallback, strategy_version_id, segment, variant, facts, skipped, notice_first,
                state, created_at, updated_at) from stdin""";

    private final Long runId;
    private final LocalDate asOf;
    private final LongSupplier caseIds;
    private final String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
    private final CopyRows cases = new CopyRows();
    private final CopyRows updates = new CopyRows();
    private final CopyRows actions = new CopyRows();
    private final CopyRows events = new CopyRows();
    private final List<Long> closedIds = new ArrayList<>();
    private final List<Integer> closedVersions = new ArrayList<>();
    private final List<String> closedReasons = new ArrayList<>();
    private final List<Long> paused = new ArrayList<>();
    private int accounts;
    private int opened;
    private int updated;
    private int actionCount;

    /**
     * Starts a unit planned by a cycle run ({@code runId}) or by an event (null); {@code caseIds} hands out ids
     * for new cases (reserved from the sequence on another connection, as this one is busy reading).
     */
    public CaseWriter(Long runId, LocalDate asOf, LongSupplier caseIds) {
        this.runId = runId;
        this.asOf = asOf;
        this.caseIds = caseIds;
    }

    /** Adds one account's change, as COPY rows. */
    public void add(CaseChange change) {
        accounts++;
        switch (change.kind()) {
            case OPEN -> {
                long id = caseIds.getAsLong();
                CaseRow c = change.after();
                cases.field(id).field(c.accountId()).field(c.customerId()).field("OPEN").field(c.openedOn())
                        .field(c.anchorDue()).field(c.strategy()).field(c.strategyVersionId()).field(c.segment())
                        .field(c.variant()).field(c.step()).field(c.lastStepOn()).field(c.lastNoticeOn())
                        .field(c.lastContactOn()).field(c.outcome()).field(c.nextStepOn()).field(c.promiseActive())
                        .field(c.disputeOpen()).field(0).field(now);
                endRow(cases);
                actionRows(id, change);
                opened++;
            }
            case UPDATE -> {
                CaseRow c = change.after();
                updates.field(c.id()).field(c.version()).field(c.anchorDue()).field(c.strategy())
                        .field(c.strategyVersionId()).field(c.segment()).field(c.variant()).field(c.step())
                        .field(c.lastStepOn()).field(c.lastNoticeOn()).field(c.lastContactOn()).field(c.outcome())
                        .field(c.nextStepOn());
                endRow(updates);
                actionRows(c.id(), change);
                eventRows(c.id(), change);
                if (change.cancelsPending()) {
                    paused.add(c.id());
                }
                updated++;
            }
            case CLOSE -> {
                closedIds.add(change.after().id());
                closedVersions.add(change.after().version());
                closedReasons.add(change.closeReason().name());
                eventRows(change.after().id(), change);
            }
            case NONE -> { }
        }
    }

    /** Writes everything collected; returns the counts. */
    public Written write(Connection connection) throws SQLException {
        long t0 = System.nanoTime();
        if (!cases.isEmpty()) {
            cases.copyTo(connection, """
                    copy collection_case (id, account_id, customer_id, status, opened_on, anchor_due, strategy,
                        strategy_version_id, segment, variant, step, last_step_on, last_notice_on, last_contact_on,
                        outcome, next_step_on, promise_active, dispute_open, version, updated_at) from stdin""");
        }
        long t1 = System.nanoTime();
        updateCases(connection);
        closeCases(connection);
        cancel(connection, closedIds, "case closed");
        cancel(connection, paused, "ladder paused (stopWhen)");
        long t2 = System.nanoTime();
        if (!actions.isEmpty()) {
            actions.copyTo(connection, COPY_ACTIONS.formatted("planned_action"));
        }
        if (!events.isEmpty()) {
            events.copyTo(connection, "copy case_event (case_id, on_date, kind, detail, run_id, created_at) from stdin");
        }
        if (log.isDebugEnabled()) {
            log.debug("wrote {} accounts: new cases {} ms, updates and closings {} ms, actions and events {} ms",
                    accounts, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        return new Written(accounts, actionCount, opened, closedIds.size(), updated);
    }

    private void actionRows(long caseId, CaseChange c) {
        Decision d = c.decision();
        if (c.steps().isEmpty()) {
            return;
        }
        String facts = FactCodec.encode(d.strategy().reads(), d.facts());
        String skipped = null;
        if (!d.skipped().isEmpty()) {
            StringBuilder s = new StringBuilder();
            for (int n : d.skipped()) {
                s.append(s.isEmpty() ? "" : ",").append(n);
            }
            skipped = s.toString();
        }
        for (Decision.PlannedStep p : c.steps()) {
            Step s = p.step();
            actions.field(caseId).field(c.after().accountId()).field(runId).field(asOf).field(p.scheduledOn())
                    .field(p.number()).field(s.action().name())
                    .field(s.action().channel() == null ? null : s.action().channel().name()).field(s.template())
                    .field(s.queue()).field(s.manager()).field(s.level()).field(s.agency())
                    .field(s.fallback() == null ? null : s.fallback().name()).field(d.strategy().id())
                    .field(d.segment()).field(d.variant()).field(facts).field(skipped)
                    .field(p.noticeBeforeEscalation()).field("PLANNED").field(now).field(now);
            endRow(actions);
            actionCount++;
        }
    }

    private void eventRows(long caseId, CaseChange c) {
        for (CaseChange.Event e : c.events()) {
            events.field(caseId).field(asOf).field(e.kind()).field(e.detail()).field(runId).field(now);
            endRow(events);
        }
    }

    private static void endRow(CopyRows rows) {
        try {
            rows.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("rows collected in memory cannot fail to end", e);
        }
    }

    private void updateCases(Connection connection) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temporary table if not exists case_update (id bigint, version int, anchor_due date,
                        strategy text, strategy_version_id bigint, segment text, variant text, step int,
                        last_step_on date, last_notice_on date, last_contact_on date, outcome text, next_step_on date)
                    on commit delete rows""");
        }
        updates.copyTo(connection, "copy case_update from stdin");
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
            if (n != updated) {
                throw new Conflict((updated - n) + " case(s) changed by another writer");
            }
        }
    }

    private void closeCases(Connection connection) throws SQLException {
        if (closedIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                update collection_case c set status = 'CLOSED', closed_on = ?, close_reason = u.reason,
                    version = c.version + 1, updated_at = now()
                from unnest(?::bigint[], ?::int[], ?::text[]) as u(id, version, reason)
                where c.id = u.id and c.version = u.version and c.status = 'OPEN'""")) {
            ps.setObject(1, asOf);
            ps.setArray(2, connection.createArrayOf("bigint", closedIds.toArray()));
            ps.setArray(3, connection.createArrayOf("int", closedVersions.toArray()));
            ps.setArray(4, connection.createArrayOf("text", closedReasons.toArray()));
            int n = ps.executeUpdate();
            if (n != closedIds.size()) {
                throw new Conflict((closedIds.size() - n) + " case(s) changed by another writer");
            }
        }
    }

    /**
     * Cancels the ladder steps still planned on cases; contacts another module planned (an instalment plan's
     * reminders) are left to their owner, which dispatch asks before they go.
     */
    private static void cancel(Connection connection, List<Long> caseIds, String reason) throws SQLException {
        if (caseIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                update planned_action set state = 'CANCELLED', state_reason = ?, updated_at = now()
                where case_id = any (?) and state = 'PLANNED' and source is null""")) {
            ps.setString(1, reason);
            ps.setArray(2, connection.createArrayOf("bigint", caseIds.toArray()));
            ps.executeUpdate();
        }
    }
}
