package dev.arrears.contact.dispatch.domain;

import dev.arrears.ledger.Views.CurrentState;

import java.time.LocalDate;

/**
 * The order of a collector's queue: overdue amount × risk × days past due, higher first.
 * <pre>
 *   priority = overdue (minor units) × risk × due ÷ 60
 *   risk     = 2 + delinquency episodes so far (at most 4)      2 … 6
 *   due      = 30 + days past due (at most 180)                30 … 210
 * </pre>
 * Amounts of different currencies are compared as they are: one queue serves one business line.
 */
public final class CallPriority {

    private CallPriority() {
    }

    /** Returns the priority of a call about the account on the date (a date of its zone). */
    public static long of(CurrentState state, LocalDate today) {
        long risk = 2 + Math.min(state.episodes(), 4);
        long due = 30 + Math.min(state.daysPastDueOn(today), 180);
        long overdue = Math.max(0, state.overdueMinor());
        // at most 6 × 210 = 1260 per minor unit: no overflow below 7 × 10^15 minor units
        return overdue * risk * due / 60;
    }
}
