package dev.arrears.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/** Read models and commands of the contact module: jobs, the sandbox outbox, call tasks, timelines, receipts. */
public final class ContactViews {

    private ContactViews() {
    }

    /** A dispatch job: one planned message, where it stands and what the provider said. */
    public record JobView(long id, String idempotencyKey, long plannedActionId, long caseId, long accountId,
                          long customerId, String action, Channel channel, Channel fallback, String template,
                          String state, Instant dueAt, int attempts, String lastResult, String reason,
                          Long verdictId, List<String> providerIds, String messageId, Instant sentAt,
                          String delivery, Instant deliveredAt, Instant createdAt, Instant updatedAt) {
    }

    /** Filters of the job list; null means any. */
    public record JobFilter(Long accountId, String state, Channel channel, int page, int size) {
    }

    /**
     * A message the sandbox accepted, as the channel would have carried it; {@code pdf} links to its PDF (a letter,
     * an e-mail's bill attachment), null when it has none.
     */
    public record OutboxMessage(long id, String contactKey, Channel channel, long accountId, long customerId,
                                String recipient, String locale, String subject, String text, String html,
                                String payload, String document, Integer segments, String messageId,
                                String providerId, Instant acceptedAt, String pdf) {
    }

    /**
     * A line of the sandbox outbox with the dispatch job it came from: {@code status} is the job's latest delivery
     * receipt status, else its state; both null for a message no job sent.
     */
    public record OutboxEntry(OutboxMessage message, Long jobId, String status) {
    }

    /** Filters of the sandbox outbox; null means any. */
    public record OutboxFilter(Channel channel, Long accountId, int page, int size) {
    }

    /**
     * A call for a collector: the account summary, a suggested script (call_script rendered for the customer), its
     * priority (higher first), when it is due, who holds it while dialling ({@code claimedBy}), who works it
     * ({@code assignee}: by their own claim, which lapses at {@code assignedUntil}, or by a supervisor's assignment)
     * and the last outcome.
     */
    public record CallTaskView(long id, long plannedActionId, long caseId, long accountId, long customerId,
                               String queue, long priority, String state, Instant dueAt, String claimedBy,
                               Instant claimedAt, int attempts, String lastOutcome, String lastResult,
                               Instant callBackAt, String summary, String script, String stateReason,
                               Instant createdAt, String assignee, Instant assignedAt, String assignedBy,
                               Instant assignedUntil) {

        /** Returns true when the task is assigned to someone at the instant (a claim that lapsed is not). */
        public boolean heldAt(Instant now) {
            return assignee != null && (assignedUntil == null || assignedUntil.isAfter(now));
        }
    }

    /**
     * Filters of the call task list; null means any. {@code assignee} lists the tasks assigned to a user (a lapsed
     * claim included until someone else claims the task).
     */
    public record CallTaskFilter(String queue, String state, String assignee, int page, int size) {

        /** A filter by queue and state. */
        public CallTaskFilter(String queue, String state, int page, int size) {
            this(queue, state, null, page, size);
        }
    }

    /** Open and claimed tasks of one queue and assignee (null: unassigned): how many, the oldest due, the top. */
    public record QueueLoad(String queue, String assignee, long tasks, Instant oldestDue, long topPriority) {
    }

    /**
     * The answer to a collector about to dial: ALLOW (dial {@code phone} now; the attempt is recorded), DEFER (not
     * before {@code notBefore}), BLOCK, or CANCELLED when the account no longer owes or a hold applies.
     */
    public record DialView(long taskId, String decision, Instant notBefore, List<Reason> reasons, Long verdictId,
                           String phone, Long attemptId, String detail) {
    }

    /**
     * What a collector reports after a call. {@code result} only with CONVERSATION; {@code callBackAt} with
     * CALL_BACK; with PROMISE the date the customer will pay by ({@code promiseDate}, required, a date of the
     * account's zone) and the amount ({@code promiseAmount}, a decimal string in the account's currency; null: what
     * is overdue).
     */
    public record CallOutcome(Outcome outcome, ConversationResult result, Instant callBackAt, String note,
                              String promiseAmount, java.time.LocalDate promiseDate) {

        /** An outcome without a promise. */
        public CallOutcome(Outcome outcome, ConversationResult result, Instant callBackAt, String note) {
            this(outcome, result, callBackAt, note, null, null);
        }
    }

    /** How a conversation ended. */
    public enum ConversationResult { PROMISE, DISPUTE, REFUSED, CALL_BACK, OTHER }

    /**
     * One line of an account's contact story, in time order: ATTEMPT (a message the provider accepted, a call
     * dialled), OUTCOME (how a call ended), VERDICT (the guard's decision), DISPATCH (a cancellation or a
     * provider's failure), RECEIPT (a delivery receipt), PAYMENT, PAYMENT_REVERSED.
     *
     * @param status     the decision, outcome, receipt status or amount
     * @param ref        what the line is about: {@code job:12}, {@code call-task:3}, {@code payment:7}
     * @param detailArgs what the English {@code detail} is made of, by kind, for pages that write it in the reader's
     *                   language (not in the API's JSON): ATTEMPT direction, address; OUTCOME result, note; RECEIPT
     *                   provider id, detail; LETTER letter id, pages, batch id; PAYMENT method, reference; VERDICT
     *                   verdict id, profile, profile version, purpose, not before, reasons; "" for none; empty when
     *                   the detail is shown as it is
     */
    public record TimelineEntry(Instant at, String kind, Channel channel, String status, String detail, String ref,
                                @JsonIgnore List<String> detailArgs) {

        public TimelineEntry {
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }

        /** A line whose detail is shown as it is. */
        public TimelineEntry(Instant at, String kind, Channel channel, String status, String detail, String ref) {
            this(at, kind, channel, status, detail, ref, List.of());
        }
    }

    /** An account's timeline. */
    public record Timeline(long accountId, long customerId, List<TimelineEntry> entries) {
    }

    /** A delivery receipt from a provider, matched back to its job by the provider's message id. */
    public record Receipt(Channel channel, String providerId, String status, Instant at, String detail) {
    }

    /** What one pass of dispatch did. */
    public record DispatchReport(int queued, int callTasks, int claimed, int sent, int deferred, int blocked,
                                 int cancelled, int failed, int retried, int fellBack, int uncertain,
                                 int takenOver) {

        public static final DispatchReport NONE = new DispatchReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Returns the sum of two reports. */
        public DispatchReport plus(DispatchReport o) {
            return new DispatchReport(queued + o.queued, callTasks + o.callTasks, claimed + o.claimed,
                    sent + o.sent, deferred + o.deferred, blocked + o.blocked, cancelled + o.cancelled,
                    failed + o.failed, retried + o.retried, fellBack + o.fellBack, uncertain + o.uncertain,
                    takenOver + o.takenOver);
        }

        /** Returns true when the pass did anything. */
        public boolean any() {
            return !equals(NONE);
        }
    }
}
