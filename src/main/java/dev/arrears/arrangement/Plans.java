package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.PlanRules;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import dev.arrears.arrangement.domain.PlanRules.Policy;
import dev.arrears.scoring.Scoring;
import dev.arrears.arrangement.domain.PlanRules.Request;
import dev.arrears.arrangement.domain.PlanRules.Standing;
import dev.arrears.arrangement.persistence.PlanStore;
import dev.arrears.arrangement.persistence.PromiseStore;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
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
 * Instalment plans: the terms a product line allows ({@code arrears.plans.<PRODUCT_LINE>.*}), the options an account
 * has under them, making a plan over the balance or part of it (the ladder pauses while it is active; for a plan over
 * part of the balance, only while nothing is overdue outside it), and following it up: payments cover
 * instalments oldest first; the cycle's first step of each date completes a plan that is paid and defaults one with
 * an instalment unpaid after its grace days, and the ladder resumes; then it plans the reminders before the
 * instalments still to pay ({@link PlanReminders}).
 */
@Service
public class Plans implements CycleStep {

    private static final Logger log = LoggerFactory.getLogger(Plans.class);

    /** The state of a plan a paid settlement ended (the rest of the balance written off). */
    static final String SETTLED = "SETTLED";

    private final PlanStore store;
    private final PromiseStore promises;
    private final Ledger ledger;
    private final Cycles cycles;
    private final Clock clock;
    private final Environment environment;
    private final TransactionTemplate transactions;
    private final TransactionTemplate own;
    private final Scoring scoring;
    private final PlanReminders reminders;

