package dev.arrears.contact.dispatch;

import dev.arrears.compliance.Checked;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.contact.CallTaskAssigned;
import dev.arrears.contact.ContactRecorded;
import dev.arrears.contact.ContactViews.CallOutcome;
import dev.arrears.contact.PromiseOnCall;
import dev.arrears.contact.ContactViews.CallTaskFilter;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.contact.ContactViews.DialView;
import dev.arrears.contact.dispatch.HistoryStore.ContactRow;
import dev.arrears.contact.dispatch.JobStore.AttemptRow;
import dev.arrears.contact.dispatch.domain.Addresses;
import dev.arrears.contact.dispatch.domain.Dunning;
import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.cycle.CaseViews.Settlement;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The collector's side of call tasks. Before a call the guard is asked about channel CALL with the account's real
 * history: ALLOW claims the task for the collector and records the dialled call in the history (its outcome
 * follows); DEFER puts the task back until the earliest lawful instant; BLOCK ends it. The outcome of every call is
 * history for the guard; a promise or a dispute holds the case's ladder.
 */
public final class CallDesk {

    private final Ledger ledger;
    private final Cycles cycles;
    private final ContactGuard guard;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JobStore jobs;
    private final HistoryStore history;
    private final CallTaskStore tasks;
    private final int historyDays;
    private final Duration claimFor;
    /** How long an unanswered call waits before it is due again (so "next" moves on to another customer). */
    private final Duration retryAfter;

    public CallDesk(JdbcClient jdbc, PlatformTransactionManager transactionManager, Ledger ledger, Cycles cycles,
                    ContactGuard guard, Clock clock, ApplicationEventPublisher events, int historyDays,
                    Duration claimFor, Duration retryAfter) {
        this.claimFor = claimFor;
        this.retryAfter = retryAfter;
        this.ledger = ledger;
        this.cycles = cycles;
        this.guard = guard;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jobs = new JobStore(jdbc);
        this.history = new HistoryStore(jdbc);
        this.tasks = new CallTaskStore(jdbc);
        this.historyDays = historyDays;
    }

    /** Lists call tasks, highest priority first. */
    public Page<CallTaskView> tasks(CallTaskFilter filter) {
        return tasks.tasks(filter);
    }

    /** Lists the open and claimed tasks, highest priority first, at most {@code limit}, uncounted. */
    public java.util.List<CallTaskView> active(int limit) {
        return tasks.active(limit);
    }

    /** Returns a call task. */
    public java.util.List<CallTaskView> pendingOf(long accountId) {
        return tasks.pendingOf(accountId);
    }

    /** Returns a task. */
    public Optional<CallTaskView> task(long id) {
        return tasks.task(id);
    }

