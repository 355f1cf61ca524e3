package dev.arrears.arrangement;

import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.domain.PromiseRules;
import dev.arrears.arrangement.domain.PromiseRules.Policy;
import dev.arrears.arrangement.domain.PromiseRules.Review;
import dev.arrears.arrangement.domain.PromiseRules.State;
import dev.arrears.arrangement.persistence.PromiseStore;
import dev.arrears.arrangement.persistence.PromiseStore.NewPromise;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promises to pay: taken by a collector (on a call, or through the API) or by the customer on the portal, checked
 * against the account and the policy ({@code arrears.promises.max-days-ahead}, {@code .grace-days}), and followed up
 * without anyone asking: while a promise is active its case's ladder pauses ({@code case.promiseActive}); a payment
 * that covers it keeps it at once; the cycle's first step of each date ({@link CycleStep}) marks it kept or, once its
 * date and the grace days have passed unpaid, broken — the ladder resumes and {@code history.brokenPromises90d}
 * counts it.
 */
@Service
public class Promises implements CycleStep {

    private static final Logger log = LoggerFactory.getLogger(Promises.class);

    private final PromiseStore store;
    private final Plans plans;
    private final Ledger ledger;
    private final Cycles cycles;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate own;
    private final Policy policy;

    Promises(PromiseStore store, Plans plans, Ledger ledger, Cycles cycles, Clock clock, ApplicationEventPublisher events,
             PlatformTransactionManager transactionManager,
             @Value("${arrears.promises.max-days-ahead:30}") int maxDaysAhead,
             @Value("${arrears.promises.grace-days:2}") int graceDays) {
        this.store = store;
        this.plans = plans;
        this.ledger = ledger;
        this.cycles = cycles;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        // reviews run from listeners after another transaction committed: always in a transaction of their own
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.policy = new Policy(maxDaysAhead, graceDays);
    }

    /** A promise as a collector or customer makes it: amount in minor units of {@code currency}, by a date. */
    public record TakePromise(long amountMinor, String currency, LocalDate promisedOn, PromiseChannel channel,
                              String note, boolean replace) {
    }

    /** Returns the policy promises are checked against. */
    public Policy policy() {
        return policy;
    }

    /**
     * Takes a promise on an account and pauses its ladder; an active promise already there is a conflict unless
     * {@code replace} is set (then it is cancelled). Every problem with the promise is an {@link InvalidInputException}.
     */
    public PromiseView take(long accountId, TakePromise promise, String actor) {
        return take(accountId, promise, actor, null);
    }

    /**
     * Takes a promise as {@link #take(long, TakePromise, String)} does, at a past instant instead of now: the
     * instant's date in the account's zone is the day it is checked against (the account's figures as of that day)
     * and taken on, and what is paid from that instant on counts towards it. For a replay of history (the demo),
     * which runs each past day's cycle itself; an instant after now is an {@link IllegalArgumentException}.
     */
    public PromiseView takeAt(long accountId, TakePromise promise, String actor, Instant at) {
        if (at.isAfter(clock.instant())) {
            throw new IllegalArgumentException("a promise cannot be taken in the future (" + at + ")");
        }
        return take(accountId, promise, actor, at);
    }

