package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.StrategyDefinition.Step;

import java.time.LocalDate;
import java.util.List;

/**
 * What a strategy decided for one account on one date, with its trace: which strategy, segment and variant,
 * the ladder steps to plan now (several when they share a date), the steps passed over because the case opened
 * after their dates, and every condition evaluated with its result.
 *
 * @param strategy   the strategy that applies; null with {@link Outcome#NO_STRATEGY}
 * @param nextStepOn the date the next step falls due, when known (for the case view)
 */
public record Decision(Outcome outcome, CompiledStrategy strategy, int segmentIndex, String segment,
                       String variant, List<PlannedStep> steps, List<Integer> skipped, LocalDate nextStepOn,
                       List<ConditionResult> trace, Facts facts) {

    /** How a decision came out. */
    public enum Outcome {
        /** No active strategy applies to the account. */
        NO_STRATEGY,
        /** A strategy applies but no segment's condition holds. */
        NO_SEGMENT,
        /** The strategy's {@code stopWhen} holds: the ladder pauses. */
        STOPPED,
        /** Nothing is due on this date. */
        NOTHING_DUE,
        /** An escalation is due but the written notice before it is less than 5 days old. */
        WAITING_FOR_NOTICE,
        /** Steps are planned. */
        PLANNED
    }

    /**
     * A ladder step to plan.
     *
     * @param number                 1-based position in the ladder that was used
     * @param scheduledOn            the date the ladder puts it on (earlier than the cycle date when caught up)
     * @param noticeBeforeEscalation planned out of turn because an escalation is due with no written notice yet
     */
    public record PlannedStep(int number, Step step, LocalDate scheduledOn, boolean noticeBeforeEscalation) {
    }

    /** A condition evaluated on the way, with where it sits in the strategy document. */
    public record ConditionResult(String path, String source, boolean result) {
    }

    /** Returns true when steps are planned. */
    public boolean planned() {
        return outcome == Outcome.PLANNED;
    }
}
