package dev.arrears.contact.dispatch;

import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.dispatch.JobStore.AcceptedIds;
import dev.arrears.shared.Channel;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dispatch's journal of provider ids for live senders: every accepted id goes into {@code provider_message} and a
 * whole message's ids onto its hand-over (still HANDING) in a transaction of its own, committed before the caller
 * goes on. Callers from many threads (an SMPP window of submits) are written together: one writer thread takes
 * whatever is waiting, writes it in two statements and one commit, and releases the callers (group commit), so
 * the price of "stored before the next step" is one commit per group, not per part.
 */
@Component
class ProviderIdJournal implements ProviderIds, DisposableBean {

    /** The most ids written in one commit. */
    private static final int GROUP = 2_000;

    private final JobStore store;
    private final TransactionTemplate own;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean closed;

    private record Pending(AcceptedIds ids, CompletableFuture<Void> done) {
    }

    ProviderIdJournal(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.store = new JobStore(jdbc);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void accepted(OutboundMessage message, List<String> acceptedIds, int parts) {
        if (acceptedIds.isEmpty()) {
            return;
        }
        Pending p = new Pending(new AcceptedIds(message.jobId(), message.attemptId(), message.channel(),
                List.copyOf(acceptedIds), acceptedIds.size() >= parts), new CompletableFuture<>());
        ensureWriter();
        queue.add(p);
        p.done().join();
    }

    @Override
    public ProviderRecord lookup(String contactKey, Channel channel) {
        return store.acceptedIds(contactKey, channel)
                .map(ids -> new ProviderRecord(ProviderRecord.Known.ACCEPTED, ids))
                .orElse(ProviderRecord.UNKNOWN);
    }

    @Override
    public Set<String> known(Channel channel, Collection<String> providerIds) {
        return providerIds.isEmpty() ? Set.of() : store.knownProviderIds(channel, providerIds);
    }

    private synchronized void ensureWriter() {
        if (closed) {
            throw new IllegalStateException("the provider id journal is closed");
        }
        if (writer == null) {
            writer = Thread.ofPlatform().daemon().name("provider-id-journal").start(this::write);
        }
    }

    /** Writes whatever is waiting, one group per commit, until closed and drained. */
    private void write() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                List<AcceptedIds> rows = group.stream().map(Pending::ids).toList();
                own.executeWithoutResult(status -> store.storeAccepted(rows));
                group.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(p -> p.done().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            closed = true;
            running = writer;
        }
        if (running != null) {
            running.join(5_000);
        }
    }
}
