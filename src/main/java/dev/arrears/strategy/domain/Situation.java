package dev.arrears.strategy.domain;

import java.time.LocalDate;

/**
 * Everything a decision needs about one account on one date: the facts conditions read, the due date that
 * {@code due±Nd} offsets count from, and the open case, if any, with its ladder position.
 *
 * @param oldestOpenDue due date of the oldest unpaid item (overdue or not); null when nothing is owed
 * @param openCase      the account's open collection case; null when none is open
 */
public record Situation(Facts facts, LocalDate asOf, LocalDate oldestOpenDue, OpenCase openCase) {

    /**
     * Where an open case stands.
     *
     * @param anchorDue    the due date its ladder counted from at the last evaluation
     * @param step         number (1-based) of the last ladder step planned; 0 before the first
     * @param lastStepOn   scheduled date of the last planned step; null before the first
     * @param lastNoticeOn cycle date on which the last written notice was planned; null before the first
     */
    public record OpenCase(LocalDate openedOn, LocalDate anchorDue, String segment, String variant, int step,
                           LocalDate lastStepOn, LocalDate lastNoticeOn) {
    }

    /** Returns true when the case should close as cured: nothing overdue and the bill it chased is paid. */
    public boolean cured() {
        if (openCase == null || facts.overdueAmount() > 0) {
            return false;
        }
        return oldestOpenDue == null || openCase.anchorDue() == null || oldestOpenDue.isAfter(openCase.anchorDue());
    }
}
