package dev.arrears.contact.dispatch;

import dev.arrears.compliance.Checked;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.contact.ContactRecorded;
import dev.arrears.contact.Templates;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobFilter;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.ChannelSender.Cleared;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.MessageRenderer;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.RenderInput;
import dev.arrears.contact.channel.Rendered;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.dispatch.HistoryStore.ContactRow;
import dev.arrears.contact.dispatch.JobStore.AttemptRow;
import dev.arrears.contact.dispatch.JobStore.ClaimedJob;
import dev.arrears.contact.dispatch.JobStore.Handover;
import dev.arrears.contact.dispatch.JobStore.HandoverResult;
import dev.arrears.contact.dispatch.JobStore.JobUpdate;
import dev.arrears.contact.dispatch.domain.Addresses;
import dev.arrears.contact.dispatch.domain.CallPriority;
import dev.arrears.contact.ContactSource;
import dev.arrears.contact.RenderContext;
import dev.arrears.contact.dispatch.domain.Dunning;
import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.cycle.CaseViews.DueAction;
import dev.arrears.cycle.CaseViews.Settlement;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Dispatch's work, one batch at a time. Due planned contacts become jobs and call tasks; a worker claims a batch of
 * one channel (a short transaction: lease owner and expiry), then, in one transaction, locks the jobs that are
 * still its own, share-locks the accounts' ledger state rows (a payment not yet committed waits for this
 * transaction; one committed before is seen), re-checks that each account still owes and no hold applies, asks the
 * guard, renders, journals the hand-over on a connection of its own, hands the batch to the channel's sender,
 * journals the provider's answer at once, and records jobs, history and planned actions. A job whose worker died
 * is taken over when its lease ran out; its journal and the provider's lookup say whether it already went.
 */
public final class DispatchEngine {

    private static final Logger log = LoggerFactory.getLogger(DispatchEngine.class);
    private static final Logger timing = LoggerFactory.getLogger(DispatchEngine.class.getName() + ".timing");

    /** Due actions taken per enqueue transaction. */
    static final int ENQUEUE_BATCH = 2_000;

    private final Ledger ledger;
    private final Cycles cycles;
    private final ContactGuard guard;
    private final MessageRenderer renderer;
    private final ChannelSenders senders;
    private final DispatchSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate own;
    private final JobStore jobs;
    private final HistoryStore history;
    private final CallTaskStore tasks;
    private final RateLimits rates;
    private final Random jitter;
    private final Parts parts;

    /**
     * What an engine is made of; tests replace the senders, the clock or the settings. {@code sources} answers the
     * modules that plan contacts of their own (looked up at each pass: they depend on this module).
     */
    public record Parts(JdbcClient jdbc, PlatformTransactionManager transactionManager, Ledger ledger, Cycles cycles,
                       ContactGuard guard, MessageRenderer renderer, ChannelSenders senders,
                       DispatchSettings settings, Clock clock, ApplicationEventPublisher events, CallRisk risk,
                       Supplier<List<ContactSource>> sources) {

        /** Parts without modules that plan contacts of their own. */
        public Parts(JdbcClient jdbc, PlatformTransactionManager transactionManager, Ledger ledger, Cycles cycles,
                     ContactGuard guard, MessageRenderer renderer, ChannelSenders senders,
                     DispatchSettings settings, Clock clock, ApplicationEventPublisher events, CallRisk risk) {
            this(jdbc, transactionManager, ledger, cycles, guard, renderer, senders, settings, clock, events, risk,
                    List::of);
        }

        /** Parts without scores: every call's risk neutral. */
        public Parts(JdbcClient jdbc, PlatformTransactionManager transactionManager, Ledger ledger, Cycles cycles,
                     ContactGuard guard, MessageRenderer renderer, ChannelSenders senders,
                     DispatchSettings settings, Clock clock, ApplicationEventPublisher events) {
            this(jdbc, transactionManager, ledger, cycles, guard, renderer, senders, settings, clock, events,
                    CallRisk.NEUTRAL);
        }
    }

    public DispatchEngine(Parts parts) {
        this.parts = parts;
        this.ledger = parts.ledger();
        this.cycles = parts.cycles();
        this.guard = parts.guard();
        this.renderer = parts.renderer();
        this.senders = parts.senders();
        this.settings = parts.settings();
        this.clock = parts.clock();
        this.events = parts.events();
        this.transactions = new TransactionTemplate(parts.transactionManager());
        this.own = new TransactionTemplate(parts.transactionManager());
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jobs = new JobStore(parts.jdbc());
        this.history = new HistoryStore(parts.jdbc());
        this.tasks = new CallTaskStore(parts.jdbc());
        this.rates = new RateLimits(settings.rates(), System::nanoTime);
        this.jitter = settings.jitterSeed() == null ? new Random() : new Random(settings.jitterSeed());
    }

    /** Returns the parts of this engine, to build a variant of it. */
    public Parts parts() {
        return parts;
    }

    /** Returns the settings. */
    public DispatchSettings settings() {
        return settings;
    }

    /** Lists jobs, newest first. */
    public Page<JobView> jobs(JobFilter filter) {
        return jobs.jobs(filter);
    }

    /** Returns a job. */
    public Optional<JobView> job(long id) {
        return jobs.job(id);
    }

