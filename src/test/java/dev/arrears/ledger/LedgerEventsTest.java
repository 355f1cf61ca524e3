package dev.arrears.ledger;

import dev.arrears.ledger.AccountsChanged.Kind;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListener;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AccountsChanged} from every write path: what a listener after commit receives (the same as a
 * {@code @TransactionalEventListener} method), what it finds committed when it looks from another connection, and
 * that nothing arrives for writes that fail, roll back or change nothing. The listeners are added to the shared
 * test context for each test and removed after it.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LedgerEventsTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    private final String p = "EV" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** An event seen after commit, with the number of its accounts' records another connection could see. */
    private record Seen(AccountsChanged event, long committedRecords) {
    }

    private final List<Seen> afterCommit = new CopyOnWriteArrayList<>();
    private final List<AccountsChanged> published = new CopyOnWriteArrayList<>();
    private volatile boolean failWhenPublished;
    private ApplicationListener<?> afterCommitListener;
    private ApplicationListener<?> publishedListener;

    @BeforeEach
    void listen() {
        afterCommitListener = TransactionalApplicationListener.forPayload(TransactionPhase.AFTER_COMMIT,
                (AccountsChanged event) -> afterCommit.add(new Seen(event, committedRecords(event.accountIds()))));
        publishedListener = ApplicationListener.forPayload((AccountsChanged event) -> {
            published.add(event);
            if (failWhenPublished) {
                throw new IllegalStateException("a listener inside the transaction fails");
            }
        });
        context.addApplicationListener(afterCommitListener);
        context.addApplicationListener(publishedListener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(afterCommitListener);
        context.removeApplicationListener(publishedListener);
    }

    @Test
    void everyWritePath_publishesItsAccountsAndKindsAfterCommit() {
        ledger.registerCustomers(List.of(customer(p + "C")));
        assertThat(afterCommit).as("customers alone touch no account").isEmpty();

        List<Long> opened = ledger.openAccounts(List.of(account(p + "A1"), account(p + "A2"))).stream()
                .map(w -> w.view().id()).toList();
        long a1 = opened.get(0);
        long a2 = opened.get(1);
        assertLast(opened, Set.of(Kind.ACCOUNT_OPENED), 2);

        ledger.issueBills(List.of(bill(p + "B1", p + "A1", 10_000), bill(p + "B2", p + "A1", 5_000)));
        assertLast(List.of(a1), Set.of(Kind.BILL_ISSUED), 1 + 2);

        var payment = ledger.postPayments(List.of(new PostPayment(p + "P1", p + "A1", 4_000, CNY,
                Instant.parse("2026-11-20T02:00:00Z"), PaymentMethod.ALIPAY, null))).getFirst().view();
        assertLast(List.of(a1), Set.of(Kind.PAYMENT_POSTED), 1 + 2 + 1);

        ledger.recordAdjustments(List.of(new RecordAdjustment(p + "J1", p + "A2", null, AdjustmentType.DEBIT_NOTE,
                700, CNY, "fee", LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 30))));
        assertLast(List.of(a2), Set.of(Kind.ADJUSTMENT_RECORDED), 1 + 1);

        ledger.reversePayment(payment.id(), new ReversePayment(ReversalReason.RETURNED_DEBIT,
                Instant.parse("2026-11-21T02:00:00Z")));
        assertLast(List.of(a1), Set.of(Kind.PAYMENT_REVERSED), 1 + 2 + 1);
        assertThat(jdbc.sql("select reversed_at is not null from payment where id = ?").param(payment.id())
                .query(Boolean.class).single()).isTrue();

        // One load of several kinds: opened accounts first, then the others written to, each once.
        ledger.load(new LedgerBatch(List.of(), List.of(account(p + "A3")), List.of(bill(p + "B3", p + "A3", 900)),
                List.of(new PostPayment(p + "P2", p + "A2", 100, CNY, Instant.parse("2026-11-22T02:00:00Z"),
                        PaymentMethod.CARD, null)), List.of()));
        long a3 = idOf(p + "A3");
        assertLast(List.of(a3, a2), Set.of(Kind.ACCOUNT_OPENED, Kind.BILL_ISSUED, Kind.PAYMENT_POSTED),
                (1 + 1) + (1 + 1 + 1));

        var imported = ledger.importCsv(ImportKind.BILLS, new ByteArrayInputStream("""
                externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,lineAmount
                %1$sB4,%1$sA2,2026-11-01,2026-11-20,CNY,1.00,plan,SERVICE,1.00
                """.formatted(p).getBytes(StandardCharsets.UTF_8)), false);
        assertThat(imported.written()).as(imported.errors().toString()).isTrue();
        assertLast(List.of(a2), Set.of(Kind.BILL_ISSUED), 1 + 1 + 1 + 1);

        assertThat(afterCommit).hasSize(7);
        assertThat(published).extracting(AccountsChanged::accountIds)
                .containsExactlyElementsOf(afterCommit.stream().map(s -> s.event().accountIds()).toList());
    }

    @Test
    void repeatedWrites_publishNothing() {
        ledger.registerCustomers(List.of(customer(p + "C")));
        ledger.openAccounts(List.of(account(p + "A")));
        ledger.issueBills(List.of(bill(p + "B", p + "A", 1_000)));
        var payment = ledger.postPayments(List.of(new PostPayment(p + "P", p + "A", 400, CNY,
                Instant.parse("2026-11-20T02:00:00Z"), PaymentMethod.CARD, null))).getFirst().view();
        ReversePayment reversal = new ReversePayment(ReversalReason.CHARGEBACK, Instant.parse("2026-11-21T02:00:00Z"));
        ledger.reversePayment(payment.id(), reversal);
        int before = published.size();
        assertThat(before).isEqualTo(4);

        ledger.registerCustomers(List.of(customer(p + "C")));
        ledger.openAccounts(List.of(account(p + "A")));
        assertThat(ledger.issueBills(List.of(bill(p + "B", p + "A", 1_000))).getFirst().created()).isFalse();
        ledger.load(new LedgerBatch(List.of(customer(p + "C")), List.of(account(p + "A")),
                List.of(bill(p + "B", p + "A", 1_000)), List.of(), List.of()));
        assertThat(ledger.reversePayment(payment.id(), reversal).created()).isFalse();

        assertThat(published).hasSize(before);
        assertThat(afterCommit).hasSize(before);
    }

    @Test
    void failedWrites_publishNothingAfterCommit() {
        ledger.registerCustomers(List.of(customer(p + "C")));
        ledger.openAccounts(List.of(account(p + "A")));
        long account = idOf(p + "A");
        afterCommit.clear();
        published.clear();

        // Refused before anything is published: a bad record in the batch.
        assertThatThrownBy(() -> ledger.issueBills(List.of(bill(p + "B1", p + "A", 1_000),
                bill(p + "B2", p + "NOBODY", 1_000)))).isInstanceOf(InvalidInputException.class);
        assertThat(published).isEmpty();

        // Published inside the transaction, then rolled back: a listener there fails the write.
        failWhenPublished = true;
        assertThatThrownBy(() -> ledger.issueBills(List.of(bill(p + "B3", p + "A", 1_000))))
                .isInstanceOf(IllegalStateException.class);
        failWhenPublished = false;
        assertThat(published).singleElement().satisfies(e -> assertThat(e.accountIds()).containsExactly(account));
        assertThat(afterCommit).isEmpty();
        assertThat(committedRecords(List.of(account))).as("only the account, no bill").isEqualTo(1);
    }

    @Test
    void loadOfMoreAccountsThanOneEventCarries_isTruncated() {
        int count = AccountsChanged.MAX_IDS + 5;
        List<OpenAccount> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accounts.add(account(p + "A" + i));
        }
        ledger.load(new LedgerBatch(List.of(customer(p + "C")), accounts, List.of(), List.of(), List.of()));

        assertThat(afterCommit).singleElement().satisfies(seen -> {
            AccountsChanged event = seen.event();
            assertThat(event.truncated()).isTrue();
            assertThat(event.kinds()).containsExactly(Kind.ACCOUNT_OPENED);
            assertThat(event.accountIds()).hasSize(AccountsChanged.MAX_IDS).doesNotHaveDuplicates()
                    .startsWith(idOf(p + "A0")).endsWith(idOf(p + "A" + (AccountsChanged.MAX_IDS - 1)));
        });
    }

    /** Asserts the last event after commit, and that another connection saw its accounts' records committed. */
    private void assertLast(List<Long> ids, Set<Kind> kinds, long committedRecords) {
        assertThat(afterCommit).isNotEmpty();
        Seen last = afterCommit.getLast();
        assertThat(last.event()).isEqualTo(new AccountsChanged(ids, kinds, false));
        assertThat(last.committedRecords()).as("records of the accounts seen committed").isEqualTo(committedRecords);
    }

    /** Counts the accounts and their bills, payments and adjustments, from another thread and connection. */
    private long committedRecords(List<Long> accountIds) {
        Long[] ids = accountIds.toArray(Long[]::new);
        return CompletableFuture.supplyAsync(() -> jdbc.sql("""
                        select (select count(*) from account where id = any(?))
                             + (select count(*) from bill where account_id = any(?))
                             + (select count(*) from payment where account_id = any(?))
                             + (select count(*) from adjustment where account_id = any(?))""")
                .params(ids, ids, ids, ids).query(Long.class).single()).join();
    }

    private long idOf(String accountRef) {
        return jdbc.sql("select id from account where external_ref = ?").param(accountRef).query(Long.class).single();
    }

    private static RegisterCustomer customer(String ref) {
        return new RegisterCustomer(ref, "Events", CustomerType.PERSON, "en", ZoneId.of("Asia/Shanghai"), List.of());
    }

    private OpenAccount account(String ref) {
        return new OpenAccount(ref, p + "C", ProductLine.TELECOM_POSTPAID, CNY, AccountStatus.ACTIVE,
                LocalDate.of(2025, 1, 1), null);
    }

    private static IssueBill bill(String ref, String accountRef, long amount) {
        return new IssueBill(ref, accountRef, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20), CNY, amount,
                List.of(new BillLine("plan", LineCategory.SERVICE, amount)));
    }
}