    Plans(PlanStore store, PromiseStore promises, Ledger ledger, Cycles cycles, Clock clock, Environment environment,
          PlatformTransactionManager transactionManager, Scoring scoring, PlanReminders reminders) {
        this.scoring = scoring;
        this.reminders = reminders;
        this.store = store;
        this.promises = promises;
        this.ledger = ledger;
        this.cycles = cycles;
        this.clock = clock;
        this.environment = environment;
        this.transactions = new TransactionTemplate(transactionManager);
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A plan as a collector or customer chooses it; {@code downMinor} null means the smallest allowed,
     * {@code coveredMinor} null the whole balance.
     */
    public record MakePlan(int instalments, Long downMinor, String currency, Frequency frequency,
                           LocalDate firstDueOn, Long coveredMinor) {

        /** A plan over the whole balance. */
        public MakePlan(int instalments, Long downMinor, String currency, Frequency frequency, LocalDate firstDueOn) {
            this(instalments, downMinor, currency, frequency, firstDueOn, null);
        }
    }

    /**
     * What an account may choose: the policy, the smallest down payment and one schedule per allowed count, for a
     * plan over {@code coveredMinor} (the balance, or the part of it asked for), with a down payment of
     * {@code downMinor} (the smallest unless another was asked for) and instalments {@code frequency} apart.
     */
    public record Options(long accountId, String currency, long balanceMinor, Policy policy, long minDownMinor,
                          List<Option> options, String grade, long coveredMinor, long downMinor,
                          Frequency frequency) {
    }

    /** One allowed plan: its instalment count and schedule (the first instalment a period after today). */
    public record Option(int instalments, List<Instalment> schedule) {
    }

    /**
     * Returns the policy of a product line: {@code arrears.plans.<LINE>.max-instalments} (default 6; 12 for
     * WALLET_CREDIT, 3 for B2B_INVOICE), {@code .min-down-percent} (10; 20 for B2B_INVOICE), {@code .min-instalment}
     * (50 major units of the account's currency), {@code .fee} (0), {@code .grace-days} (3).
     */
    public Policy policy(ProductLine line, String currency) {
        String prefix = "arrears.plans." + line.name() + ".";
        int max = environment.getProperty(prefix + "max-instalments", Integer.class,
                line == ProductLine.WALLET_CREDIT ? 12 : line == ProductLine.B2B_INVOICE ? 3 : 6);
        int down = environment.getProperty(prefix + "min-down-percent", Integer.class,
                line == ProductLine.B2B_INVOICE ? 20 : 10);
        var c = Currencies.of(currency);
        long minInstalment = Money.parseMinor(environment.getProperty(prefix + "min-instalment", "50"), c);
        long fee = Money.parseMinor(environment.getProperty(prefix + "fee", "0"), c);
        int grace = environment.getProperty(prefix + "grace-days", Integer.class, 3);
        return new Policy(max, down, minInstalment, fee, grace);
    }

    /**
     * Returns what a risk grade allows at most: {@code arrears.plans.grade.<G>.max-instalments} and
     * {@code .min-down-percent}; by default grade D at most 4 instalments and 20 % down, grade E at most 3 and 30 %
     * down, A to C no further limit. Null (no limit) for an unknown grade.
     */
    public PlanRules.GradeLimits gradeLimits(String grade) {
        if (grade == null || grade.isBlank()) {
            return null;
        }
        String prefix = "arrears.plans.grade." + grade + ".";
        int max = environment.getProperty(prefix + "max-instalments", Integer.class,
                "D".equals(grade) ? 4 : "E".equals(grade) ? 3 : 0);
        int down = environment.getProperty(prefix + "min-down-percent", Integer.class,
                "D".equals(grade) ? 20 : "E".equals(grade) ? 30 : 0);
        return max == 0 && down == 0 ? null : new PlanRules.GradeLimits(max, down);
    }

    /** Returns the policy of an account: its product line's, tightened by its risk grade's limits. */
    private Policy policy(AccountSummary a, String grade) {
        return PlanRules.forGrade(policy(a.productLine(), a.currency()), gradeLimits(grade));
    }

    /**
     * Returns the risk grade the scoring run stored for an account, or null before it has been scored (a plan then
     * follows its product line's rules alone: a grade computed on the spot is not what the cycle saw).
     */
    private String grade(long accountId) {
        return scoring.accountScore(accountId).map(s -> s.grade()).orElse(null);
    }

    /** Returns the plans an account may choose today over its whole balance. */
    public Options options(long accountId) {
        return options(accountId, null);
    }

    /** Returns an account's currency (404 for an unknown account). */
    public String currency(long accountId) {
        return summary(accountId).currency();
    }

    /**
     * Returns the plans an account may choose today over {@code coveredMinor} of its balance (null: all of it); an
     * amount of zero or less, or more than the balance, is an {@link InvalidInputException} at {@code /coveredAmount}.
     */
    public Options options(long accountId, Long coveredMinor) {
        return options(accountId, coveredMinor, null, null);
    }

    /**
     * Returns the plans an account may choose today over {@code coveredMinor} of its balance (null: all of it) with a
     * down payment of {@code downMinor} (null: the smallest the rules allow) and instalments {@code frequency} apart
     * (null: monthly), the first a period after today. A bad covered amount is an {@link InvalidInputException} at
     * {@code /coveredAmount}; a down payment below the rules' smallest, or not less than the covered amount, one at
     * {@code /downPayment}.
     */
    public Options options(long accountId, Long coveredMinor, Long downMinor, Frequency frequency) {
        AccountSummary a = summary(accountId);
        long covered = coveredMinor == null ? a.balanceMinor() : coveredMinor;
        if (coveredMinor != null) {
            List<FieldError> errors = PlanRules.checkCovered("/coveredAmount", coveredMinor, a.balanceMinor());
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
        String grade = grade(accountId);
        Policy policy = policy(a, grade);
        long minDown = PlanRules.minDown(covered, policy);
        long down = downMinor == null ? minDown : downMinor;
        if (downMinor != null && a.balanceMinor() > 0) {
            List<FieldError> errors = PlanRules.checkDown("/downPayment", downMinor, covered, policy);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
        Frequency every = frequency == null ? Frequency.MONTHLY : frequency;
        List<Option> options = new ArrayList<>();
        LocalDate first = PlanRules.firstDue(every, a.asOf());
        for (int n = 1; n <= policy.maxInstalments(); n++) {
            Request r = new Request(covered, down, n, every, first, a.asOf());
            if (PlanRules.check(r, policy).isEmpty()) {
                options.add(new Option(n, PlanRules.schedule(r, policy)));
            }
        }
        return new Options(accountId, a.currency(), a.balanceMinor(), policy, minDown, options, grade, covered, down,
                every);
    }

    /**
     * Makes a plan on an account over its balance or the part of it asked for. A plan over the whole balance pauses
     * the ladder; one over part of it only while nothing is overdue outside it. A second active plan is a conflict.
     */
    public PlanView make(long accountId, MakePlan m, String maker) {
        return transactions.execute(status -> {
            AccountSummary a = summary(accountId);
            Policy policy = policy(a, grade(accountId));
            long covered = m.coveredMinor() == null ? a.balanceMinor() : m.coveredMinor();
            long down = m.downMinor() == null ? PlanRules.minDown(covered, policy) : m.downMinor();
            Request r = new Request(covered, down, m.instalments(), m.frequency(), m.firstDueOn(), a.asOf());
            List<FieldError> errors = new ArrayList<>();
            if (!m.currency().equals(a.currency())) {
                errors.add(FieldError.coded("/currency", "the account is in " + a.currency() + ", not "
                        + m.currency(), "problem.currency", a.currency(), m.currency()));
            }
            List<FieldError> coveredErrors = m.coveredMinor() == null ? List.of()
                    : PlanRules.checkCovered("/coveredAmount", m.coveredMinor(), a.balanceMinor());
            errors.addAll(coveredErrors);
            if (coveredErrors.isEmpty()) {
                errors.addAll(PlanRules.check(r, policy));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            if (store.hasActive(accountId)) {
                throw new ConflictException("account " + accountId + " already has an active plan",
                        List.of(FieldError.coded("/instalments", "cancel the active plan first",
                                "problem.plan.active")));
            }
            Instant now = clock.instant();
            long id = store.insert(accountId, a.customerId(), a.currency(), covered, a.balanceMinor(), down,
                    policy.feeMinor(), m.instalments(), m.frequency().name(), policy.graceDays(), maker, now, a.asOf(),
                    PlanRules.schedule(r, policy));
            if (policy.feeMinor() > 0) {
                ledger.recordAdjustments(List.of(new RecordAdjustment("arrangement-plan-fee-" + id, a.externalRef(),
                        null, AdjustmentType.DEBIT_NOTE, policy.feeMinor(), Currencies.of(a.currency()),
                        "instalment plan " + id + " set-up fee", a.asOf(), a.asOf())));
            }
            PlanView made = store.plan(id).orElseThrow();
            if (pauses(made, a)) {
                cycles.holdForPromise(accountId, true, a.asOf());
            }
            return made;
        });
    }

    /**
     * Returns whether an account's active plan pauses its ladder on a date of the account's zone (false when it has
     * none): a plan over the whole balance does; one over part of it while nothing is overdue outside it
     * ({@link PlanRules#pausesLadder}).
     */
    boolean pausesLadder(long accountId, LocalDate on) {
        return store.activeOf(accountId).map(p -> pauses(p, p.partial() ? ledger.account(accountId, on)
                .orElseThrow().summary() : null)).orElse(false);
    }

    /** Returns whether an active plan pauses the ladder, given its account's figures on the day (for a partial one). */
    private boolean pauses(PlanView p, AccountSummary a) {
        if (!p.partial()) {
            return true;
        }
        long paid = ledger.paidSince(Map.of(p.accountId(), p.madeAt())).getOrDefault(p.accountId(), 0L);
        long total = p.instalments().stream().mapToLong(PlanView.InstalmentView::amountMinor).sum();
        return PlanRules.pausesLadder(true, PlanRules.overdueOutside(a.overdueMinor(), total, paid));
    }

    /**
     * Sets the case hold of accounts whose active plan covers part of the balance to what the plan (or an active
     * promise) says today: lifted while something is overdue outside the plan, set when nothing is; returns the
     * accounts whose hold changed. Run it in the caller's transaction.
     */
    private List<Long> syncPartialHolds(Collection<Long> accountIds, LocalDate asOf) {
        List<Long> changed = new ArrayList<>();
        for (long accountId : accountIds) {
            Optional<PlanView> plan = store.activeOf(accountId).filter(PlanView::partial);
            if (plan.isEmpty()) {
                continue;
            }
            AccountSummary a = asOf == null ? summary(accountId) : ledger.account(accountId, asOf).orElseThrow()
                    .summary();
            boolean hold = pauses(plan.get(), a) || promises.hasActive(accountId);
            boolean held = cycles.cases(accountId).stream().filter(c -> c.status().equals("OPEN"))
                    .map(c -> c.promiseActive()).findFirst().orElse(hold);
            if (held != hold) {
                cycles.holdForPromise(accountId, hold, a.asOf());
                changed.add(accountId);
            }
        }
        return changed;
    }

    /** Cancels an active plan; the ladder resumes. */
    public PlanView cancel(long planId, String who, String reason) {
        PlanView cancelled = transactions.execute(status -> {
            PlanView p = store.plan(planId).orElseThrow(() -> new NotFoundException("No plan with id " + planId));
            LocalDate today = summary(p.accountId()).asOf();
            if (!store.end(planId, "CANCELLED", today, reason == null || reason.isBlank() ? "cancelled by " + who
                    : reason.strip())) {
                throw new ConflictException("plan " + planId + " is " + p.state(),
                        List.of(FieldError.at("/state", "only an ACTIVE plan can be cancelled")));
            }
            cycles.holdForPromise(p.accountId(), promises.hasActive(p.accountId()), today);
            return store.plan(planId).orElseThrow();
        });
        cycles.reevaluate(List.of(cancelled.accountId()));
        return cancelled;
    }

    public Optional<PlanView> plan(long id) {
        return store.plan(id);
    }

    public List<PlanView> plans(long accountId) {
        return store.ofAccount(accountId);
    }

    /**
     * Reviews the active plans of accounts just paid (instalments covered, a paid plan completed, the hold of a plan
     * over part of the balance set or lifted); accounts whose hold changed are re-evaluated at once.
     */
    public List<PlanView> reviewPaid(Collection<Long> accountIds) {
        List<Long> reevaluate = new ArrayList<>();
        List<PlanView> ended = own.execute(status -> {
            List<PlanView> done = review(store.lockActive(accountIds), null);
            reevaluate.addAll(syncPartialHolds(accountIds, null));
            return done;
        });
        ended.stream().map(PlanView::accountId).filter(id -> !reevaluate.contains(id)).forEach(reevaluate::add);
        if (!reevaluate.isEmpty()) {
            cycles.reevaluate(reevaluate.stream().distinct().toList());
        }
        return ended;
    }

    /**
     * Completes paid plans and defaults plans with an instalment unpaid after its grace days, as of the date; then
     * plans the reminders of the instalments still to pay that fall due on the date ({@link PlanReminders}), each once.
     */
    @Override
    public void beforeCycle(LocalDate asOf) {
        List<PlanView> ended = own.execute(status -> review(store.lockActive(null), asOf));
        if (!ended.isEmpty()) {
            log.info("plans on {}: {} completed or defaulted", asOf, ended.size());
        }
        // bills outside a partial plan falling due lift its hold before the accounts are evaluated
        List<Long> partial = store.active().stream().filter(PlanView::partial).map(PlanView::accountId).toList();
        List<Long> changed = partial.isEmpty() ? List.of() : own.execute(status -> syncPartialHolds(partial, asOf));
        if (changed != null && !changed.isEmpty()) {
            log.info("plans on {}: the hold of {} plans over part of a balance changed", asOf, changed.size());
        }
        Integer planned = own.execute(status -> reminders.plan(store.active(), asOf));
        if (planned != null && planned > 0) {
            log.info("plans on {}: {} instalment reminders planned", asOf, planned);
        }
    }

    /**
     * Ends an account's active plan because a settlement was paid: its progress recorded, the plan SETTLED with the
     * reason "settlement N paid", its reminders still planned cancelled. The case's hold is the caller's to clear
     * (it ends the promise too). Run it in the settlement's transaction; empty when no plan was active.
     */
    Optional<PlanView> settle(long accountId, long settlementId, LocalDate today) {
        Optional<PlanView> active = store.lockActiveOf(accountId);
        if (active.isEmpty()) {
            return active;
        }
        PlanView p = active.get();
        long paidMinor = ledger.paidSince(Map.of(accountId, p.madeAt())).getOrDefault(accountId, 0L);
        List<Instalment> schedule = p.instalments().stream()
                .map(i -> new Instalment(i.number(), i.dueOn(), i.amountMinor())).toList();
        store.review(p.id(), paidMinor, PlanRules.standing(schedule, paidMinor, p.graceDays(), today).covered(), null);
        String reason = "settlement " + settlementId + " paid";
        store.end(p.id(), SETTLED, today, reason);
        cycles.cancelContacts(accountId, PlanReminders.PREFIX + p.id() + ":", "plan settled: " + reason);
        return store.plan(p.id());
    }

    private List<PlanView> review(List<PlanView> active, LocalDate asOf) {
        if (active.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> since = new HashMap<>();
        active.forEach(p -> since.put(p.accountId(), p.madeAt()));
        Map<Long, Long> paid = ledger.paidSince(since);
        Map<Long, CurrentState> states = ledger.currentStates(since.keySet());
        Instant now = clock.instant();
        List<PlanView> ended = new ArrayList<>();
        for (PlanView p : active) {
            LocalDate today = asOf != null ? asOf : LocalDate.ofInstant(now, states.get(p.accountId()).timeZone());
            long paidMinor = paid.getOrDefault(p.accountId(), 0L);
            List<Instalment> schedule = p.instalments().stream()
                    .map(i -> new Instalment(i.number(), i.dueOn(), i.amountMinor())).toList();
            Standing s = PlanRules.standing(schedule, paidMinor, p.graceDays(), today);
            Integer missed = s.state() == PlanRules.State.DEFAULTED ? schedule.get(s.covered()).number() : null;
            store.review(p.id(), paidMinor, s.covered(), missed);
            if (s.state() != PlanRules.State.ACTIVE) {
                store.end(p.id(), s.state().name(), today, s.reason());
                cycles.holdForPromise(p.accountId(), promises.hasActive(p.accountId()), today);
                ended.add(store.plan(p.id()).orElseThrow());
            }
        }
        return ended;
    }

    private AccountSummary summary(long accountId) {
        return ledger.account(accountId, null).orElseThrow(() ->
                new NotFoundException("No account with id " + accountId)).summary();
    }
}
