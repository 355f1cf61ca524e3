package dev.arrears.contact.sms;

import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Delivery receipts on their way from the SMPP link to the jobs: jSMPP's PDU threads hand each receipt over and
 * return at once (they also read the submit responses, which must not wait on the database); one thread stores
 * them in groups through the dispatch. A receipt that overtook the storing of its part's id waits and is tried
 * again every half second, ten times, then stored unmatched. Receipts acknowledged to the SMSC but not yet stored
 * are lost if the process dies (at most a group; receipts only inform the timeline).
 */
final class SmsReceipts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);

    private static final int GROUP = 2_000;
    private static final int TRIES = 10;
    private static final long RETRY_NANOS = 500_000_000L;

    private final ProviderIds ids;
    private final Clock clock;
    private final Consumer<List<Receipt>> store;
    private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final List<Waiting> later = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closed;
    private Thread writer;

    private record Waiting(Receipt receipt, int tries, long notBefore) {
    }

    SmsReceipts(ProviderIds ids, Clock clock, Consumer<List<Receipt>> store) {
        this.ids = ids;
        this.clock = clock;
        this.store = store;
    }

    /** Takes a receipt from the link; returns at once. */
    void offer(DeliveryReceipt r) {
        pending.incrementAndGet();
        queue.add(new Waiting(new Receipt(Channel.SMS, r.messageId(), r.state().name(),
                r.doneAt() == null ? clock.instant() : r.doneAt(), r.stat() + " err:" + r.errorCode()), 0,
                0));
    }

    synchronized void start() {
        if (writer == null) {
            writer = Thread.ofPlatform().daemon().name("sms-receipts").start(this::run);
        }
    }

    /** Waits until every receipt taken so far is stored; returns whether they are. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void run() {
        List<Waiting> group = new ArrayList<>();
        while (!closed) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    queue.drainTo(group, GROUP - 1);
                }
                long now = System.nanoTime();
                for (Iterator<Waiting> it = later.iterator(); it.hasNext() && group.size() < GROUP; ) {
                    Waiting w = it.next();
                    if (w.notBefore() <= now) {
                        group.add(w);
                        it.remove();
                    }
                }
                if (!group.isEmpty()) {
                    storeGroup(group, now);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("storing {} SMS receipts failed; trying again", group.size(), e);
                group.forEach(w -> later.add(new Waiting(w.receipt(), w.tries() + 1, System.nanoTime()
                        + RETRY_NANOS)));
            } finally {
                group.clear();
            }
        }
    }

    private void storeGroup(List<Waiting> group, long now) {
        Set<String> known = ids.known(Channel.SMS, group.stream().map(w -> w.receipt().providerId()).toList());
        List<Receipt> ready = new ArrayList<>(group.size());
        for (Waiting w : group) {
            if (known.contains(w.receipt().providerId()) || w.tries() >= TRIES) {
                ready.add(w.receipt());
            } else {
                later.add(new Waiting(w.receipt(), w.tries() + 1, now + RETRY_NANOS));
            }
        }
        if (!ready.isEmpty()) {
            store.accept(ready);
            if (pending.addAndGet(-ready.size()) == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = writer;
        if (running != null) {
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