    /** Lists the delivery receipts matched to a job, oldest first. */
    public List<Receipt> receiptsOf(long jobId) {
        return jobs.receiptsOf(jobId);
    }

    /** Returns the job made from a planned action. */
    public Optional<JobView> jobOf(long plannedActionId) {
        return jobs.jobOf(plannedActionId);
    }

    /** Stores delivery receipts and marks their jobs; returns how many jobs they matched. */
    public int receipts(List<Receipt> receipts) {
        Instant now = clock.instant();
        Integer matched = transactions.execute(status -> jobs.receipts(receipts, now));
        return matched == null ? 0 : matched;
    }

    // ------------------------------------------------------------------ enqueue

    /** How many jobs and call tasks an enqueue created. */
    public record Enqueued(int jobs, int callTasks) {
    }

    /** Turns every due planned contact into a job (messages) or a call task (calls), in batches. */
    public Enqueued enqueue(Collection<Long> scope) {
        int created = 0;
        int calls = 0;
        while (true) {
            Instant now = clock.instant();
            int[] done = transactions.execute(status -> {
                List<DueAction> due = cycles.queueDueActions(now, settings.maxAgeDays(), ENQUEUE_BATCH, scope);
                List<DueAction> messages = new ArrayList<>();
                List<DueAction> callActions = new ArrayList<>();
                List<Settlement> unknown = new ArrayList<>();
                for (DueAction a : due) {
                    switch (a.channel()) {
                        case "SMS", "EMAIL", "PUSH", "LETTER" -> messages.add(a);
                        case "CALL" -> callActions.add(a);
                        default -> unknown.add(new Settlement(a.id(), "FAILED",
                                "dispatch does not carry " + a.channel() + " contacts"));
                    }
                }
                cycles.settle(unknown);
                return new int[] {due.size(), jobs.createJobs(messages, now), createCallTasks(callActions, now)};
            });
            created += done[1];
            calls += done[2];
            if (done[0] < ENQUEUE_BATCH) {
                return new Enqueued(created, calls);
            }
        }
    }

