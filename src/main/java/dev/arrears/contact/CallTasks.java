package dev.arrears.contact;

import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.contact.ContactViews.CallOutcome;
import dev.arrears.contact.ContactViews.CallTaskFilter;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.contact.ContactViews.DialView;
import dev.arrears.contact.dispatch.CallDesk;
import dev.arrears.contact.dispatch.DispatchSettings;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.CallWorkers;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.UnprocessableInputException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.PersonalDataRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

import dev.arrears.contact.ContactViews.QueueLoad;
import dev.arrears.contact.dispatch.CallRisk;
import dev.arrears.contact.dispatch.domain.CallPriority;
import dev.arrears.scoring.Scoring;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Call tasks in collector queues: created by dispatch from due CALL steps, listed by queue and state (highest
 * priority first), dialled only after the compliance guard allowed the call (channel CALL, with the account's real
 * history), and closed with an outcome in the guard's vocabulary. Every dialled call and outcome is contact history.
 */
@Service
public class CallTasks {

    private final CallDesk desk;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CallWorkers workers;

    CallTasks(JdbcClient jdbc, PlatformTransactionManager transactions, Ledger ledger, Cycles cycles,
              ContactGuard guard, Clock clock, ApplicationEventPublisher events, Environment environment,
              CallWorkers workers) {
        this.workers = workers;
        this.desk = new CallDesk(jdbc, transactions, ledger, cycles, guard, clock, events,
                DispatchSettings.from(environment).historyDays(),
                Duration.ofMinutes(environment.getProperty("arrears.contact.claim-minutes", Integer.class, 60)),
                Duration.ofMinutes(environment.getProperty("arrears.contact.call-retry-minutes", Integer.class, 120)));
        this.events = events;
        this.clock = clock;
    }

    /** Lists call tasks, highest priority first. */
    public Page<CallTaskView> tasks(CallTaskFilter filter) {
        return desk.tasks(filter);
    }

    /**
     * Lists the open and claimed tasks of every queue with the highest priority first (then due time), at most
     * {@code limit}, without counting them all: the supervisors' queue page.
     */
    public List<CallTaskView> active(int limit) {
        return desk.active(limit);
    }

    /** Lists an account's call tasks still open or claimed by a collector, highest priority first. */
    public List<CallTaskView> pendingOf(long accountId) {
        return desk.pendingOf(accountId);
    }

    /** Returns a call task. */
    public Optional<CallTaskView> task(long id) {
        return desk.task(id);
    }

    /**
     * Claims a task for a collector, atomically: it becomes theirs when it was open and nobody held it (or their
     * claim lapsed, {@code arrears.contact.claim-minutes}, default 60), and stays theirs while they work it; throws
     * {@link dev.arrears.shared.ConflictException} when someone else holds it.
     */
    public CallTaskView claim(long taskId, String collector) {
        return desk.claim(taskId, collector);
    }

    /**
     * Returns the collector's next task: their own awaiting an outcome or due, else the highest-priority due task
     * nobody holds (of the queue; null: any), claimed for them; empty when the queue is empty.
     */
    public Optional<CallTaskView> next(String collector, String queue) {
        return desk.next(collector, queue);
    }

    /**
     * Assigns an open task to a user until released, or releases it to the pool (null assignee): a supervisor's.
     * The assignee must be an enabled user whose role works call tasks ({@link CallWorkers}); else 422.
     */
    public CallTaskView assign(long taskId, String assignee, String supervisor) {
        if (assignee != null && (assignee.isBlank() || assignee.length() > 100)) {
            throw new InvalidInputException(List.of(FieldError.at("/assignee", "a user name of 1 to 100 characters,"
                    + " or null to release the task")));
        }
        String name = assignee == null ? null : assignee.strip();
        if (name != null && !workers.mayWorkCalls(name)) {
            throw new UnprocessableInputException(FieldError.at("/assignee", "'" + name
                    + "' is no enabled user who works call tasks (COLLECTOR, SUPERVISOR, MANAGER, AGENCY or ADMIN)"));
        }
        return desk.assign(taskId, name, supervisor);
    }

