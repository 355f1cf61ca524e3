package dev.arrears.cycle.domain;

import dev.arrears.strategy.domain.Decision;

import java.util.List;

/**
 * What one evaluation does to an account's case: nothing, open one, update the open one, or close it. Carries the
 * case as it will be stored, the steps to plan and the timeline events to add.
 */
public record CaseChange(Kind kind, CaseRow after, Decision decision, List<Decision.PlannedStep> steps,
                         List<Event> events, CloseReason closeReason) {

    /** What happens to the case. */
    public enum Kind { NONE, OPEN, UPDATE, CLOSE }

    /** Why a case closed. */
    public enum CloseReason { CURED, SETTLED, WRITTEN_OFF }

    /** A timeline entry besides the planned steps. */
    public record Event(String kind, String detail) {
    }

    /** Returns true when pending actions of the case must be cancelled (closed, or the ladder paused). */
    public boolean cancelsPending() {
        return kind == Kind.CLOSE || (kind == Kind.UPDATE && decision != null
                && decision.outcome() == Decision.Outcome.STOPPED);
    }
}
