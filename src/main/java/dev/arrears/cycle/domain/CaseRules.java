package dev.arrears.cycle.domain;

import dev.arrears.cycle.domain.CaseChange.CloseReason;
import dev.arrears.cycle.domain.CaseChange.Event;
import dev.arrears.cycle.domain.CaseChange.Kind;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.Decision.Outcome;
import dev.arrears.strategy.domain.Decision.PlannedStep;
import dev.arrears.strategy.domain.Situation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When cases open, change and close. A case opens when the account is overdue, or earlier when its strategy
 * plans a pre-due step; it closes as cured when nothing is overdue and the bill it chased is paid. An open case
 * is rewritten only when something changed, so a cycle run twice for one date writes nothing the second time.
 */
public final class CaseRules {

    private CaseRules() {
    }

    /**
     * Applies a decision to the account's open case (null when none is open).
     *
     * @param customerId the account's customer, for a case that opens
     */
    public static CaseChange apply(Situation situation, Decision decision, CaseRow open, long customerId) {
        LocalDate asOf = situation.asOf();
        List<PlannedStep> steps = decision.planned() ? decision.steps() : List.of();
        if (open == null) {
            boolean overdue = situation.facts().overdueAmount() > 0;
            if (!overdue && steps.isEmpty()) {
                return new CaseChange(Kind.NONE, null, decision, List.of(), List.of(), null);
            }
            CaseRow opened = advance(new CaseRow(0, 0, situation.facts().accountId(), customerId, asOf,
                    situation.oldestOpenDue(), null, null, null, null, 0, null, null, null, null, null, false, false),
                    situation, decision, steps);
            return new CaseChange(Kind.OPEN, opened, decision, steps, List.of(), null);
        }
        if (situation.cured()) {
            return new CaseChange(Kind.CLOSE, open, decision, List.of(),
                    List.of(new Event("CLOSED", CloseReason.CURED.name())), CloseReason.CURED);
        }
        CaseRow after = advance(open, situation, decision, steps);
        if (after.equals(open)) {
            return new CaseChange(Kind.NONE, open, decision, List.of(), List.of(), null);
        }
        return new CaseChange(Kind.UPDATE, after, decision, steps, events(open, after), null);
    }

    /** Returns the case after the decision: strategy, segment, arm, anchor, outcome and ladder position. */
    private static CaseRow advance(CaseRow c, Situation situation, Decision d, List<PlannedStep> steps) {
        LocalDate asOf = situation.asOf();
        int step = c.step();
        LocalDate lastStepOn = c.lastStepOn();
        LocalDate lastNoticeOn = c.lastNoticeOn();
        LocalDate lastContactOn = c.lastContactOn();
        for (PlannedStep s : steps) {
            step = s.number();
            if (lastStepOn == null || s.scheduledOn().isAfter(lastStepOn)) {
                lastStepOn = s.scheduledOn();
            }
            if (s.step().action().writtenNotice()) {
                lastNoticeOn = asOf;
            }
            if (s.step().action().channel() != null) {
                lastContactOn = asOf;
            }
        }
        boolean hasStrategy = d.strategy() != null;
        return new CaseRow(c.id(), c.version(), c.accountId(), c.customerId(), c.openedOn(), situation.oldestOpenDue(),
                hasStrategy ? d.strategy().name() : null, hasStrategy ? d.strategy().id() : null,
                d.segment(), d.variant() != null ? d.variant() : c.variant(), step, lastStepOn, lastNoticeOn,
                lastContactOn, ladderState(d.outcome()), d.nextStepOn(), c.promiseActive(), c.disputeOpen());
    }

    /**
     * Returns the ladder state stored with a case: ACTIVE whether or not steps were planned this time (so that a
     * second run for the same date finds nothing changed), else the outcome that holds the ladder.
     */
    static String ladderState(Outcome outcome) {
        return outcome == Outcome.PLANNED || outcome == Outcome.NOTHING_DUE ? "ACTIVE" : outcome.name();
    }

    private static List<Event> events(CaseRow before, CaseRow after) {
        List<Event> events = new ArrayList<>(2);
        if (!Objects.equals(before.strategy(), after.strategy())) {
            events.add(new Event("STRATEGY_CHANGED", before.strategy() + " → " + after.strategy()));
        }
        if (!Objects.equals(before.segment(), after.segment())) {
            events.add(new Event("SEGMENT_CHANGED", before.segment() + " → " + after.segment()));
        }
        if (!Objects.equals(before.variant(), after.variant())) {
            events.add(new Event("VARIANT_CHANGED", before.variant() + " → " + after.variant()));
        }
        boolean wasStopped = Outcome.STOPPED.name().equals(before.outcome());
        boolean stopped = Outcome.STOPPED.name().equals(after.outcome());
        if (stopped && !wasStopped) {
            events.add(new Event("PAUSED", "stopWhen holds"));
        } else if (wasStopped && !stopped) {
            events.add(new Event("RESUMED", "stopWhen no longer holds"));
        }
        if (Outcome.WAITING_FOR_NOTICE.name().equals(after.outcome())
                && !Outcome.WAITING_FOR_NOTICE.name().equals(before.outcome())) {
            events.add(new Event("WAITING_FOR_NOTICE", "escalation due on or after " + after.nextStepOn()));
        }
        return events;
    }
}