    /** Takes a promise at an instant (null: now, on today's figures). */
    private PromiseView take(long accountId, TakePromise promise, String actor, Instant at) {
        PromiseView taken = transactions.execute(status -> {
            LocalDate asOf = at == null ? null : Optional.ofNullable(ledger.currentStates(List.of(accountId))
                    .get(accountId)).map(s -> LocalDate.ofInstant(at, s.timeZone())).orElseThrow(() ->
                    new NotFoundException("No account with id " + accountId));
            AccountSummary account = ledger.account(accountId, asOf).orElseThrow(() ->
                    new NotFoundException("No account with id " + accountId)).summary();
            LocalDate today = account.asOf();
            List<FieldError> errors = PromiseRules.check(
                    new PromiseRules.Offer(promise.amountMinor(), promise.currency(), promise.promisedOn()),
                    new PromiseRules.Account(account.currency(), account.balanceMinor(), account.overdueMinor(),
                            today), policy);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Instant now = at == null ? clock.instant() : at;
            Optional<PromiseView> active = store.lockActive(accountId);
            if (active.isPresent()) {
                if (!promise.replace()) {
                    throw new ConflictException("account " + accountId + " already has an active promise "
                            + active.get().id(), List.of(FieldError.coded("/replace", "set replace to true to cancel "
                            + "promise " + active.get().id() + " and take this one", "problem.promise.active",
                            active.get().id())));
                }
                end(active.get(), State.CANCELLED, active.get().paidMinor(), today, now,
                        "replaced by a new promise", actor);
            }
            Long caseId = cycles.cases(accountId).stream().filter(c -> c.status().equals("OPEN"))
                    .map(CaseView::id).findFirst().orElse(null);
            long id = store.insert(new NewPromise(accountId, account.customerId(), caseId, promise.amountMinor(),
                    account.currency(), promise.promisedOn(), policy.graceDays(), promise.channel(), actor, now,
                    today, blankToNull(promise.note())));
            cycles.holdForPromise(accountId, true, today);
            events.publishEvent(new PromiseChanged(id, accountId, State.ACTIVE.name(), promise.amountMinor(),
                    account.currency(), actor, "promised by " + promise.promisedOn(), now));
            return store.promise(id).orElseThrow();
        });
        return taken;
    }

