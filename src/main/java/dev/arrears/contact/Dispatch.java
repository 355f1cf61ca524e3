package dev.arrears.contact;

import dev.arrears.compliance.ContactGuard;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobFilter;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.MessageRenderer;
import dev.arrears.contact.dispatch.DispatchEngine;
import dev.arrears.contact.dispatch.DispatchLoop;
import dev.arrears.contact.dispatch.DispatchSettings;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import dev.arrears.scoring.Scoring;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The dispatch façade: turns due planned contacts into jobs and call tasks and sends the jobs through their
 * channels (see {@code docs/dispatch.md}), once or in a loop of workers that runs with the server
 * ({@code arrears.contact.dispatch.enabled}, default true; {@code …workers}, default 2) and stops cleanly with it.
 * Also lists jobs, takes delivery receipts, and stops the contacts of accounts a payment cured.
 */
@Service
public class Dispatch implements SmartLifecycle {

    private final DispatchEngine engine;
    private final DispatchLoop loop;
    private final boolean autoStart;

    Dispatch(JdbcClient jdbc, PlatformTransactionManager transactions, Ledger ledger, Cycles cycles,
             ContactGuard guard, MessageRenderer renderer, ChannelSenders senders, Clock clock,
             ApplicationEventPublisher events, Environment environment, Scoring scoring,
             ObjectProvider<ContactSource> sources) {
        this.engine = new DispatchEngine(new DispatchEngine.Parts(jdbc, transactions, ledger, cycles, guard, renderer,
                senders, DispatchSettings.from(environment), clock, events, CallTasks.risk(scoring),
                () -> sources.orderedStream().toList()));
        this.loop = new DispatchLoop(engine);
        this.autoStart = environment.getProperty("arrears.contact.dispatch.enabled", Boolean.class, true);
    }

    /** Enqueues what is due and sends until nothing is left that may go now; returns what was done. */
    public DispatchReport runOnce() {
        return engine.runOnce(null, worker());
    }

    /** Like {@link #runOnce()}, for the given accounts only (a retry of one account, tests). */
    public DispatchReport runOnce(Collection<Long> accountIds) {
        return engine.runOnce(List.copyOf(accountIds), worker());
    }

    /** Turns the due planned contacts of the accounts (null: all) into jobs and call tasks; returns the jobs made. */
    public int enqueue(Collection<Long> accountIds) {
        return engine.enqueue(accountIds == null ? null : List.copyOf(accountIds)).jobs();
    }

    /** Works the accounts' (null: all) claimable jobs as one named worker until none is left; for parallel runs. */
    public DispatchReport drain(Collection<Long> accountIds, String worker) {
        return engine.drain(accountIds == null ? null : List.copyOf(accountIds), worker);
    }

    /** Starts the dispatch loop with a number of workers (the server starts it by itself unless disabled). */
    public void startLoop(int workers) {
        loop.start(workers);
    }

    /** Returns the configured number of loop workers ({@code arrears.contact.dispatch.workers}). */
    public int workers() {
        return engine.settings().workers();
    }

    /** Stops the dispatch loop after the workers' current batches. */
    public void stopLoop() {
        loop.stop();
    }

    /** Lists dispatch jobs, newest first. */
    public Page<JobView> jobs(JobFilter filter) {
        return engine.jobs(filter);
    }

    /** Returns a dispatch job. */
    public Optional<JobView> job(long id) {
        return engine.job(id);
    }

    /** Returns the job made from a planned action. */
    public Optional<JobView> jobOf(long plannedActionId) {
        return engine.jobOf(plannedActionId);
    }

    /** Lists the delivery receipts matched to a job, oldest first. */
    public List<Receipt> receipts(long jobId) {
        return engine.receiptsOf(jobId);
    }

    /** Stores delivery receipts, matched to their jobs by provider message id; returns how many matched. */
    public int recordReceipts(List<Receipt> receipts) {
        return engine.receipts(receipts);
    }

    /** Cancels the jobs and call tasks of accounts that are cured now; returns how many. */
    public int stopPaid(Collection<Long> accountIds) {
        return engine.stopPaid(accountIds);
    }

    /**
     * Re-ranks the open call tasks of the accounts (null: all) from their current overdue amount, days past due and
     * score grade; returns the tasks whose priority changed.
     */
    public int rerankCalls(Collection<Long> accountIds) {
        return engine.rerank(accountIds);
    }

    /** Returns the engine, for tests and benchmarks that build variants of it. */
    public DispatchEngine engine() {
        return engine;
    }

    private static String worker() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + Thread.currentThread().getName();
    }

    @Override
    public void start() {
        loop.start(engine.settings().workers());
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }
}
