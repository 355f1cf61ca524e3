package dev.arrears.cycle.domain;

import dev.arrears.strategy.domain.Situation;

import java.time.LocalDate;

/**
 * An open collection case as stored: its ladder position and the last decision's outcome. {@code id} is 0 for
 * a case that opens in this evaluation; {@code version} guards concurrent updates.
 */
public record CaseRow(long id, int version, long accountId, long customerId, LocalDate openedOn, LocalDate anchorDue,
                      String strategy, Long strategyVersionId, String segment, String variant, int step,
                      LocalDate lastStepOn, LocalDate lastNoticeOn, LocalDate lastContactOn, String outcome,
                      LocalDate nextStepOn, boolean promiseActive, boolean disputeOpen) {

    /** Returns the ladder position the strategy needs. */
    public Situation.OpenCase position() {
        return new Situation.OpenCase(openedOn, anchorDue, segment, variant, step, lastStepOn, lastNoticeOn);
    }
}
