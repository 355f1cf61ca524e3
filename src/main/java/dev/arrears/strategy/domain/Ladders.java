package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.Decision.PlannedStep;
import dev.arrears.strategy.domain.StrategyDefinition.Step;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Ladder timing: which steps fall due on a date for a case, given where the case stands.
 *
 * <p>A step is a candidate when its date (from the oldest unpaid due date, or from the case opening) is on or
 * before the cycle date and after the date of the last planned step. Of the candidates, the latest date wins
 * and every step on that date is planned; earlier candidates are passed over (a case that opens late, or a
 * cycle that did not run for days, catches up to the current rung instead of sending a burst of messages).
 * An escalation (restriction, agency, legal review) is planned only when a written notice was planned in the
 * case at least {@value #NOTICE_DAYS} days before; without one, the latest written notice due is planned first.
 */
public final class Ladders {

    /** Days a written notice must precede an escalation: collection practice, checked also by the validator. */
    public static final int NOTICE_DAYS = 5;

    private Ladders() {
    }

    /** The steps to plan and the ones passed over. */
    public record Due(List<PlannedStep> planned, List<Integer> skipped, boolean waitingForNotice,
                      LocalDate nextStepOn) {
    }

    /** Returns the ladder of a control arm: the steps marked required, else the first post-due written notice. */
    public static List<Step> controlLadder(List<Step> ladder) {
        List<Step> required = ladder.stream().filter(Step::required).toList();
        if (!required.isEmpty()) {
            return required;
        }
        return ladder.stream().filter(s -> s.action().writtenNotice() && s.at().days() >= 0).limit(1).toList();
    }

    /**
     * Returns the steps due on {@code asOf}.
     *
     * @param dueDate      the due date {@code due±Nd} counts from (null: such steps are not due)
     * @param openedOn     the case opening date (the cycle date when the case opens now)
     * @param lastStepOn   scheduled date of the last planned step; null before the first
     * @param lastNoticeOn cycle date of the last written notice planned in the case; null before the first
     */
    public static Due due(List<Step> ladder, LocalDate asOf, LocalDate dueDate, LocalDate openedOn,
                          LocalDate lastStepOn, LocalDate lastNoticeOn) {
        int n = ladder.size();
        LocalDate[] dates = new LocalDate[n];
        LocalDate next = null;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dates[i] = ladder.get(i).at().dateFrom(dueDate, openedOn);
            if (dates[i] == null || (lastStepOn != null && !dates[i].isAfter(lastStepOn))) {
                continue;
            }
            if (!dates[i].isAfter(asOf)) {
                candidates.add(i);
            } else if (next == null || dates[i].isBefore(next)) {
                next = dates[i];
            }
        }
        if (candidates.isEmpty()) {
            return new Due(List.of(), List.of(), false, next);
        }
        boolean noticeOk = lastNoticeOn != null && !lastNoticeOn.plusDays(NOTICE_DAYS).isAfter(asOf);
        LocalDate latest = null;
        boolean blocked = false;
        for (int i : candidates) {
            if (ladder.get(i).action().escalation() && !noticeOk) {
                blocked = true;
            } else if (latest == null || dates[i].isAfter(latest)) {
                latest = dates[i];
            }
        }
        if (latest == null) {
            // only escalations are due, and no written notice is old enough
            if (lastNoticeOn != null) {
                return new Due(List.of(), List.of(), true, lastNoticeOn.plusDays(NOTICE_DAYS));
            }
            int notice = -1;
            for (int i = 0; i < n; i++) {
                if (ladder.get(i).action().writtenNotice() && dates[i] != null && !dates[i].isAfter(asOf)) {
                    notice = i;
                }
            }
            if (notice < 0) {
                // the validator forbids such a ladder; an unvalidated one waits rather than escalating blind
                return new Due(List.of(), List.of(), true, null);
            }
            return new Due(List.of(new PlannedStep(notice + 1, ladder.get(notice), dates[notice], true)), List.of(),
                    true, asOf.plusDays(NOTICE_DAYS));
        }
        List<PlannedStep> planned = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int i : candidates) {
            Step step = ladder.get(i);
            if (step.action().escalation() && !noticeOk) {
                continue;
            }
            if (dates[i].equals(latest)) {
                planned.add(new PlannedStep(i + 1, step, dates[i], false));
            } else {
                skipped.add(i + 1);
            }
        }
        return new Due(planned, skipped, blocked, next);
    }
}
