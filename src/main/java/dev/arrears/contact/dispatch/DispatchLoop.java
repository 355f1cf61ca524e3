package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dispatch loop of one node: N virtual-thread workers, each working every channel batch after batch and
 * resting when nothing is due; one of them turns due planned actions into jobs every {@code enqueueEvery}. Several
 * nodes on one database share the work through {@code SKIP LOCKED} claims and leases. {@link #stop} lets each
 * worker finish its batch and waits for them.
 */
public final class DispatchLoop {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

    private final DispatchEngine engine;
    private final String node;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong nextEnqueue = new AtomicLong();
    /** Call tasks are re-ranked at start and then every {@link #RERANK_EVERY}: days past due and grades move. */
    private final AtomicLong nextRerank = new AtomicLong(System.nanoTime());
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.Collection<Long> scope;
    private volatile boolean running;

    /** How often the loop re-ranks every open call task (payments re-rank theirs at once, see CallTasks). */
    static final Duration RERANK_EVERY = Duration.ofMinutes(15);

    public DispatchLoop(DispatchEngine engine) {
        this(engine, null);
    }

    /** A loop over some accounts only (tests); null for all. */
    DispatchLoop(DispatchEngine engine, java.util.Collection<Long> scope) {
        this.engine = engine;
        this.scope = scope;
        this.node = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    }

    /** Starts the workers; does nothing when they run. */
    public synchronized void start(int workers) {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            String name = node + "/dispatch-" + i;
            threads.add(Thread.ofVirtual().name("dispatch-" + i).start(() -> work(name)));
        }
        log.info("Dispatch started: {} workers on {}", workers, node);
    }

    /** Returns true while the workers run. */
    public boolean running() {
        return running;
    }

    /** Stops the workers after their current batch and waits for them (at most the lease). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + engine.settings().lease().toNanos();
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    log.warn("dispatch worker {} still busy at shutdown; its jobs are taken over after the lease",
                            t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        log.info("Dispatch stopped");
    }

    private void work(String worker) {
        while (running) {
            DispatchReport report = DispatchReport.NONE;
            try {
                long now = System.nanoTime();
                long next = nextEnqueue.get();
                if (now - next >= 0 && nextEnqueue.compareAndSet(next, now + engine.settings().enqueueEvery().toNanos())) {
                    engine.enqueue(scope);
                }
                long rerank = nextRerank.get();
                if (now - rerank >= 0 && nextRerank.compareAndSet(rerank, now + RERANK_EVERY.toNanos())) {
                    engine.rerank(scope);
                }
                for (Channel channel : dev.arrears.contact.channel.ChannelSenders.MESSAGE_CHANNELS) {
                    if (!running) {
                        break;
                    }
                    try {
                        report = report.plus(engine.pass(channel, worker, scope));
                    } catch (RuntimeException e) {
                        DispatchEngine.logFailure(channel, e);
                    }
                }
            } catch (RuntimeException e) {
                log.error("dispatch enqueue failed", e);
            }
            if (report.claimed() == 0) {
                rest(engine.settings().idle());
            }
        }
    }

    private void rest(Duration idle) {
        lock.lock();
        try {
            if (running) {
                wake.await(idle.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
