package dev.arrears.contact.dispatch.domain;

import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.ledger.Views.CurrentState;

import java.time.LocalDate;

/**
 * Whether a queued contact must stop before the guard is even asked: the planned action was settled elsewhere,
 * its case closed or its ladder paused, a promise or dispute holds it, or the account is cured — nothing overdue
 * and the bill the case chased paid, the cycle's own rule for closing a case, so that a payment that clears the
 * overdue amount stops every contact not yet handed over (a reminder before the due date stops once its bill is
 * paid). A contact another module planned (its action has a source, e.g. an instalment reminder) stops only when it
 * was settled elsewhere or a dispute holds it: its owner decides the rest ({@code ContactSource}).
 */
public final class Dunning {

    private Dunning() {
    }

    /** Returns why the contact stops, or null when it may go on; {@code today} is a date of the account's zone. */
    public static String stop(CurrentState state, ActionState action, LocalDate today) {
        if (action == null) {
            return "planned action not found";
        }
        if (!"QUEUED".equals(action.state())) {
            return "planned action " + action.state();
        }
        if (action.source() != null) {
            // another module's contact (an instalment reminder): the ladder's pause, the promise or plan hold and a
            // cure do not stop it; its owner is asked next. A dispute still holds every collection contact.
            if (action.disputeOpen()) {
                return "hold: dispute open";
            }
            return state == null ? "account not found" : null;
        }
        if (!"OPEN".equals(action.caseStatus())) {
            return "case closed";
        }
        if ("STOPPED".equals(action.ladderState())) {
            return "ladder paused (stopWhen)";
        }
        if (action.promiseActive()) {
            return "hold: promise to pay active";
        }
        if (action.disputeOpen()) {
            return "hold: dispute open";
        }
        if (state == null) {
            return "account not found";
        }
        if (paid(state, action.anchorDue(), today)) {
            return "paid: nothing overdue";
        }
        return null;
    }

    /** Returns true when the account is cured on the date: nothing overdue and the chased bill paid. */
    public static boolean paid(CurrentState state, LocalDate anchorDue, LocalDate today) {
        if (state.overdueOn(today)) {
            return false;
        }
        LocalDate open = state.oldestOpenDue();
        return state.balanceMinor() <= 0 || open == null || anchorDue == null || open.isAfter(anchorDue);
    }
}