    /**
     * Claims a task for a collector: theirs when it was open and free (or already theirs), until the claim lapses;
     * throws {@link ConflictException} when someone else holds it or it is no longer open.
     */
    public CallTaskView claim(long taskId, String collector) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            CallTaskView before = tasks.task(taskId).orElseThrow(() -> new NotFoundException("No call task with id "
                    + taskId));
            if (!tasks.take(taskId, collector, now, now.plus(claimFor))) {
                CallTaskView t = tasks.task(taskId).orElseThrow();
                String why = !t.state().equals("OPEN") && !t.state().equals("CLAIMED") ? "the task is " + t.state()
                        : "assigned to " + t.assignee();
                throw new ConflictException("call task " + taskId + " cannot be claimed: " + why,
                        List.of(FieldError.at("/assignee", why)));
            }
            if (!collector.equals(before.assignee())) {
                events.publishEvent(new CallTaskAssigned(taskId, before.accountId(), collector, before.assignee(),
                        CallTaskAssigned.Change.CLAIMED, collector, now));
            }
            return tasks.task(taskId).orElseThrow();
        });
    }

    /**
     * Returns the collector's next task: one of theirs awaiting an outcome or due, else the highest-priority due
     * free task of the queue (null: any), claimed for them; empty when there is none.
     */
    public Optional<CallTaskView> next(String collector, String queue) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            Optional<Long> own = tasks.ownNext(collector, now);
            if (own.isPresent()) {
                return tasks.task(own.get());
            }
            Optional<Long> taken = tasks.takeNext(collector, queue, now, now.plus(claimFor));
            taken.ifPresent(id -> {
                CallTaskView t = tasks.task(id).orElseThrow();
                events.publishEvent(new CallTaskAssigned(id, t.accountId(), collector, null,
                        CallTaskAssigned.Change.CLAIMED, collector, now));
            });
            return taken.flatMap(tasks::task);
        });
    }

    /**
     * Assigns an open task to a user until released (a null assignee releases it to the pool), by a supervisor;
     * throws {@link ConflictException} when the task is being called or has ended.
     */
    public CallTaskView assign(long taskId, String assignee, String supervisor) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            CallTaskView before = tasks.lock(taskId).orElseThrow(() -> new NotFoundException("No call task with id "
                    + taskId));
            if (!tasks.assign(taskId, assignee, supervisor, now, null)) {
                String why = "the task is " + before.state()
                        + (before.claimedBy() == null ? "" : " by " + before.claimedBy());
                throw new ConflictException("call task " + taskId + " cannot be assigned: " + why,
                        List.of(FieldError.at("/state", why)));
            }
            events.publishEvent(new CallTaskAssigned(taskId, before.accountId(), assignee, before.assignee(),
                    assignee == null ? CallTaskAssigned.Change.RELEASED : CallTaskAssigned.Change.ASSIGNED,
                    supervisor, now));
            return tasks.task(taskId).orElseThrow();
        });
    }

    /** Lists the open tasks due and free to claim now (of the queue; null: any), highest priority first. */
    public List<CallTaskView> pool(String queue, int limit) {
        return tasks.pool(queue, clock.instant(), limit);
    }

    /** Counts open and claimed tasks by queue and assignee. */
    public List<dev.arrears.contact.ContactViews.QueueLoad> loads() {
        return tasks.loads(clock.instant());
    }

    /** Asks the guard whether the collector may dial the task's customer now, and records the answer. */
    public DialView dial(long taskId, String collector) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            CallTaskView task = tasks.lock(taskId).orElseThrow(() -> new NotFoundException("No call task with id "
                    + taskId));
            if (!task.state().equals("OPEN") && !task.state().equals("CLAIMED")) {
                throw new ConflictException("call task " + taskId + " is " + task.state(),
                        List.of(FieldError.coded("/state", "the task is " + task.state(), "problem.call.state",
                                task.state())));
            }
            if (task.state().equals("CLAIMED") && !collector.equals(task.claimedBy())) {
                throw new ConflictException("call task " + taskId + " is claimed by " + task.claimedBy(),
                        List.of(FieldError.coded("/claimedBy", "claimed by " + task.claimedBy(),
                                "problem.call.claimedBy", task.claimedBy())));
            }
            if (task.heldAt(now) && !collector.equals(task.assignee())) {
                throw new ConflictException("call task " + taskId + " is assigned to " + task.assignee(),
                        List.of(FieldError.coded("/assignee", "assigned to " + task.assignee(),
                                "problem.call.assignedTo", task.assignee())));
            }
            if (history.openCall(taskId).isPresent()) {
                throw new ConflictException("the last call of task " + taskId + " has no outcome yet",
                        List.of(FieldError.coded("/outcome", "record the outcome of the last call first",
                                "problem.call.outcomeFirst")));
            }
            CurrentState state = ledger.lockStates(List.of(task.accountId())).get(task.accountId());
            ActionState action = cycles.actionStates(List.of(task.plannedActionId())).get(task.plannedActionId());
            LocalDate today = state == null ? null : LocalDate.ofInstant(now, state.timeZone());
            String stop = Dunning.stop(state, action, today);
            if (stop != null) {
                end(task, "CANCELLED", "CANCELLED", stop, now, collector, null);
                return new DialView(taskId, "CANCELLED", null, List.of(), null, null, null, stop);
            }
            CustomerView customer = ledger.customers(List.of(task.customerId())).get(task.customerId());
            ContactPoint phone = customer == null ? null : Addresses.pick(customer.contactPoints(), Channel.CALL);
            if (phone == null) {
                String reason = "no phone number";
                end(task, "CANCELLED", "FAILED", reason, now, collector, null);
                return new DialView(taskId, "CANCELLED", null, List.of(), null, null, null, reason);
            }
            List<Attempt> past = history.since(List.of(task.customerId()), now.minus(Duration.ofDays(historyDays)))
                    .getOrDefault(task.customerId(), List.of());
            String key = "call-task:" + taskId + ":" + (task.attempts() + 1);
            Checked checked = guard.check(Checks.of(key, state, customer, phone, Channel.CALL, null, false, past));
            Verdict v = checked.verdict();
            jobs.log(List.of(new AttemptRow(null, taskId, task.accountId(), Channel.CALL, collector, now,
                    v.decision().name(), checked.verdictId(), checked.profile(), v.notBefore(), Checks.reasons(v),
                    null, null, phone.value(), null)));
            return switch (v.decision()) {
                case ALLOW -> {
                    tasks.claim(taskId, collector, now, now.plus(claimFor));
                    long attemptId = history.record(List.of(new ContactRow(task.customerId(), task.accountId(),
                            Channel.CALL, Direction.OUTBOUND, now, null, List.of(String.valueOf(task.accountId())),
                            phone.value(), null, taskId, collector)), now).getFirst();
                    events.publishEvent(new ContactRecorded(attemptId, task.customerId(), task.accountId(),
                            Channel.CALL, "CALL", key, checked.verdictId(), now));
                    yield new DialView(taskId, "ALLOW", null, List.of(), checked.verdictId(), phone.value(),
                            attemptId, "dial now; record the outcome when the call ends");
                }
                case DEFER -> {
                    tasks.reopen(taskId, v.notBefore(), null, null, null, "deferred: " + Checks.rules(v), now);
                    yield new DialView(taskId, "DEFER", v.notBefore(), v.reasons(), checked.verdictId(), null, null,
                            "not before " + v.notBefore());
                }
                case BLOCK -> {
                    end(task, "CANCELLED", "CANCELLED", "blocked by the compliance guard: " + Checks.rules(v), now,
                            collector, checked.verdictId());
                    yield new DialView(taskId, "BLOCK", null, v.reasons(), checked.verdictId(), null, null,
                            "blocked by the compliance guard");
                }
            };
        });
    }

    private void end(CallTaskView task, String taskState, String actionState, String reason, Instant now,
                     String who, Long verdictId) {
        tasks.end(task.id(), taskState, null, null, reason, now);
        cycles.settle(List.of(new Settlement(task.plannedActionId(), actionState, reason)));
        if (verdictId == null) {
            jobs.log(List.of(new AttemptRow(null, task.id(), task.accountId(), Channel.CALL, who, now, "CANCEL", null,
                    null, null, null, null, null, null, reason)));
        }
    }

    /**
     * Records how the collector's last dialled call ended (validated by the caller: a result exactly with
     * CONVERSATION, a call-back time exactly with CALL_BACK) and moves the task on: a conversation that ended it,
     * a wrong party: DONE; no answer, voicemail, not connected: back in the queue, due again after the retry delay
     * ({@code arrears.contact.call-retry-minutes}, default 120); a call-back: due at its time.
     */
    public CallTaskView recordOutcome(long taskId, String collector, CallOutcome outcome) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            CallTaskView task = tasks.lock(taskId).orElseThrow(() -> new NotFoundException("No call task with id "
                    + taskId));
            long attemptId = history.openCall(taskId).orElseThrow(() -> new ConflictException(
                    "no dialled call of task " + taskId + " waits for an outcome",
                    List.of(FieldError.coded("/outcome", "dial first: POST /api/v1/call-tasks/" + taskId + "/dial",
                            "problem.call.dialFirst"))));
            if (!collector.equals(task.claimedBy())) {
                throw new ConflictException("call task " + taskId + " is claimed by " + task.claimedBy(),
                        List.of(FieldError.coded("/claimedBy", "claimed by " + task.claimedBy(),
                                "problem.call.claimedBy", task.claimedBy())));
            }
            ConversationResult result = outcome.result();
            String resultName = result == null ? null : result.name();
            history.recordOutcome(attemptId, outcome.outcome(), resultName, outcome.note(), now);
            events.publishEvent(new ContactRecorded(attemptId, task.customerId(), task.accountId(), Channel.CALL,
                    "OUTCOME", "call-task:" + taskId, null, now));
            String outcomeName = outcome.outcome().name();
            if (!task.state().equals("CLAIMED")) {
                return tasks.task(taskId).orElseThrow(); // ended meanwhile: the call is history, the task stays
            }
            CurrentState state = ledger.currentStates(List.of(task.accountId())).get(task.accountId());
            LocalDate today = LocalDate.ofInstant(now, state == null ? clock.getZone() : state.timeZone());
            if (outcome.outcome() == Outcome.CONVERSATION && result == ConversationResult.CALL_BACK) {
                tasks.reopen(taskId, outcome.callBackAt(), outcomeName, resultName, outcome.callBackAt(),
                        "call back at " + outcome.callBackAt(), now);
            } else if (outcome.outcome() == Outcome.CONVERSATION || outcome.outcome() == Outcome.WRONG_PARTY) {
                if (result == ConversationResult.PROMISE) {
                    // the arrangement module takes the promise in this transaction (and pauses the ladder); a
                    // promise it refuses rolls the outcome back with the reasons
                    events.publishEvent(new PromiseOnCall(task.accountId(), taskId, collector,
                            outcome.promiseAmount(), outcome.promiseDate(), now));
                } else if (result == ConversationResult.DISPUTE) {
                    cycles.markDispute(task.accountId(), true, today);
                }
                String reason = outcome.outcome() == Outcome.WRONG_PARTY ? "wrong party"
                        : "conversation: " + resultName;
                tasks.end(taskId, "DONE", outcomeName, resultName, reason, now);
                cycles.settle(List.of(new Settlement(task.plannedActionId(), "DONE", reason)));
            } else {
                tasks.reopen(taskId, now.plus(retryAfter), outcomeName, null, null,
                        outcomeName.toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ": try again", now);
            }
            return tasks.task(taskId).orElseThrow();
        });
    }
}
