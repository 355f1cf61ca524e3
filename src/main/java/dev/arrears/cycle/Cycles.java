package dev.arrears.cycle;

import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.cycle.CaseViews.DueAction;
import dev.arrears.cycle.CaseViews.Settlement;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CaseViews.ConditionView;
import dev.arrears.cycle.CaseViews.DecisionView;
import dev.arrears.cycle.CaseViews.PlannedActionView;
import dev.arrears.cycle.CaseViews.StepView;
import dev.arrears.cycle.domain.CaseChange;
import dev.arrears.cycle.domain.CaseRules;
import dev.arrears.cycle.persistence.AccountSnapshot;
import dev.arrears.cycle.persistence.CaseQueries;
import dev.arrears.cycle.persistence.RunStore;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.NotFoundException;
import dev.arrears.strategy.Strategies;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.FactCodec;
import dev.arrears.strategy.domain.Facts;
import dev.arrears.strategy.domain.Situation;
import dev.arrears.strategy.domain.StrategyBook;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The collection cycle's façade: runs the cycle for a date (in the background for the API, in the foreground
 * with progress for the CLI), re-evaluates accounts when a bill or payment arrives, and answers what was
 * planned and why. A run for a date that is still RUNNING (its process died) is resumed, not started again.
 */
@Service
public class Cycles {

    private static final Logger log = LoggerFactory.getLogger(Cycles.class);

    private final Strategies strategies;
    private final Ledger ledger;
    private final DebtorFacts debtorFacts;
    /** Looked up at each run: the steps' modules depend on this one. */
    private final ObjectProvider<CycleStep> steps;
    private final Clock clock;
    private final RunStore runs;
    private final CaseQueries queries;
    private final CycleEngine engine;
    private final int partitionSize;
    private final int workers;
    /** The run the background thread works on now (0: none). */
    private final java.util.concurrent.atomic.AtomicLong working = new java.util.concurrent.atomic.AtomicLong();
    /** Background runs submitted and not yet finished. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cycle-runner");
        t.setDaemon(true);
        return t;
    });

    public Cycles(DataSource dataSource, JdbcClient jdbc, Clock clock, Strategies strategies, Ledger ledger,
                  DebtorFacts debtorFacts, ObjectProvider<CycleStep> steps,
                  @Value("${arrears.cycle.partition-size:20000}") int partitionSize,
                  @Value("${arrears.cycle.workers:0}") int workers,
                  @Value("${arrears.cycle.pause-after-partition-ms:0}") long pauseMillis) {
        this.strategies = strategies;
        this.ledger = ledger;
        this.debtorFacts = debtorFacts;
        this.steps = steps;
        this.clock = clock;
        this.runs = new RunStore(jdbc);
        this.queries = new CaseQueries(jdbc);
        this.engine = new CycleEngine(dataSource, runs, pauseMillis);
        this.partitionSize = partitionSize;
        this.workers = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    /** Starts (or resumes) the cycle for a date in the background; returns the run as it begins. */
    public CycleView start(LocalDate asOf, String requestedBy) {
        long id = prepare(asOf, requestedBy);
        StrategyBook book = strategies.activeBook();
        queued.incrementAndGet();
        background.submit(() -> {
            working.set(id);
            try {
                engine.work(id, asOf, book, workers);
                followDisputes(null);
            } catch (RuntimeException e) {
                log.error("cycle run {} for {} failed", id, asOf, e);
                runs.fail(id, e.getMessage());
            } finally {
                working.set(0);
                queued.decrementAndGet();
            }
        });
        return runs.view(id).orElseThrow();
    }

    /**
     * Starts the cycle for a date in the background like {@link #start}, one run at a time (the pages' rule; the
     * API's {@link #start} queues runs behind each other instead): while a run is RUNNING — on this server, on
     * another node, or left so by a process that died — it refuses with a {@link CycleBusyException} naming that
     * run, except that a start for the date of a run nobody here is working on resumes it.
     */
    public synchronized CycleView startAlone(LocalDate asOf, String requestedBy) {
        Optional<CycleView> busy = active();
        if (busy.isPresent() && (queued.get() > 0 || !busy.get().asOf().equals(asOf))) {
            throw new CycleBusyException(busy.get());
        }
        return start(asOf, requestedBy);
    }

    /**
     * Returns the run that is going on: the one this server works on in the background, else the newest RUNNING
     * run (another node's, one queued here, or one whose process died and that a start for its date resumes).
     */
    public Optional<CycleView> active() {
        long id = working.get();
        if (id != 0) {
            Optional<CycleView> here = runs.view(id);
            if (here.isPresent() && here.get().state().equals("RUNNING")) {
                return here;
            }
        }
        return runs.latestRunning().flatMap(runs::view);
    }

