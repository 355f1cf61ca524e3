package dev.arrears.ledger;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidInputException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Ledger#submitPayments}: many callers at once share ledger writes, each gets exactly its own answer, and
 * a bad record, a conflict or a repeated reference reaches only the caller that sent it.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaymentGroupCommitTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final int ACCOUNTS = 120;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final String p = "GC" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void concurrentCallers_shareWrites_andEachGetsItsOwnPayment() throws Exception {
        setUp();
        var batches = meters.get("arrears.ledger.payment.batch").summary();
        long writesBefore = batches.count();
        double paymentsBefore = batches.totalAmount();

        List<List<Written<PaymentView>>> answers = concurrently(ACCOUNTS, i -> () -> ledger.submitPayments(
                List.of(payment(p + "P" + i, p + "A" + i, 1_000 + i))));

        for (int i = 0; i < ACCOUNTS; i++) {
            List<Written<PaymentView>> answer = answers.get(i);
            assertThat(answer).hasSize(1);
            assertThat(answer.getFirst().created()).isTrue();
            assertThat(answer.getFirst().view().externalRef()).isEqualTo(p + "P" + i);
            assertThat(answer.getFirst().view().amountMinor()).isEqualTo(1_000 + i);
        }
        assertThat(jdbc.sql("select count(*) from payment where external_ref like ?").param(p + "P%")
                .query(Long.class).single()).isEqualTo(ACCOUNTS);
        long writes = batches.count() - writesBefore;
        assertThat(batches.totalAmount() - paymentsBefore).isEqualTo(ACCOUNTS);
        assertThat(writes).as("payments arriving together share writes").isLessThan(ACCOUNTS);
        // each account's state row saw its own payment: 10,000 owed, 1,000 + i paid
        for (int i : new int[] {0, 57, ACCOUNTS - 1}) {
            long balance = jdbc.sql("""
                            select s.balance_minor from account_state s join account a on a.id = s.account_id
                            where a.external_ref = ?""").param(p + "A" + i).query(Long.class).single();
            assertThat(balance).isEqualTo(10_000 - 1_000 - i);
        }
    }

    @Test
    void badRecordAmongOthers_failsOnlyItsCaller_withItsOwnIndex() throws Exception {
        setUp();
        List<Object> answers = concurrently(40, i -> () -> {
            try {
                if (i == 17) {
                    return ledger.submitPayments(List.of(payment(p + "Q17", p + "A17", 500),
                            payment(p + "Q17b", p + "NO-SUCH-ACCOUNT", 500)));
                }
                return ledger.submitPayments(List.of(payment(p + "Q" + i, p + "A" + i, 500)));
            } catch (InvalidInputException e) {
                return e;
            }
        });
        for (int i = 0; i < 40; i++) {
            if (i == 17) {
                assertThat(answers.get(i)).isInstanceOf(InvalidInputException.class);
                InvalidInputException e = (InvalidInputException) answers.get(i);
                assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.pointer()).startsWith("/1"));
            } else {
                assertThat(answers.get(i)).isInstanceOf(List.class);
            }
        }
        assertThat(jdbc.sql("select count(*) from payment where external_ref like ?").param(p + "Q%")
                .query(Long.class).single()).as("the bad caller's good record is not posted either").isEqualTo(39);
    }

    @Test
    void sameReferenceFromTwoCallers_postsOnce_andConflictingContentIsRefused() throws Exception {
        setUp();
        List<Object> same = concurrently(8, i -> () -> ledger.submitPayments(List.of(payment(p + "SAME", p + "A1",
                700))).getFirst().created());
        assertThat(same).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment where external_ref = ?").param(p + "SAME")
                .query(Long.class).single()).isEqualTo(1);

        assertThatThrownBy(() -> ledger.submitPayments(List.of(payment(p + "SAME", p + "A1", 701))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void singleCaller_postsAtOnce_andTheSamePaymentAgainChangesNothing() {
        setUp();
        assertThat(ledger.submitPayments(List.of())).isEmpty();
        Written<PaymentView> alone = ledger.submitPayments(List.of(payment(p + "ALONE", p + "A2", 300))).getFirst();
        assertThat(alone.created()).isTrue();
        assertThat(ledger.submitPayments(List.of(payment(p + "ALONE", p + "A2", 300))).getFirst().created())
                .as("the same payment again changes nothing").isFalse();
    }

    private <T> List<T> concurrently(int callers, java.util.function.IntFunction<Supplier<T>> call)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                Supplier<T> supplier = call.apply(i);
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return supplier.get();
                }, threads));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (CompletableFuture<T> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private void setUp() {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Group", CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of())));
        ledger.openAccounts(IntStream.range(0, ACCOUNTS).mapToObj(i -> new OpenAccount(p + "A" + i, p + "C",
                ProductLine.TELECOM_POSTPAID, CNY, AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)).toList());
        ledger.issueBills(IntStream.range(0, ACCOUNTS).mapToObj(i -> new IssueBill(p + "B" + i, p + "A" + i,
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), CNY, 10_000,
                List.of(new BillLine("plan", LineCategory.SERVICE, 10_000)))).toList());
    }

    private static PostPayment payment(String ref, String accountRef, long amount) {
        return new PostPayment(ref, accountRef, amount, CNY, Instant.parse("2026-11-20T02:00:00Z"),
                PaymentMethod.ALIPAY, null);
    }
}