    /** Lists the open tasks due and free to claim now (of the queue; null: any), highest priority first. */
    public List<CallTaskView> pool(String queue, int limit) {
        return desk.pool(queue, limit);
    }

    /** Counts open and claimed tasks by queue and assignee, with the oldest due time and the top priority. */
    public List<QueueLoad> loads() {
        return desk.loads();
    }

    /** Returns the risk weights of call priority from the accounts' score grades (unscored: neutral). */
    static CallRisk risk(Scoring scoring) {
        return ids -> {
            Map<Long, Integer> out = new HashMap<>();
            scoring.gradeRanks(ids).forEach((id, g) -> out.put(id, CallPriority.risk(g.rank(), g.grades())));
            return out;
        };
    }

    /**
     * Asks the guard whether the collector may call now: ALLOW claims the task and records the call (the answer
     * carries the number), DEFER says when, BLOCK why; CANCELLED when the account no longer owes or a hold applies.
     */
    public DialView dial(long taskId, String collector) {
        DialView view = desk.dial(taskId, collector);
        if (view.phone() != null) {
            desk.task(taskId).ifPresent(t -> events.publishEvent(new PersonalDataRead(t.customerId(), collector,
                    "POST /api/v1/call-tasks/" + taskId + "/dial", clock.instant())));
        }
        return view;
    }

    /** Records how the collector's last call of the task ended; the outcome must fit (see {@link CallOutcome}). */
    public CallTaskView recordOutcome(long taskId, String collector, CallOutcome outcome) {
        List<FieldError> errors = new ArrayList<>();
        if (outcome.outcome() == null) {
            errors.add(FieldError.coded("/outcome", "required: NOT_CONNECTED, NO_ANSWER, VOICEMAIL, WRONG_PARTY or"
                    + " CONVERSATION", "problem.call.outcomeRequired"));
        } else if (outcome.outcome() == Outcome.CONVERSATION && outcome.result() == null) {
            errors.add(FieldError.coded("/result", "required with CONVERSATION: PROMISE, DISPUTE, REFUSED, CALL_BACK"
                    + " or OTHER", "problem.call.resultRequired"));
        } else if (outcome.outcome() != Outcome.CONVERSATION && outcome.result() != null) {
            errors.add(FieldError.coded("/result", "only a CONVERSATION has a result",
                    "problem.call.resultOnlyConversation"));
        }
        if (outcome.result() == ConversationResult.CALL_BACK) {
            if (outcome.callBackAt() == null) {
                errors.add(FieldError.coded("/callBackAt", "required with CALL_BACK: an instant such as"
                        + " 2026-11-24T09:00:00Z", "problem.call.callBackRequired"));
            } else if (!outcome.callBackAt().isAfter(clock.instant())) {
                errors.add(FieldError.coded("/callBackAt", "must be in the future", "problem.call.callBackPast"));
            }
        } else if (outcome.callBackAt() != null) {
            errors.add(FieldError.coded("/callBackAt", "only with the result CALL_BACK",
                    "problem.call.callBackOnly"));
        }
        if (outcome.result() == ConversationResult.PROMISE) {
            if (outcome.promiseDate() == null) {
                errors.add(FieldError.coded("/promiseDate", "required with PROMISE: the date the customer will pay"
                        + " by, such as 2026-11-27", "problem.call.promiseDateRequired"));
            }
        } else if (outcome.promiseDate() != null || outcome.promiseAmount() != null) {
            errors.add(FieldError.coded(outcome.promiseDate() != null ? "/promiseDate" : "/promiseAmount",
                    "only with the result PROMISE", "problem.call.promiseOnly"));
        }
        if (outcome.note() != null && outcome.note().length() > 2000) {
            errors.add(FieldError.coded("/note", "at most 2000 characters", "problem.tooLong", 2000));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return desk.recordOutcome(taskId, collector, outcome);
    }
}
