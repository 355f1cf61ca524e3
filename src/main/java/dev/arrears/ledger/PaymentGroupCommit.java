package dev.arrears.ledger;

import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.persistence.LedgerStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for payments that arrive one by one (the API's single payments, a gateway's stream): callers queue
 * their records and wait; a few writer threads each take everything queued when they come free (up to a batch
 * limit) and post it in one ledger write — one transaction, one current-state update, one re-evaluation of the
 * touched accounts by the after-commit listeners — then answer every caller. Under load a write carries many
 * callers' payments, so throughput grows with the arrival rate instead of being capped by a fixed cost per
 * payment; alone, a payment goes out at once (nothing waits for company).
 *
 * <p>Each caller's records stay all-or-nothing and get their own errors: when a combined write fails (a bad
 * record, a conflict, two callers racing on one reference), every caller's records are posted again on their own,
 * so the failure reaches only the caller that caused it, with its own record indexes. Callers wait holding no
 * database connection; the writers hold one each.
 */
final class PaymentGroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentGroupCommit.class);
    /** Per-write timing at DEBUG: {@code -Dlogging.level.dev.arrears.ledger.PaymentGroupCommit.timing=DEBUG}. */
    private static final Logger timing = LoggerFactory.getLogger(PaymentGroupCommit.class.getName() + ".timing");

    /** One caller's records and the answer it waits for. */
    private record Job(List<PostPayment> payments, CompletableFuture<List<Written<PaymentView>>> answer) {
    }

    private final LedgerStore store;
    private final int maxBatch;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final DistributionSummary batchSizes;

    /** Starts {@code writers} writer threads that post at most {@code maxBatch} payments per write (more for one caller). */
    PaymentGroupCommit(LedgerStore store, int writerCount, int maxBatch, MeterRegistry meters) {
        if (writerCount < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("payment group commit needs at least one writer and a batch of one");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder("arrears.ledger.payment.batch")
                .description("payments posted per group-committed ledger write").register(meters);
        for (int i = 0; i < writerCount; i++) {
            Thread writer = Thread.ofPlatform().daemon().name("payment-writer-" + i).unstarted(this::run);
            writers.add(writer);
            writer.start();
        }
    }

    /** Queues one caller's payments; the future completes once they are committed (or refused). */
    CompletableFuture<List<Written<PaymentView>>> submit(List<PostPayment> payments) {
        CompletableFuture<List<Written<PaymentView>>> answer = new CompletableFuture<>();
        if (!open.get()) {
            answer.completeExceptionally(new IllegalStateException("the ledger is shutting down"));
            return answer;
        }
        queue.add(new Job(List.copyOf(payments), answer));
        return answer;
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        Job carried = null; // taken from the queue but too big for the last batch: first in the next
        while (open.get() || carried != null || !queue.isEmpty()) {
            try {
                Job first = carried != null ? carried : queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.payments().size();
                // take what is already waiting, never more than the limit (a caller's own list is never split);
                // only poll: another writer may take any job between a peek and a poll
                Job next;
                while (size < maxBatch && (next = queue.poll()) != null) {
                    if (size + next.payments().size() > maxBatch) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    size += next.payments().size();
                }
                post(batch, size);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // never let a writer die with callers waiting: they get the failure
                log.error("payment writer failed", e);
                batch.forEach(j -> j.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        if (carried != null) {
            carried.answer().completeExceptionally(new IllegalStateException("the ledger is shutting down"));
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("the ledger is shutting down"));
        }
    }

    /** Posts a batch in one write; when that fails, posts each caller's records alone. */
    private void post(List<Job> batch, int size) {
        if (batch.size() == 1) {
            postAlone(batch.getFirst());
            return;
        }
        List<PostPayment> all = new ArrayList<>(size);
        batch.forEach(j -> all.addAll(j.payments()));
        List<Written<PaymentView>> written;
        long started = System.nanoTime();
        try {
            written = store.postPayments(all);
            if (timing.isDebugEnabled()) {
                timing.debug("{} payments of {} callers in {} ms, {} waiting", size, batch.size(),
                        (System.nanoTime() - started) / 1_000_000, queue.size());
            }
        } catch (RuntimeException e) {
            log.debug("a combined write of {} callers failed ({}); posting each alone", batch.size(), e.toString());
            batch.forEach(this::postAlone);
            return;
        }
        batchSizes.record(size);
        int from = 0;
        for (Job job : batch) {
            int to = from + job.payments().size();
            job.answer().complete(List.copyOf(written.subList(from, to)));
            from = to;
        }
    }

    private void postAlone(Job job) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Written<PaymentView>> written = store.postPayments(job.payments());
                batchSizes.record(job.payments().size());
                job.answer().complete(written);
                return;
            } catch (RuntimeException e) {
                // the other writer committed the same reference a moment ago (or the two deadlocked): once more,
                // the ledger then finds the reference and answers as for any repeated payment
                if (attempt < 3 && raced(e)) {
                    continue;
                }
                job.answer().completeExceptionally(e);
                return;
            }
        }
    }

    /** Returns true for a unique violation, a deadlock or a serialization failure anywhere in the causes. */
    private static boolean raced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("23505") || sql.getSQLState().equals("40P01")
                    || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    /** Stops taking payments, lets the writers finish what is queued and waits for them. */
    @Override
    public void close() {
        open.set(false);
        for (Thread writer : writers) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