    /** Runs (or resumes) the cycle for a date and waits, reporting progress about twice a second. */
    public CycleView run(LocalDate asOf, String requestedBy, Consumer<CycleView> progress) {
        long t0 = System.nanoTime();
        long id = prepare(asOf, requestedBy);
        StrategyBook book = strategies.activeBook();
        long t1 = System.nanoTime();
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<?> work = one.submit(() -> {
                engine.work(id, asOf, book, workers);
                followDisputes(null);
            });
            while (true) {
                try {
                    work.get(500, TimeUnit.MILLISECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException e) {
                    runs.view(id).ifPresent(progress);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            runs.fail(id, e.getCause().getMessage());
            throw new IllegalStateException("cycle run " + id + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            one.shutdownNow();
        }
        long t2 = System.nanoTime();
        CycleView done = runs.view(id).orElseThrow();
        progress.accept(done);
        log.debug("cycle run {}: prepared {} ms, worked {} ms, reported {} ms", id, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return done;
    }

    /**
     * Refreshes the ledger's state rows for the date, runs the other modules' {@link CycleStep}s for it, then resumes
     * that date's unfinished run or creates one.
     */
    private long prepare(LocalDate asOf, String requestedBy) {
        long started = System.nanoTime();
        int refreshed = ledger.refreshStates(asOf);
        steps.orderedStream().forEach(step -> step.beforeCycle(asOf));
        List<String> analyzed = runs.analyzeIfStale();
        if (!analyzed.isEmpty()) {
            log.debug("analyzed {} before the cycle run for {}", analyzed, asOf);
        }
        long id = runs.running(asOf).orElseGet(() -> runs.create(asOf, requestedBy, partitionSize));
        log.debug("cycle run {} for {}: {} state rows refreshed, prepared in {} ms", id, asOf, refreshed,
                (System.nanoTime() - started) / 1_000_000);
        return id;
    }

    /** Returns a run and its progress. */
    public Optional<CycleView> cycle(long id) {
        return runs.view(id);
    }

    /** Lists recent runs, newest first. */
    public List<CycleView> recent(int limit) {
        return runs.recent(limit);
    }

    /** Lists planned actions. */
    public Page<PlannedActionView> actions(ActionFilter filter) {
        return queries.actions(filter);
    }

    /** Returns a planned action. */
    public Optional<PlannedActionView> action(long id) {
        return queries.action(id);
    }

    /** Returns a case with its timeline. */
    public Optional<CaseView> caseView(long id) {
        return queries.caseView(id);
    }

    /** Lists an account's cases, newest first. */
    public List<CaseView> cases(long accountId) {
        return queries.cases(accountId);
    }

    /**
     * Re-evaluates accounts now (a bill or payment arrived), each on today's date in its own time zone; returns
     * how many were evaluated. A payment that clears the overdue amount closes the case and cancels its pending
     * actions.
     */
    public int reevaluate(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        Map<LocalDate, List<Long>> byDate = new TreeMap<>();
        queries.timeZones(accountIds).forEach((id, zone) ->
                byDate.computeIfAbsent(LocalDate.now(clock.withZone(zone)), d -> new ArrayList<>()).add(id));
        StrategyBook book = strategies.activeBook();
        int evaluated = 0;
        try {
            for (var e : byDate.entrySet()) {
                evaluated += engine.evaluateAccounts(e.getValue().stream().mapToLong(Long::longValue).toArray(),
                        e.getKey(), book);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("re-evaluation failed: " + e.getMessage(), e);
        }
        followDisputes(queries.customersOf(accountIds));
        return evaluated;
    }

    /**
     * Sets {@code case.disputeOpen} on cases opened while their customer's dispute stood (the compliance module's
     * flag events keep existing cases in step; a case opened later starts from the flag as it is). Few customers
     * dispute at once: one read of them, one update per disputing customer. {@code customers} limits the work to
     * some customers (null: all).
     */
    private void followDisputes(Collection<Long> customers) {
        Instant now = clock.instant();
        debtorFacts.disputing(customers).forEach((customer, facts) -> queries.syncDisputes(customer,
                facts.flags().contains(Flag.DISPUTE_OPEN),
                facts.disputedDebtIds().stream().map(Long::valueOf).toArray(Long[]::new), now));
    }

    /**
     * Decides for one account on a date with a strategy (its active version, or {@code version}), writing
     * nothing: the strategist's dry run. A null strategy means whichever active strategy applies.
     */
    public DecisionView evaluate(String strategy, Integer version, long accountId, LocalDate asOf) {
        StrategyBook book;
        if (strategy == null) {
            book = strategies.activeBook();
        } else {
            CompiledStrategy chosen = version == null
                    ? strategies.activeBook().strategies().stream().filter(s -> s.name().equals(strategy))
                    .findFirst().orElseThrow(() -> new NotFoundException("no active version of strategy " + strategy))
                    : strategies.compiled(strategies.get(strategy, version).id())
                    .orElseThrow(() -> new NotFoundException("strategy " + strategy + " version " + version));
            book = new StrategyBook(List.of(chosen));
        }
        AccountSnapshot snapshot;
        try {
            snapshot = engine.snapshot(accountId, asOf, book.preDueDays());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account " + accountId + ": " + e.getMessage(), e);
        }
        if (snapshot == null) {
            throw new NotFoundException("account " + accountId);
        }
        Decision decision = book.decide(snapshot.situation());
        boolean applies = decision.outcome() != Decision.Outcome.NO_STRATEGY;
        if (!applies && strategy != null) {
            // a named strategy that does not apply: show what it would decide anyway
            decision = book.strategies().getFirst().decide(snapshot.situation(), new ArrayList<>(decision.trace()));
        }
        CaseChange change = CaseRules.apply(snapshot.situation(), decision, snapshot.openCase(),
                snapshot.customerId());
        CaseView open = queries.openCase(accountId).orElse(null);
        return view(accountId, asOf, decision, applies, change.kind().name(), open, snapshot.situation().facts());
    }

    /**
     * Returns the decision behind a planned action, recomputed from the facts stored with it; empty for a contact
     * another module planned (no strategy decided it).
     */
    public Optional<DecisionView> trace(long actionId) {
        if (queries.source(actionId).isPresent()) {
            return Optional.empty();
        }
        return queries.action(actionId).map(action -> {
            CompiledStrategy s = strategies.compiled(action.strategyVersionId()).orElseThrow(
                    () -> new NotFoundException("strategy version " + action.strategyVersionId()));
            Facts facts = FactCodec.decode(action.accountId(), s.reads(), queries.facts(actionId).orElseThrow());
            List<Decision.ConditionResult> trace = new ArrayList<>();
            s.applies(facts, trace);
            Decision d = s.decide(new Situation(facts, action.plannedOn(), null, null), trace);
            List<StepView> steps = List.of(new StepView(action.step(), ladderAt(s, action), action.action(),
                    action.channel(), action.template(), action.queue(), action.manager(), action.level(),
                    action.agency(), action.scheduledOn(), action.noticeFirst()));
            return new DecisionView(action.accountId(), action.plannedOn(), s.name(), s.version(), s.id(), true,
                    Decision.Outcome.PLANNED.name(), action.segment(), action.variant(), steps, action.skipped(),
                    null, FactCodec.values(s.reads(), facts), conditions(d), "PLANNED", null);
        });
    }

    private static String ladderAt(CompiledStrategy s, PlannedActionView action) {
        for (var segment : s.definition().segments()) {
            if (segment.name().equals(action.segment())) {
                var variant = segment.variants().stream().filter(v -> v.name().equals(action.variant()))
                        .findFirst().orElse(null);
                var ladder = CompiledStrategy.ladderOf(segment, variant);
                if (action.step() >= 1 && action.step() <= ladder.size()) {
                    return ladder.get(action.step() - 1).at().toString();
                }
            }
        }
        return null;
    }

    private static DecisionView view(long accountId, LocalDate asOf, Decision d, boolean applies, String change,
                                     CaseView open, Facts facts) {
        CompiledStrategy s = d.strategy();
        List<StepView> steps = d.steps().stream().map(p -> new StepView(p.number(), p.step().at().toString(),
                p.step().action().name(), p.step().action().channel() == null ? null
                : p.step().action().channel().name(), p.step().template(), p.step().queue(), p.step().manager(),
                p.step().level(), p.step().agency(), p.scheduledOn(), p.noticeBeforeEscalation())).toList();
        return new DecisionView(accountId, asOf, s == null ? null : s.name(), s == null ? null : s.version(),
                s == null ? null : s.id(), applies, d.outcome().name(), d.segment(), d.variant(), steps, d.skipped(),
                d.nextStepOn(), s == null ? Map.of() : FactCodec.values(s.reads(), facts), conditions(d), change,
                open);
    }

    private static List<ConditionView> conditions(Decision d) {
        return d.trace().stream().map(c -> new ConditionView(c.path(), c.source(), c.result())).toList();
    }

    /**
     * Sets or clears the promise hold of an account's open case ({@code case.promiseActive}); returns false when
     * no case is open. Until the arrangements module owns promises, this is how a taken promise pauses a ladder.
     */
    public boolean holdForPromise(long accountId, boolean active, LocalDate on) {
        return queries.setFlag(accountId, "promise_active", active, on,
                active ? "PROMISE_TAKEN" : "PROMISE_ENDED");
    }

    /**
     * Closes an account's open case for a reason other than a cure (SETTLED: a settlement was paid and the rest
     * written off; WRITTEN_OFF), cancelling its planned actions; false when no case is open. Call it in the
     * transaction that settles the balance, so that the re-evaluation that follows finds no case to cure.
     */
    public boolean closeCase(long accountId, String reason, LocalDate on, String detail) {
        if (!reason.equals("SETTLED") && !reason.equals("WRITTEN_OFF")) {
            throw new IllegalArgumentException("a case closes as SETTLED or WRITTEN_OFF here, not " + reason);
        }
        return queries.close(accountId, reason, on, detail);
    }

    /** Sets or clears the dispute flag of an account's open case ({@code case.disputeOpen}); false when none is open. */
    public boolean markDispute(long accountId, boolean open, LocalDate on) {
        return queries.setFlag(accountId, "dispute_open", open, on, open ? "DISPUTE_OPENED" : "DISPUTE_CLOSED");
    }

    /**
     * Sets the dispute flag of a customer's open cases ({@code case.disputeOpen}) to whether the customer disputes
     * all debts or the case's account is among {@code disputedAccounts}; returns how many cases changed. The
     * cases' events are dated {@code at} in each account's zone.
     */
    public int markDisputes(long customerId, boolean allDebts, Collection<Long> disputedAccounts,
                            java.time.Instant at) {
        return queries.syncDisputes(customerId, allDebts, disputedAccounts.toArray(Long[]::new), at);
    }

    /**
     * Runs a piece of work in which ledger writes on this thread do not re-evaluate accounts at once (the demo
     * replay writes the past and runs the cycle for each past day itself).
     */
    public <T> T withoutEventEvaluation(java.util.function.Supplier<T> work) {
        boolean before = QUIET.get();
        QUIET.set(true);
        try {
            return work.get();
        } finally {
            QUIET.set(before);
        }
    }

    /** Returns true while ledger events on this thread are to be left to the cycle (its daily run catches up). */
    public static boolean quiet() {
        return QUIET.get();
    }

    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    /**
     * Marks the actions planned before a date that are still pending as carried out by a simulation (contacts
     * SENT, other actions DONE): the demo replay's stand-in for the channels. Returns how many were marked.
     */
    public long settleSimulated(LocalDate before) {
        return queries.settleSimulated(before);
    }

    /**
     * Takes up to {@code limit} due contact actions for dispatch, oldest first, marking them QUEUED: PLANNED actions
     * with a channel whose scheduled date has come in the account's zone at {@code now}, planned at most
     * {@code maxAgeDays} before that date (older ones are left as they are: not sent late). Several takers never
     * get the same action. Run it in the caller's transaction, which records what it does with them.
     *
     * @param accountIds only these accounts; null for all
     */
    public List<DueAction> queueDueActions(java.time.Instant now, int maxAgeDays, int limit,
                                           Collection<Long> accountIds) {
        return queries.queueDue(now, maxAgeDays, limit, accountIds);
    }

    /**
     * Plans contacts another module decides on (an instalment plan's reminders) on their accounts' cases, each at
     * most once by its source key: planning one again plans nothing. The case is the account's open one, or its
     * latest when that closed as cured (a contact of an account whose latest case was settled or written off, or
     * that never had one, is not planned). Dispatch carries them like ladder steps but asks their owner, not the
     * ladder's holds, whether they may still go. Returns the source keys planned now. Run it in the caller's
     * transaction.
     */
    public List<String> planContacts(Collection<CaseViews.PlannedContact> contacts) {
        return queries.planContacts(contacts);
    }

    /**
     * Cancels the contacts another module planned on an account that are still PLANNED, those whose source key
     * starts with {@code sourcePrefix} (an ended plan's reminders); returns how many. Run it in the caller's
     * transaction.
     */
    public int cancelContacts(long accountId, String sourcePrefix, String reason) {
        return queries.cancelSourced(accountId, sourcePrefix, reason);
    }

    /** Returns the state of planned actions with their cases' status and holds, by action id. */
    public Map<Long, ActionState> actionStates(Collection<Long> actionIds) {
        return queries.actionStates(actionIds);
    }

    /** Settles queued (or still planned) actions as SENT, DONE, CANCELLED or FAILED with a reason. */
    public int settle(Collection<Settlement> settlements) {
        return queries.settle(settlements);
    }

    /** Returns the champion/challenger results of a strategy: each variant's cases, cures and payments collected. */
    public List<CaseViews.VariantResult> variantResults(String strategy) {
        return queries.variantResults(strategy);
    }

    /** Counts the collection cases, open and closed. */
    public long caseCount() {
        return queries.caseCount();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