    /**
     * Takes the promise a collector recorded as a call's outcome, in the caller's transaction: the amount (null:
     * what is overdue) in the account's currency, replacing an active promise. Problems name the call outcome's
     * fields ({@code /promiseAmount}, {@code /promiseDate}).
     */
    public PromiseView takeOnCall(long accountId, long callTaskId, String collector, String amount,
                                  LocalDate promisedOn) {
        AccountSummary account = ledger.account(accountId, null).orElseThrow(() ->
                new NotFoundException("No account with id " + accountId)).summary();
        long minor;
        if (amount == null || amount.isBlank()) {
            minor = account.overdueMinor();
        } else {
            try {
                minor = Money.parseMinor(amount.strip(), Currencies.of(account.currency()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(FieldError.coded("/promiseAmount", e.getMessage(), "problem.amount",
                        account.currency()));
            }
        }
        try {
            return take(accountId, new TakePromise(minor, account.currency(), promisedOn, PromiseChannel.CALL,
                    "call task " + callTaskId, true), collector);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream().map(f -> f.movedTo(
                    f.pointer().equals("/date") ? "/promiseDate" : "/promiseAmount")).toList());
        }
    }

    /** Cancels an active promise (the ladder resumes); a promise no longer active is a conflict. */
    public PromiseView cancel(long promiseId, String actor, String reason) {
        PromiseView cancelled = transactions.execute(status -> {
            PromiseView p = store.lock(promiseId).orElseThrow(() ->
                    new NotFoundException("No promise with id " + promiseId));
            if (!p.state().equals(State.ACTIVE.name())) {
                throw new ConflictException("promise " + promiseId + " is " + p.state(),
                        List.of(FieldError.at("/state", "only an ACTIVE promise can be cancelled")));
            }
            CurrentState state = ledger.currentStates(List.of(p.accountId())).get(p.accountId());
            LocalDate today = LocalDate.ofInstant(clock.instant(), state.timeZone());
            end(p, State.CANCELLED, p.paidMinor(), today, clock.instant(),
                    reason == null || reason.isBlank() ? "cancelled" : reason.strip(), actor);
            return store.promise(promiseId).orElseThrow();
        });
        cycles.reevaluate(List.of(cancelled.accountId()));
        return cancelled;
    }

    /** Returns a promise. */
    public Optional<PromiseView> promise(long id) {
        return store.promise(id);
    }

    /** Returns an account's promises, newest first. */
    public List<PromiseView> promises(long accountId) {
        return store.ofAccount(accountId);
    }

    /**
     * Reviews the active promises of accounts that were just paid, each on today's date in its account's zone:
     * one that the payments cover is kept at once, and the account is re-evaluated so that what still is overdue
     * goes on up the ladder. Returns the promises that ended.
     */
    public List<PromiseView> reviewPaid(Collection<Long> accountIds) {
        List<PromiseView> ended = own.execute(status -> review(store.lockActive(accountIds), null));
        if (!ended.isEmpty()) {
            cycles.reevaluate(ended.stream().map(PromiseView::accountId).distinct().toList());
        }
        return ended;
    }

    /**
     * Marks every active promise kept or broken as of the cycle's date, before the cycle evaluates the accounts
     * (which then resume their ladders, counting the broken ones).
     */
    @Override
    public void beforeCycle(LocalDate asOf) {
        List<PromiseView> ended = own.execute(status -> review(store.lockActive((Collection<Long>) null), asOf));
        if (!ended.isEmpty()) {
            log.info("promises on {}: {} kept, {} broken", asOf,
                    ended.stream().filter(p -> p.state().equals("KEPT")).count(),
                    ended.stream().filter(p -> p.state().equals("BROKEN")).count());
        }
    }

    /** Reviews locked active promises on a date (null: today in each account's zone); returns those that ended. */
    private List<PromiseView> review(List<PromiseView> active, LocalDate asOf) {
        if (active.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> since = new HashMap<>();
        for (PromiseView p : active) {
            since.put(p.accountId(), p.takenAt());
        }
        Map<Long, Long> paid = ledger.paidSince(since);
        Map<Long, CurrentState> states = ledger.currentStates(since.keySet());
        Instant now = clock.instant();
        List<PromiseView> ended = new ArrayList<>();
        for (PromiseView p : active) {
            CurrentState state = states.get(p.accountId());
            LocalDate today = asOf != null ? asOf : LocalDate.ofInstant(now, state.timeZone());
            long paidMinor = paid.getOrDefault(p.accountId(), 0L);
            Review r = PromiseRules.review(p.amountMinor(), p.promisedOn(), p.graceDays(), paidMinor,
                    state.overdueMinor(), today);
            if (r.state() == State.ACTIVE) {
                if (paidMinor != p.paidMinor()) {
                    store.paid(p.id(), paidMinor);
                }
            } else {
                end(p, r.state(), paidMinor, today, now, r.reason(), "system");
                ended.add(store.promise(p.id()).orElseThrow());
            }
        }
        return ended;
    }

    /**
     * Ends an account's active promise because a settlement was paid: KEPT when what was paid since it was taken
     * reaches its amount, otherwise CANCELLED (the debt it was about is settled, not paid as promised), with the
     * reason "settlement N paid"; the case's hold follows (lifted unless a plan is still active). Run it in the
     * settlement's transaction; empty when no promise was active.
     */
    Optional<PromiseView> settle(long accountId, long settlementId, LocalDate today) {
        Optional<PromiseView> active = store.lockActive(accountId);
        if (active.isEmpty()) {
            return active;
        }
        PromiseView p = active.get();
        long paidMinor = ledger.paidSince(Map.of(accountId, p.takenAt())).getOrDefault(accountId, 0L);
        end(p, paidMinor >= p.amountMinor() ? State.KEPT : State.CANCELLED, paidMinor, today, clock.instant(),
                "settlement " + settlementId + " paid", "system");
        return store.promise(p.id());
    }

    private void end(PromiseView p, State state, long paidMinor, LocalDate on, Instant at, String reason,
                     String actor) {
        if (store.end(p.id(), state.name(), paidMinor, on, at, reason)) {
            // an active instalment plan keeps the ladder paused (one over part of the balance: while nothing is
            // overdue outside it)
            cycles.holdForPromise(p.accountId(), plans.pausesLadder(p.accountId(), on), on);
            events.publishEvent(new PromiseChanged(p.id(), p.accountId(), state.name(), p.amountMinor(),
                    p.currency(), actor, reason, at));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
