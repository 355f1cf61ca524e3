package dev.arrears.contact.dispatch;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment stops dunning, proved under a race: two workers dispatch three SMS per account, two per batch, and the
 * first time a batch about an account reaches the sender, the account's payment is posted on another thread while
 * the worker pauses between its re-check and the hand-over, the window a payment would slip through. At every
 * hand-over the sender asks the database, on a connection of its own, whether the account's payment is committed,
 * and numbers the hand-over in one sequence with the payments' returns. No message may be handed over once its
 * account's payment committed: the worker holds a share lock on the account's ledger state row from its re-check
 * to its commit, and every payment locks that row for update (without that lock this test fails).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaymentRaceTest {

    private static final int ACCOUNTS = 40;
    private static final int MESSAGES_PER_ACCOUNT = 3;

    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;

    /** One hand-over: its account, its number in the shared sequence, and whether the payment was visible. */
    record Handover(long accountId, long seq, boolean paymentCommitted) {
    }

    /** The sandbox, after a pause that widens the window between re-check and hand-over, and a probe. */
    final class ProbingSender implements ChannelSender {
        final ChannelSender real;
        final String paymentPrefix;
        final AtomicLong sequence;
        final java.util.function.LongConsumer pay;
        final ConcurrentLinkedQueue<Handover> handovers = new ConcurrentLinkedQueue<>();
        final Set<Long> triggered = ConcurrentHashMap.newKeySet();

        ProbingSender(ChannelSender real, String paymentPrefix, AtomicLong sequence, java.util.function.LongConsumer pay) {
            this.real = real;
            this.paymentPrefix = paymentPrefix;
            this.sequence = sequence;
            this.pay = pay;
        }

        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public SendResult send(Clearance clearance, OutboundMessage message) {
            return sendAll(List.of(new Cleared(clearance, message))).getFirst();
        }

        @Override
        public List<SendResult> sendAll(List<Cleared> messages) {
            Set<Long> accounts = new HashSet<>();
            messages.forEach(m -> accounts.add(m.message().accountId()));
            for (long account : accounts) {
                if (triggered.add(account)) {
                    pay.accept(account);
                }
            }
            sleep(40); // a payment takes a few milliseconds to commit: without the lock it would do so now
            long seq = sequence.incrementAndGet();
            Set<Long> paid = committedPayments(accounts);
            for (Cleared m : messages) {
                handovers.add(new Handover(m.message().accountId(), seq, paid.contains(m.message().accountId())));
            }
            return real.sendAll(messages);
        }

        /** Returns the accounts whose test payment is committed, read on a connection outside the worker's. */
        private Set<Long> committedPayments(Set<Long> accounts) {
            Set<Long> paid = new HashSet<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "select distinct account_id from payment where account_id = any (?) and external_ref like ?")) {
                c.setAutoCommit(true);
                ps.setArray(1, c.createArrayOf("bigint", accounts.toArray()));
                ps.setString(2, paymentPrefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        paid.add(rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return paid;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void noMessageIsHandedOverAfterItsAccountsPaymentCommitted() throws Exception {
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            long a = f.account("R" + i);
            for (int m = 0; m < MESSAGES_PER_ACCOUNT; m++) {
                f.sms(a);
            }
            accounts.add(a);
        }
        AtomicLong sequence = new AtomicLong();
        Map<Long, Long> paidBy = new ConcurrentHashMap<>();
        Map<Long, String> names = new ConcurrentHashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            names.put(accounts.get(i), "R" + i);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.ExecutorService payer = java.util.concurrent.Executors.newFixedThreadPool(4);
        ProbingSender probing = new ProbingSender(senders.sender(Channel.SMS), f.p, sequence,
                account -> payer.submit(() -> {
                    try {
                        f.pay(names.get(account), 10_000);
                        // later than the payment's commit: the number of its return
                        paidBy.put(account, sequence.incrementAndGet());
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
        DispatchEngine engine = DispatchFixture.variant(dispatch.engine(), s -> s.with(probing), clock,
                s -> s.withBatchSize(2));
        assertThat(engine.enqueue(accounts).jobs()).isEqualTo(ACCOUNTS * MESSAGES_PER_ACCOUNT);

        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            String name = "race-worker-" + w;
            workers.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    while (open(accounts) > 0) {
                        if (engine.drain(accounts, name).claimed() == 0) {
                            sleep(2);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(120));
        }
        payer.shutdown();
        assertThat(payer.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNull();
        assertThat(paidBy).as("every account paid while dispatch ran").hasSize(ACCOUNTS);

        List<Handover> handovers = new ArrayList<>(probing.handovers);
        assertThat(handovers).as("no hand-over saw its account's payment committed")
                .noneMatch(Handover::paymentCommitted);
        assertThat(handovers).as("every hand-over numbered before its account's payment returned")
                .allMatch(h -> h.seq() < paidBy.get(h.accountId()));
        Map<String, Long> states = new java.util.TreeMap<>();
        jdbc.sql("select state, count(*) from dispatch_job where account_id = any (?) group by state")
                .param(accounts.toArray(Long[]::new))
                .query(rs -> {
                    states.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(states.keySet()).as("every job sent before the payment or cancelled").isSubsetOf("SENT",
                "CANCELLED");
        assertThat(states.get("SENT")).as("the race was run: some went").isPositive();
        // How many were stopped depends on how the workers' claims fell (both messages of an account in one batch
        // go before the payment can commit); on the embedded server some are, on a server in CI at times none.
        // The guarantee is the two assertions on hand-overs above.
        assertThat(jdbc.sql("select count(*) from sandbox_message where account_id = any (?)")
                .param(accounts.toArray(Long[]::new)).query(Long.class).single())
                .as("each sent job once in the sandbox").isEqualTo(states.get("SENT"));
        assertThat(handovers).hasSize(states.get("SENT").intValue());
    }

    private long open(List<Long> accounts) {
        return jdbc.sql("select count(*) from dispatch_job where account_id = any (?) and state in ('PENDING', 'CLAIMED')")
                .param(accounts.toArray(Long[]::new)).query(Long.class).single();
    }
}
