package dev.arrears.cycle;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Read models of the cycle: cases with their timelines, planned actions and decisions with their traces. */
public final class CaseViews {

    private CaseViews() {
    }

    /** A collection case, with its timeline when read alone. */
    public record CaseView(long id, long accountId, long customerId, String status, LocalDate openedOn,
                           LocalDate closedOn, String closeReason, String strategy, Long strategyVersionId,
                           String segment, String variant, int step, LocalDate lastStepOn, LocalDate nextStepOn,
                           String outcome, boolean promiseActive, boolean disputeOpen, List<TimelineEntry> timeline) {
    }

    /**
     * One line of a case's story: opened, a planned step, a change, closed. {@code detailArgs} are what the English
     * {@code detail} is made of, for pages that write it in the reader's language (not in the API's JSON): OPENED
     * strategy, segment, variant; STEP_* step, action, template or target; empty when the detail is shown as it is.
     */
    public record TimelineEntry(LocalDate on, String kind, String detail, Long actionId,
                                @JsonIgnore List<String> detailArgs) {

        public TimelineEntry {
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }

        /** A line whose detail is shown as it is. */
        public TimelineEntry(LocalDate on, String kind, String detail, Long actionId) {
            this(on, kind, detail, actionId, List.of());
        }
    }

    /** An action the cycle planned, and what became of it. */
    public record PlannedActionView(long id, long caseId, long accountId, Long runId, LocalDate plannedOn,
                                    LocalDate scheduledOn, int step, String action, String channel, String template,
                                    String queue, String manager, String level, String agency, String fallback,
                                    String strategy, Integer strategyVersion, long strategyVersionId,
                                    String segment, String variant, List<Integer> skipped, boolean noticeFirst,
                                    String state, String stateReason, Instant createdAt) {
    }

    /**
     * A due contact action taken by dispatch (now QUEUED): what to send or which call to queue, for which case,
     * account and customer.
     */
    public record DueAction(long id, long caseId, long accountId, long customerId, LocalDate plannedOn,
                            LocalDate scheduledOn, int step, String action, String channel, String template,
                            String queue, String fallback) {
    }

    /**
     * What dispatch re-checks before a contact: the planned action's state and its case's status, the due date
     * its ladder counts from, the ladder state (ACTIVE, STOPPED …), the holds, and the source key of a contact
     * another module planned ({@link PlannedContact}; null for a ladder step).
     */
    public record ActionState(long actionId, String state, long caseId, String caseStatus, LocalDate anchorDue,
                              String ladderState, boolean promiseActive, boolean disputeOpen, String source) {

        /** A ladder step's state (no source). */
        public ActionState(long actionId, String state, long caseId, String caseStatus, LocalDate anchorDue,
                           String ladderState, boolean promiseActive, boolean disputeOpen) {
            this(actionId, state, caseId, caseStatus, anchorDue, ladderState, promiseActive, disputeOpen, null);
        }
    }

    /**
     * A contact another module plans on an account's case (open, or closed as cured) besides the ladder (an instalment plan's reminder):
     * its {@code source} key is unique (planning it again plans nothing) and starts with the owning module's prefix,
     * by which dispatch asks that module whether it may still go ({@code dev.arrears.contact.ContactSource}).
     *
     * @param scheduledOn the date it is due, in the account's zone
     * @param channel     SMS, EMAIL or PUSH
     * @param fallback    the channel to try when the first fails permanently; null for none
     */
    public record PlannedContact(String source, long accountId, LocalDate plannedOn, LocalDate scheduledOn,
                                 String channel, String template, String fallback) {
    }

    /** The end of a queued action: SENT, DONE, CANCELLED or FAILED, and why. */
    public record Settlement(long actionId, String state, String reason) {
    }

    /** Filters for listing planned actions; null means any. */
    public record ActionFilter(LocalDate date, String channel, String action, Long accountId, String state,
                               Long caseId, int page, int size) {
    }

    /**
     * A strategy decision with its full trace: the facts read, every condition evaluated with its result, the
     * steps planned or that would be planned, and what it does to the case.
     *
     * @param applies    whether the strategy's appliesTo holds (a dry run of a named strategy decides anyway)
     * @param caseChange NONE, OPEN, UPDATE or CLOSE
     */
    public record DecisionView(long accountId, LocalDate asOf, String strategy, Integer strategyVersion,
                               Long strategyVersionId, boolean applies, String outcome, String segment,
                               String variant, List<StepView> steps, List<Integer> skipped, LocalDate nextStepOn,
                               Map<String, Object> facts, List<ConditionView> conditions, String caseChange,
                               CaseView openCase) {
    }

    /** A ladder step in a decision. */
    public record StepView(int number, String at, String action, String channel, String template, String queue,
                           String manager, String level, String agency, LocalDate scheduledOn,
                           boolean noticeBeforeEscalation) {
    }

    /** A condition and its result. */
    public record ConditionView(String path, String expression, boolean result) {
    }

    /**
     * What one variant of a strategy achieved over all the cases it was given (a case counts under its variant now):
     * the accounts and cases, how many are open and how many closed cured, and the payments received on the cases'
     * accounts while the cases were open, in minor units per currency.
     *
     * @param variant        the variant's name ("-" for cases that have none)
     * @param collectedMinor payments (not reversed) received between a case's opening and closing dates, in the
     *                       account's zone, by currency
     */
    public record VariantResult(String variant, long accounts, long cases, long open, long cured,
                                Map<String, Long> collectedMinor) {

        /** Returns the share of the variant's cases that closed cured, in percent with one decimal; null for none. */
        public java.math.BigDecimal cureRatePercent() {
            return cases == 0 ? null : java.math.BigDecimal.valueOf(cured * 100L)
                    .divide(java.math.BigDecimal.valueOf(cases), 1, java.math.RoundingMode.HALF_UP);
        }
    }
}