    private int createCallTasks(List<DueAction> calls, Instant now) {
        if (calls.isEmpty()) {
            return 0;
        }
        Map<Long, CurrentState> states = ledger.currentStates(calls.stream().map(DueAction::accountId).toList());
        List<String> scripts = callScripts(calls, states, now);
        Map<Long, Integer> risk = parts.risk().perMille(calls.stream().map(DueAction::accountId).distinct().toList());
        List<CallTaskStore.NewTask> created = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            DueAction a = calls.get(i);
            CurrentState state = states.get(a.accountId());
            long priority = 0;
            String summary = "account " + a.accountId();
            if (state != null) {
                LocalDate today = LocalDate.ofInstant(now, state.timeZone());
                priority = CallPriority.of(state, risk.getOrDefault(a.accountId(), CallPriority.NEUTRAL_RISK),
                        today);
                Currency currency = Currency.getInstance(state.currency());
                summary = "overdue " + Money.format(state.overdueMinor(), currency) + " " + state.currency() + ", "
                        + state.daysPastDueOn(today) + " days past due, balance "
                        + Money.format(state.balanceMinor(), currency) + " " + state.currency()
                        + ", " + state.productLine();
            }
            created.add(new CallTaskStore.NewTask(a.id(), a.caseId(), a.accountId(), a.customerId(),
                    a.queue() == null ? "default" : a.queue(), priority, summary, scripts.get(i)));
        }
        return tasks.create(created, now);
    }

    /**
     * Renders the collector's script of each call ({@link Templates#CALL_SCRIPT} in the customer's language, with the
     * jurisdiction's notices); a call that cannot be rendered keeps the template's name as its script.
     */
    private List<String> callScripts(List<DueAction> calls, Map<Long, CurrentState> states, Instant now) {
        Map<Long, CustomerView> customers = ledger.customers(calls.stream().map(DueAction::customerId).distinct()
                .toList());
        Map<Selection, String> jurisdictions = new HashMap<>();
        List<RenderInput> inputs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            DueAction a = calls.get(i);
            CurrentState state = states.get(a.accountId());
            CustomerView customer = customers.get(a.customerId());
            if (state != null && customer != null) {
                ContactPoint phone = Addresses.pick(customer.contactPoints(), Channel.CALL);
                inputs.add(renderInput("planned-action:" + a.id(), Templates.CALL_SCRIPT, Channel.CALL, state,
                        customer, phone == null ? "" : phone.value(), now, jurisdictions, null));
                at.add(i);
            }
        }
        List<String> scripts = new ArrayList<>(java.util.Collections.nCopies(calls.size(), Templates.CALL_SCRIPT));
        Renders rendered = render(inputs);
        for (int k = 0; k < inputs.size(); k++) {
            Rendered r = rendered.messages().get(k);
            if (r != null) {
                scripts.set(at.get(k), r.text());
            } else {
                log.warn("call script for planned action {} not rendered: {}", calls.get(at.get(k)).id(),
                        rendered.errors().get(k));
            }
        }
        return scripts;
    }

    // ------------------------------------------------------------------ dispatch

    /** Enqueues what is due, then works every channel until nothing is claimable; one node's single pass. */
    public DispatchReport runOnce(Collection<Long> scope, String worker) {
        Enqueued enqueued = enqueue(scope);
        DispatchReport report = new DispatchReport(enqueued.jobs(), enqueued.callTasks(), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0);
        return report.plus(drain(scope, worker));
    }

    /** Works every channel, batch after batch, until a round claims nothing. */
    public DispatchReport drain(Collection<Long> scope, String worker) {
        DispatchReport total = DispatchReport.NONE;
        while (true) {
            int claimed = 0;
            for (Channel channel : ChannelSenders.MESSAGE_CHANNELS) {
                while (true) {
                    DispatchReport r = pass(channel, worker, scope);
                    total = total.plus(r);
                    claimed += r.claimed();
                    if (r.claimed() == 0) {
                        break;
                    }
                }
            }
            if (claimed == 0) {
                return total;
            }
        }
    }

    /** Claims one batch of a channel and works it; returns what it did (claimed 0: nothing was due). */
    public DispatchReport pass(Channel channel, String worker, Collection<Long> scope) {
        Instant now = clock.instant();
        int limit = rates.batch(channel, settings.batchSize());
        long started = System.nanoTime();
        List<ClaimedJob> claimed = transactions.execute(status ->
                jobs.claim(channel, worker, now, settings.lease(), limit, scope));
        if (claimed.isEmpty()) {
            return DispatchReport.NONE;
        }
        long claimedAt = System.nanoTime();
        // wait for the rate before the transaction: no locks are held while waiting
        rates.acquire(channel, claimed.size());
        Laps laps = new Laps();
        DispatchReport report = process(channel, worker, claimed, laps);
        if (timing.isDebugEnabled()) {
            timing.debug("{} {} batch={} claim={} {} commit={} total={}", worker, channel, claimed.size(),
                    (claimedAt - started) / 1_000_000, laps, laps.sinceLast() / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return report;
    }

    /** Milliseconds spent in each phase of a batch, for the timing log. */
    static final class Laps {

        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String phase) {
            long now = System.nanoTime();
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(phase).append('=').append((now - last) / 1_000_000);
            last = now;
        }

        long sinceLast() {
            return System.nanoTime() - last;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Works a claimed batch in one transaction (see the class comment). */
    DispatchReport process(Channel channel, String worker, List<ClaimedJob> claimed) {
        return process(channel, worker, claimed, new Laps());
    }

    private DispatchReport process(Channel channel, String worker, List<ClaimedJob> claimed, Laps laps) {
        return transactions.execute(status -> {
            laps.lap("begin");
            Pass pass = new Pass(worker, clock.instant());
            pass.laps = laps;
            Set<Long> mine = jobs.lockMine(claimed.stream().map(ClaimedJob::id).toList(), worker);
            List<ClaimedJob> work = new ArrayList<>();
            List<ClaimedJob> takenOver = new ArrayList<>();
            for (ClaimedJob j : claimed) {
                if (mine.contains(j.id())) {
                    (j.takenOver() ? takenOver : work).add(j);
                }
            }
            pass.claimed = work.size() + takenOver.size();
            pass.takenOver = takenOver.size();
            work.addAll(resolveTakeovers(channel, takenOver, pass));
            List<ClaimedJob> live = new ArrayList<>();
            for (ClaimedJob j : work) {
                if (j.claims() > settings.maxClaims()) {
                    pass.failWithoutGuard(j, "claimed " + j.claims() + " times without finishing");
                } else {
                    live.add(j);
                }
            }
            laps.lap("lockMine");
            if (!live.isEmpty()) {
                Map<Long, CurrentState> states = ledger.lockStates(distinct(live, ClaimedJob::accountId));
                laps.lap("lockStates");
                Map<Long, ActionState> actions = cycles.actionStates(distinct(live, ClaimedJob::plannedActionId));
                laps.lap("actions");
                List<ClaimedJob> checked = new ArrayList<>();
                for (ClaimedJob j : live) {
                    CurrentState state = states.get(j.accountId());
                    LocalDate today = state == null ? null : LocalDate.ofInstant(pass.now, state.timeZone());
                    String stop = Dunning.stop(state, actions.get(j.plannedActionId()), today);
                    if (stop != null) {
                        pass.cancel(j, stop);
                    } else {
                        checked.add(j);
                    }
                }
                // contacts other modules planned: their owners say whether each may still go and what it is about
                Map<String, ContactSource.Review> reviews = reviewSources(checked, actions, pass.now);
                Map<Long, RenderContext.Instalment> instalments = new HashMap<>();
                List<ClaimedJob> go = new ArrayList<>();
                for (ClaimedJob j : checked) {
                    String source = actions.get(j.plannedActionId()).source();
                    ContactSource.Review review = source == null ? null : reviews.get(source);
                    if (source != null && (review == null || review.stop() != null)) {
                        pass.cancel(j, review == null ? "no longer planned by its owner (" + source + ")"
                                : review.stop());
                        continue;
                    }
                    if (review != null && review.instalment() != null) {
                        instalments.put(j.id(), review.instalment());
                    }
                    go.add(j);
                }
                laps.lap("sources");
                if (!go.isEmpty()) {
                    deliver(channel, go, states, instalments, pass);
                }
            }
            pass.write();
            laps.lap("write");
            return pass.report();
        });
    }

    /**
     * Decides about jobs whose previous worker's lease ran out, from the outcome of its last hand-over (which that
     * worker, or an earlier takeover that died before its pass committed, journaled on a connection of its own): a
     * hand-over journaled as accepted, or that the provider says it accepted, is recorded as sent without sending
     * again; one the provider never received (LOST), or that failed TRANSIENT, is worked again; one that failed
     * PERMANENT fails (or falls back) as it would have; one nobody can tell about, or that an earlier takeover already
     * marked UNCERTAIN, is marked UNCERTAIN (not sent again: at most once). Returns the jobs to work normally.
     */
    private List<ClaimedJob> resolveTakeovers(Channel channel, List<ClaimedJob> takenOver, Pass pass) {
        if (takenOver.isEmpty()) {
            return List.of();
        }
        Map<Long, Handover> last = jobs.lastHandovers(takenOver.stream().map(ClaimedJob::id).toList());
        List<ClaimedJob> again = new ArrayList<>();
        List<HandoverResult> closed = new ArrayList<>();
        ChannelSender sender = senders.sender(channel);
        for (ClaimedJob j : takenOver) {
            Handover h = last.get(j.id());
            String outcome = h == null || h.channel() != j.channel() ? "NONE" : h.outcome();
            switch (outcome) {
                case "HANDING" -> askProvider(sender, j, h, pass, closed, again);
                case "ACCEPTED" -> pass.sent(j, h.verdictId(), h.providerIds(), h.messageId(), h.address());
                // an earlier takeover found it uncertain and died before its pass committed: still not sent again
                case "UNCERTAIN" -> pass.uncertain(j, h);
                // the refusal was journaled before the worker died; a resend could duplicate a message the provider
                // may have ("not sent again"), so the job fails or falls back as that worker would have done
                case "PERMANENT" -> pass.permanent(j, j.attempts() + 1, h.detail() == null
                        ? "refused by the provider before its worker died" : h.detail(), h.verdictId());
                // no hand-over on this channel yet, LOST (the provider never got it) or TRANSIENT: work it again
                default -> again.add(j);
            }
        }
        own.executeWithoutResult(status -> jobs.closeHandovers(closed, true));
        return again;
    }

    /**
     * Asks the provider about a hand-over its worker left HANDING: accepted is recorded as sent, never received is
     * worked again, and one nobody can tell about is marked UNCERTAIN; the hand-over is closed accordingly.
     */
    private static void askProvider(ChannelSender sender, ClaimedJob j, Handover h, Pass pass,
                                    List<HandoverResult> closed, List<ClaimedJob> again) {
        ProviderRecord record = sender.lookup(j.key());
        switch (record.known()) {
            case ACCEPTED -> {
                closed.add(new HandoverResult(h.attemptId(), j.id(), j.channel(), "ACCEPTED",
                        record.providerIds(), "accepted before its worker died (provider lookup)", pass.now));
                pass.sent(j, h.verdictId(), record.providerIds(), h.messageId(), h.address());
            }
            case ABSENT -> {
                closed.add(new HandoverResult(h.attemptId(), j.id(), j.channel(), "LOST", List.of(),
                        "its worker died before the provider received it (provider lookup)", pass.now));
                again.add(j);
            }
            case UNKNOWN -> {
                closed.add(new HandoverResult(h.attemptId(), j.id(), j.channel(), "UNCERTAIN", List.of(),
                        "its worker died during the hand-over and the provider cannot tell", pass.now));
                pass.uncertain(j, h);
            }
        }
    }

    /**
     * Asks the modules that planned some of the jobs' actions (by their source keys' prefixes) whether each may still
     * go; a key no module owns stops.
     */
    private Map<String, ContactSource.Review> reviewSources(List<ClaimedJob> jobs, Map<Long, ActionState> actions,
                                                            Instant now) {
        Map<String, List<String>> byPrefix = new HashMap<>();
        Map<String, ContactSource.Review> out = new HashMap<>();
        List<ContactSource> owners = null;
        for (ClaimedJob j : jobs) {
            String source = actions.get(j.plannedActionId()).source();
            if (source == null) {
                continue;
            }
            if (owners == null) {
                owners = parts.sources().get();
            }
            ContactSource owner = owners.stream().filter(o -> source.startsWith(o.prefix())).findFirst()
                    .orElse(null);
            if (owner == null) {
                out.put(source, ContactSource.Review.stop("no module plans " + source));
            } else {
                byPrefix.computeIfAbsent(owner.prefix(), k -> new ArrayList<>()).add(source);
            }
        }
        if (owners != null) {
            for (ContactSource owner : owners) {
                List<String> mine = byPrefix.get(owner.prefix());
                if (mine != null) {
                    out.putAll(owner.review(mine, now));
                }
            }
        }
        return out;
    }

    /** One message ready for the guard: its job, account, customer, address and rendering. */
    private record Ready(ClaimedJob job, CurrentState state, CustomerView customer, ContactPoint address,
                         Rendered rendered) {
    }

    private void deliver(Channel channel, List<ClaimedJob> go, Map<Long, CurrentState> states,
                         Map<Long, RenderContext.Instalment> instalments, Pass pass) {
        Map<Long, CustomerView> customers = ledger.customers(distinct(go, ClaimedJob::customerId));
        Map<Long, List<Attempt>> past = history.since(distinct(go, ClaimedJob::customerId),
                pass.now.minus(Duration.ofDays(settings.historyDays())));
        pass.laps.lap("customers");
        List<Ready> ready = new ArrayList<>();
        List<RenderInput> inputs = new ArrayList<>();
        Map<Selection, String> jurisdictions = new HashMap<>();
        for (ClaimedJob j : go) {
            CustomerView customer = customers.get(j.customerId());
            ContactPoint point = customer == null ? null : Addresses.pick(customer.contactPoints(), j.channel());
            if (point == null) {
                pass.failWithoutGuard(j, "no " + Addresses.kind(j.channel()) + " contact point");
                continue;
            }
            CurrentState state = states.get(j.accountId());
            ready.add(new Ready(j, state, customer, point, null));
            inputs.add(renderInput(j.key(), j.template(), j.channel(), state, customer, point.value(), pass.now,
                    jurisdictions, instalments.get(j.id())));
        }
        Renders rendered = render(inputs);
        pass.laps.lap("render");
        List<Ready> checked = new ArrayList<>();
        List<ContactCheck> checks = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Ready r = ready.get(i);
            Rendered message = rendered.messages().get(i);
            if (message == null) {
                pass.failWithoutGuard(r.job(), "could not render template " + r.job().template() + ": "
                        + rendered.errors().get(i));
                continue;
            }
            Ready withMessage = new Ready(r.job(), r.state(), r.customer(), r.address(), message);
            checked.add(withMessage);
            checks.add(Checks.of(r.job().key(), r.state(), r.customer(), r.address(), r.job().channel(),
                    new Message(message.hasOptOut()), true, past.getOrDefault(r.job().customerId(), List.of())));
        }
        if (checks.isEmpty()) {
            return;
        }
        List<Checked> verdicts = guard.checkAll(checks);
        pass.laps.lap("guard");
        List<Ready> allowed = new ArrayList<>();
        List<Checked> clearances = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Checked c = verdicts.get(i);
            Ready r = checked.get(i);
            switch (c.verdict().decision()) {
                case DEFER -> pass.defer(r.job(), c);
                case BLOCK -> pass.block(r.job(), c);
                case ALLOW -> {
                    allowed.add(r);
                    clearances.add(c);
                }
            }
        }
        if (!allowed.isEmpty()) {
            handOver(channel, allowed, clearances, pass);
        }
    }

    /**
     * Returns what a message is rendered from: the state's figures today in the account's zone and the jurisdiction
     * the guard will select for the contact (its disclosures), remembered per selection for the batch.
     */
    private RenderInput renderInput(String key, String template, Channel channel, CurrentState state,
                                    CustomerView customer, String recipient, Instant now,
                                    Map<Selection, String> jurisdictions, RenderContext.Instalment instalment) {
        LocalDate today = LocalDate.ofInstant(now, state.timeZone());
        String jurisdiction = jurisdictions.computeIfAbsent(Checks.selection(state, customer), guard::profileFor);
        return new RenderInput(key, template, channel, customer.locale(), state.timeZone(), today, jurisdiction,
                state.accountId(), customer.id(), customer.name(), state.currency(), state.balanceMinor(),
                state.overdueMinor(), state.daysPastDueOn(today), state.oldestOpenDue(), recipient, instalment,
                REVERSAL_NOTICE.equals(template) ? lastReversal(state.accountId(), state.timeZone()) : null);
    }

    /** The template that tells of a reversed payment: it is rendered with the account's latest reversal. */
    private static final String REVERSAL_NOTICE = "payment_reversed";

    /** Returns the account's most recently reversed payment, its date in the zone; null when none was reversed. */
    private RenderContext.Reversal lastReversal(long accountId, ZoneId zone) {
        return ledger.account(accountId, null).stream()
                .flatMap(a -> a.payments().stream())
                .filter(p -> p.reversedAt() != null)
                .max(Comparator.comparing(PaymentView::reversedAt))
                .map(p -> new RenderContext.Reversal(p.amountMinor(), LocalDate.ofInstant(p.receivedAt(), zone)))
                .orElse(null);
    }

    /** Messages rendered in order, null where rendering failed, with the error at the same index. */
    private record Renders(List<Rendered> messages, List<String> errors) {
    }

    private Renders render(List<RenderInput> inputs) {
        try {
            List<Rendered> all = renderer.renderAll(inputs);
            return new Renders(all, java.util.Collections.nCopies(inputs.size(), null));
        } catch (RuntimeException batch) {
            // find the message that failed: render one by one
            List<Rendered> one = new ArrayList<>(inputs.size());
            List<String> errors = new ArrayList<>(inputs.size());
            for (RenderInput input : inputs) {
                try {
                    one.add(renderer.render(input));
                    errors.add(null);
                } catch (RuntimeException e) {
                    one.add(null);
                    errors.add(e.getMessage());
                }
            }
            return new Renders(one, errors);
        }
    }

    /**
     * Journals the hand-overs (committed before anything leaves), hands the batch to the sender, journals the
     * answers at once (provider ids stored before the next step), then records each result in the pass.
     */
    private void handOver(Channel channel, List<Ready> allowed, List<Checked> checked, Pass pass) {
        List<AttemptRow> intents = new ArrayList<>(allowed.size());
        List<String> messageIds = new ArrayList<>(allowed.size());
        for (int i = 0; i < allowed.size(); i++) {
            Ready r = allowed.get(i);
            Checked c = checked.get(i);
            String messageId = channel == Channel.EMAIL ? "<" + r.job().key().replace(':', '-') + "." + c.verdictId()
                    + "@arrears.dispatch>" : null;
            messageIds.add(messageId);
            intents.add(new AttemptRow(r.job().id(), null, r.job().accountId(), channel, pass.worker, pass.now,
                    "ALLOW", c.verdictId(), c.profile(), null, null, "HANDING", messageId, r.address().value(), null));
        }
        List<Long> attemptIds = own.execute(status -> jobs.log(intents));
        pass.laps.lap("journal");
        List<Cleared> cleared = new ArrayList<>(allowed.size());
        for (int i = 0; i < allowed.size(); i++) {
            Ready r = allowed.get(i);
            Rendered m = r.rendered();
            cleared.add(new Cleared(checked.get(i).clearance(), new OutboundMessage(r.job().key(), r.job().id(),
                    attemptIds.get(i), channel, r.job().accountId(), r.job().customerId(), r.customer().locale(),
                    r.address().value(), m.subject(), m.text(), m.html(), m.payload(), m.document(), m.segments(),
                    messageIds.get(i), m.attachment())));
        }
        ChannelSender sender = senders.sender(channel);
        List<SendResult> results = sender.sendAll(cleared);
        if (results.size() != cleared.size()) {
            throw new IllegalStateException("the " + channel + " sender answered " + results.size() + " of "
                    + cleared.size() + " messages");
        }
        pass.laps.lap("send");
        Instant answered = clock.instant();
        List<HandoverResult> closed = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            SendResult r = results.get(i);
            closed.add(new HandoverResult(attemptIds.get(i), allowed.get(i).job().id(), channel, r.status().name(),
                    r.providerIds(), r.detail(), answered));
        }
        // provider ids the sender journaled are in provider_message already
        boolean journaled = sender.journalsAcceptedIds();
        own.executeWithoutResult(status -> jobs.closeHandovers(closed, !journaled));
        pass.laps.lap("close");
        for (int i = 0; i < results.size(); i++) {
            SendResult r = results.get(i);
            ClaimedJob j = allowed.get(i).job();
            long verdictId = checked.get(i).verdictId();
            switch (r.status()) {
                case ACCEPTED -> pass.sent(j, verdictId, r.providerIds(), messageIds.get(i),
                        allowed.get(i).address().value());
                case TRANSIENT -> pass.transientFailure(j, j.attempts() + 1, r.detail(), verdictId, r.notBefore());
                case PERMANENT -> pass.permanent(j, j.attempts() + 1, r.detail(), verdictId);
            }
        }
    }

    // ------------------------------------------------------------------ payments

    /**
     * Cancels the jobs and call tasks of accounts that are now cured (a payment or credit cleared what was
     * overdue), except those a worker or collector holds right now, whose own re-check stops them; returns how
     * many were cancelled.
     */
    public int stopPaid(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        // its own transaction: called after a payment committed, while that transaction's resources are still bound
        Integer stopped = own.execute(status -> {
            Instant now = clock.instant();
            List<JobStore.OpenJob> openJobs = jobs.openJobs(accountIds);
            List<CallTaskStore.OpenTask> openTasks = tasks.openTasks(accountIds);
            if (openJobs.isEmpty() && openTasks.isEmpty()) {
                return 0;
            }
            Set<Long> accounts = new LinkedHashSet<>();
            Set<Long> actionIds = new LinkedHashSet<>();
            openJobs.forEach(j -> {
                accounts.add(j.accountId());
                actionIds.add(j.plannedActionId());
            });
            openTasks.forEach(t -> {
                accounts.add(t.accountId());
                actionIds.add(t.plannedActionId());
            });
            Map<Long, CurrentState> states = ledger.currentStates(accounts);
            Map<Long, ActionState> actions = cycles.actionStates(actionIds);
            String reason = "paid: nothing overdue";
            List<Long> jobIds = new ArrayList<>();
            Map<Long, JobStore.OpenJob> byId = new HashMap<>();
            for (JobStore.OpenJob j : openJobs) {
                if (paid(states.get(j.accountId()), actions.get(j.plannedActionId()), now)) {
                    jobIds.add(j.id());
                    byId.put(j.id(), j);
                }
            }
            List<Long> taskIds = new ArrayList<>();
            for (CallTaskStore.OpenTask t : openTasks) {
                if (paid(states.get(t.accountId()), actions.get(t.plannedActionId()), now)) {
                    taskIds.add(t.id());
                }
            }
            List<Settlement> settled = new ArrayList<>();
            List<AttemptRow> rows = new ArrayList<>();
            for (long id : jobIds.isEmpty() ? List.<Long>of() : jobs.cancel(jobIds, reason, now)) {
                JobStore.OpenJob j = byId.get(id);
                settled.add(new Settlement(j.plannedActionId(), "CANCELLED", reason));
                rows.add(new AttemptRow(id, null, j.accountId(), j.channel(), "payment", now, "CANCEL", null, null,
                        null, null, null, null, null, reason));
            }
            List<CallTaskStore.OpenTask> cancelledTasks = taskIds.isEmpty() ? List.of()
                    : tasks.cancel(taskIds, reason, now);
            for (CallTaskStore.OpenTask t : cancelledTasks) {
                settled.add(new Settlement(t.plannedActionId(), "CANCELLED", reason));
                rows.add(new AttemptRow(null, t.id(), t.accountId(), Channel.CALL, "payment", now, "CANCEL", null,
                        null, null, null, null, null, null, reason));
            }
            jobs.log(rows);
            cycles.settle(settled);
            return rows.size();
        });
        return stopped == null ? 0 : stopped;
    }

    /** Accounts re-ranked per statement. */
    static final int RERANK_BATCH = 1_000;

    /**
     * Re-ranks the open and claimed call tasks of the accounts (null: of every account with one) from what the
     * accounts are now: amount overdue and days past due of the ledger's current state, the stored score grade
     * ({@link CallPriority}); returns the tasks whose priority changed. Claims are untouched: only the priority
     * column moves, so the queue's order is the current one the next time it is read.
     */
    public int rerank(Collection<Long> accountIds) {
        List<Long> accounts = accountIds == null ? tasks.accountsWithOpenTasks() : List.copyOf(accountIds);
        int changed = 0;
        for (int from = 0; from < accounts.size(); from += RERANK_BATCH) {
            List<Long> batch = accounts.subList(from, Math.min(accounts.size(), from + RERANK_BATCH));
            // its own transaction: called after a ledger write committed, while its resources are still bound
            Integer n = own.execute(status -> rerankBatch(batch));
            changed += n == null ? 0 : n;
        }
        return changed;
    }

    private int rerankBatch(List<Long> accounts) {
        List<CallTaskStore.RankedTask> open = tasks.ranked(accounts);
        if (open.isEmpty()) {
            return 0;
        }
        List<Long> ids = open.stream().map(CallTaskStore.RankedTask::accountId).distinct().toList();
        Map<Long, CurrentState> states = ledger.currentStates(ids);
        Map<Long, Integer> risk = parts.risk().perMille(ids);
        Instant now = clock.instant();
        List<Long> taskIds = new ArrayList<>();
        List<Long> priorities = new ArrayList<>();
        for (CallTaskStore.RankedTask t : open) {
            CurrentState state = states.get(t.accountId());
            if (state == null) {
                continue;
            }
            long priority = CallPriority.of(state, risk.getOrDefault(t.accountId(), CallPriority.NEUTRAL_RISK),
                    LocalDate.ofInstant(now, state.timeZone()));
            if (priority != t.priority()) {
                taskIds.add(t.id());
                priorities.add(priority);
            }
        }
        return tasks.reprioritise(taskIds, priorities);
    }

    /** Returns whether a ladder contact is cured; another module's contact is left to its owner's review. */
    private static boolean paid(CurrentState state, ActionState action, Instant now) {
        return state != null && action != null && action.source() == null
                && Dunning.paid(state, action.anchorDue(), LocalDate.ofInstant(now, state.timeZone()));
    }

    // ------------------------------------------------------------------ results of a pass

    /** What a pass decided, written in a few statements at its end. */
    private final class Pass {

        final String worker;
        final Instant now;
        final List<JobUpdate> updates = new ArrayList<>();
        final List<AttemptRow> log = new ArrayList<>();
        final List<Settlement> settlements = new ArrayList<>();
        final List<ContactRow> contacts = new ArrayList<>();
        final List<String> contactKeys = new ArrayList<>();
        final List<Long> contactVerdicts = new ArrayList<>();
        int claimed;
        int sent;
        int deferred;
        int blocked;
        int cancelled;
        int failed;
        int retried;
        int fellBack;
        int uncertain;
        int takenOver;
        Laps laps = new Laps();

        Pass(String worker, Instant now) {
            this.worker = worker;
            this.now = now;
        }

        void cancel(ClaimedJob j, String reason) {
            updates.add(new JobUpdate(j.id(), "CANCELLED", null, j.attempts(), j.channel(), j.fallback(),
                    "CANCELLED", reason, null, null, null, null));
            log.add(row(j, "CANCEL", null, null, null, reason));
            settlements.add(new Settlement(j.plannedActionId(), "CANCELLED", reason));
            cancelled++;
        }

        void defer(ClaimedJob j, Checked c) {
            Verdict v = c.verdict();
            updates.add(new JobUpdate(j.id(), "PENDING", v.notBefore(), j.attempts(), j.channel(), j.fallback(),
                    "DEFERRED", "deferred: " + Checks.rules(v), c.verdictId(), null, null, null));
            log.add(new AttemptRow(j.id(), null, j.accountId(), j.channel(), worker, now, "DEFER", c.verdictId(),
                    c.profile(), v.notBefore(), Checks.reasons(v), null, null, null, null));
            deferred++;
        }

        void block(ClaimedJob j, Checked c) {
            Verdict v = c.verdict();
            String reason = "blocked by the compliance guard: " + Checks.rules(v);
            updates.add(new JobUpdate(j.id(), "BLOCKED", null, j.attempts(), j.channel(), j.fallback(), "BLOCKED",
                    reason, c.verdictId(), null, null, null));
            log.add(new AttemptRow(j.id(), null, j.accountId(), j.channel(), worker, now, "BLOCK", c.verdictId(),
                    c.profile(), null, Checks.reasons(v), null, null, null, null));
            settlements.add(new Settlement(j.plannedActionId(), "CANCELLED", reason));
            blocked++;
        }

        void sent(ClaimedJob j, Long verdictId, List<String> providerIds, String messageId, String address) {
            updates.add(new JobUpdate(j.id(), "SENT", null, j.attempts() + 1, j.channel(), j.fallback(), "ACCEPTED",
                    null, verdictId, providerIds, messageId, now));
            contacts.add(new ContactRow(j.customerId(), j.accountId(), j.channel(), Direction.OUTBOUND, now, null,
                    List.of(String.valueOf(j.accountId())), address, j.id(), null, null));
            contactKeys.add(j.key());
            contactVerdicts.add(verdictId);
            settlements.add(new Settlement(j.plannedActionId(), "SENT", "sent by " + j.channel()));
            sent++;
        }

        /** Puts a job back for a retry after its back-off, or later when the provider named a not-before. */
        void transientFailure(ClaimedJob j, int attempts, String detail, long verdictId, Instant notBefore) {
            if (settings.backoff().exhausted(attempts)) {
                permanent(j, attempts, "gave up after " + attempts + " attempts: " + detail, verdictId);
                return;
            }
            double u;
            synchronized (jitter) {
                u = jitter.nextDouble();
            }
            Instant retryAt = now.plus(settings.backoff().delay(attempts, u));
            if (notBefore != null && notBefore.isAfter(retryAt)) {
                retryAt = notBefore;
            }
            updates.add(new JobUpdate(j.id(), "PENDING", retryAt, attempts, j.channel(), j.fallback(), "TRANSIENT",
                    detail, verdictId, null, null, null));
            retried++;
        }

        void permanent(ClaimedJob j, int attempts, String reason, Long verdictId) {
            if (j.fallback() != null && j.fallback() != j.channel()) {
                updates.add(new JobUpdate(j.id(), "PENDING", now, 0, j.fallback(), null, "FALLBACK",
                        j.channel() + " failed (" + reason + "); falling back to " + j.fallback(), verdictId, null,
                        null, null));
                fellBack++;
                return;
            }
            updates.add(new JobUpdate(j.id(), "FAILED", null, attempts, j.channel(), j.fallback(), "PERMANENT", reason,
                    verdictId, null, null, null));
            settlements.add(new Settlement(j.plannedActionId(), "FAILED", reason));
            failed++;
        }

        /** Fails (or falls back) a job that never reached the guard: no address, no rendering, too many claims. */
        void failWithoutGuard(ClaimedJob j, String reason) {
            log.add(row(j, "FAIL", null, null, null, reason));
            permanent(j, j.attempts(), reason, null);
        }

        /**
         * Marks a hand-over nobody can vouch for: not sent again (at most once), and counted as a contact in the
         * history, since it may have gone (the guard's caps err on the safe side).
         */
        void uncertain(ClaimedJob j, Handover h) {
            String reason = "hand-over uncertain: its worker died and the provider cannot tell; not sent again";
            updates.add(new JobUpdate(j.id(), "UNCERTAIN", null, j.attempts() + 1, j.channel(), j.fallback(),
                    "UNCERTAIN", reason, h.verdictId(), null, h.messageId(), null));
            contacts.add(new ContactRow(j.customerId(), j.accountId(), j.channel(), Direction.OUTBOUND, now, null,
                    List.of(String.valueOf(j.accountId())), h.address(), j.id(), null, null));
            contactKeys.add(j.key());
            contactVerdicts.add(h.verdictId());
            settlements.add(new Settlement(j.plannedActionId(), "FAILED", reason));
            uncertain++;
        }

        private AttemptRow row(ClaimedJob j, String decision, Long verdictId, String profile, String reasons,
                               String detail) {
            return new AttemptRow(j.id(), null, j.accountId(), j.channel(), worker, now, decision, verdictId, profile,
                    null, reasons, null, null, null, detail);
        }

        /** Writes the pass in the worker's transaction: jobs, attempt log, history, planned actions. */
        void write() {
            jobs.update(updates, now);
            jobs.log(log);
            List<Long> ids = history.record(contacts, now);
            for (int i = 0; i < ids.size(); i++) {
                ContactRow c = contacts.get(i);
                events.publishEvent(new ContactRecorded(ids.get(i), c.customerId(), c.accountId(), c.channel(),
                        "MESSAGE", contactKeys.get(i), contactVerdicts.get(i), c.at()));
            }
            cycles.settle(settlements);
        }

        DispatchReport report() {
            return new DispatchReport(0, 0, claimed, sent, deferred, blocked, cancelled, failed, retried, fellBack,
                    uncertain, takenOver);
        }
    }

    private static <T> List<Long> distinct(List<T> items, java.util.function.ToLongFunction<T> id) {
        Set<Long> ids = new LinkedHashSet<>();
        for (T item : items) {
            ids.add(id.applyAsLong(item));
        }
        return new ArrayList<>(ids);
    }

    /** Logs a failed pass; the jobs stay claimed and are taken over when their lease runs out. */
    static void logFailure(Channel channel, RuntimeException e) {
        log.error("dispatch pass on {} failed; its jobs are taken over when their lease runs out", channel, e);
    }
}
