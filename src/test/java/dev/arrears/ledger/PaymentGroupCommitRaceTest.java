package dev.arrears.ledger;

import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.persistence.LedgerStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Two writers draining one queue with a small batch limit: every caller gets exactly its own records back, none is
 * lost or answered twice, and no batch passes the limit (a caller too big for a batch waits for the next one). The
 * store is a stand-in that echoes what it is given: the race is in the queue, not in the database.
 */
class PaymentGroupCommitRaceTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Test
    void twoWritersAndManyCallers_everyCallerGetsItsOwnRecords_andNoBatchPassesTheLimit() throws Exception {
        LedgerStore store = mock(LedgerStore.class);
        AtomicInteger largest = new AtomicInteger();
        AtomicInteger posted = new AtomicInteger();
        when(store.postPayments(anyList())).thenAnswer(call -> {
            List<PostPayment> payments = call.getArgument(0);
            largest.accumulateAndGet(payments.size(), Math::max);
            posted.addAndGet(payments.size());
            Thread.sleep(1);
            List<Written<PaymentView>> out = new ArrayList<>();
            for (PostPayment p : payments) {
                out.add(new Written<>(true, new PaymentView(0, p.externalRef(), 0, p.accountRef(), p.amountMinor(),
                        "CNY", p.receivedAt(), p.method(), null, null, null)));
            }
            return out;
        });
        int callers = 3_000;
        try (PaymentGroupCommit commit = new PaymentGroupCommit(store, 2, 5, new SimpleMeterRegistry());
             ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<List<Written<PaymentView>>>> answers = new ArrayList<>();
            List<List<String>> sent = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                List<PostPayment> mine = new ArrayList<>();
                for (int k = 0; k <= i % 3; k++) {
                    mine.add(new PostPayment("R" + i + "-" + k, "A" + i, 100 + k, CNY, Instant.EPOCH,
                            PaymentMethod.CASH, null));
                }
                sent.add(mine.stream().map(PostPayment::externalRef).toList());
                answers.add(CompletableFuture.supplyAsync(() -> mine, threads).thenCompose(commit::submit));
            }
            for (int i = 0; i < callers; i++) {
                List<String> got = answers.get(i).get(30, TimeUnit.SECONDS).stream()
                        .map(w -> w.view().externalRef()).toList();
                assertThat(got).as("caller %d", i).isEqualTo(sent.get(i));
            }
        }
        assertThat(posted.get()).isEqualTo(3_000 / 3 * (1 + 2 + 3));
        assertThat(largest.get()).isLessThanOrEqualTo(5);
    }
}
