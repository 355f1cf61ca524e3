package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.arrears.contact.dispatch.DispatchFixture.CNY;
import static dev.arrears.contact.dispatch.DispatchFixture.DUE;
import static dev.arrears.contact.dispatch.DispatchFixture.NOW;
import static dev.arrears.contact.dispatch.DispatchFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short sanity figure of dispatch throughput: a few thousand SMS through two workers into the sandbox, with the
 * re-check, the guard, the template renderer and all bookkeeping; prints the rate. The floor asserted is far
 * below the target (2,000 a second) so that a busy shared machine does not fail it.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DispatchThroughputTest {

    private static final int MESSAGES = 4_000;

    @Autowired
    Dispatch dispatch;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;

    @Test
    void thousandsOfSmsGoThroughTwoWorkersWithEveryCheck() throws InterruptedException {
        String p = "TP" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<RegisterCustomer> customers = new ArrayList<>();
        List<OpenAccount> accounts = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            customers.add(new RegisterCustomer(p + "C" + i, "客户" + i, CustomerType.PERSON, "zh-CN",
                    ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+86139" + (10_000_000 + i),
                    Set.of(Channel.SMS), Set.of()))));
            accounts.add(new OpenAccount(p + "A" + i, p + "C" + i, ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null));
            bills.add(new IssueBill(p + "B" + i, p + "A" + i, LocalDate.of(2026, 10, 1), DUE, CNY, 10_000,
                    List.of(new BillLine("套餐费", LineCategory.SERVICE, 10_000))));
        }
        cycles.withoutEventEvaluation(() -> ledger.load(new LedgerBatch(customers, accounts, bills, List.of(),
                List.of())));
        List<Long> ids = jdbc.sql("select id from account where external_ref like ? order by id").param(p + "A%")
                .query(Long.class).list();
        jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                            outcome, updated_at)
                        select id, customer_id, 'OPEN', ?, ?, 0, 'ACTIVE', ? from account where id = any (?)""")
                .params(DUE.plusDays(1), DUE, Timestamp.from(NOW), ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, strategy_version_id, segment, variant, facts, state, created_at,
                            updated_at)
                        select id, account_id, ?, ?, 1, 'SMS', 'SMS', 'overdue_notice', 0, 'bench', 'A', '', 'PLANNED',
                               ?, ? from collection_case where account_id = any (?)""")
                .params(TODAY, TODAY, Timestamp.from(NOW), Timestamp.from(NOW), ids.toArray(Long[]::new)).update();
        DispatchEngine engine = dispatch.engine();

        long started = System.nanoTime();
        assertThat(engine.enqueue(ids).jobs()).isEqualTo(MESSAGES);
        AtomicReference<DispatchReport> total = new AtomicReference<>(DispatchReport.NONE);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            String name = "bench-" + w;
            workers.add(Thread.ofPlatform().start(() -> {
                DispatchReport r = engine.drain(ids, name);
                total.accumulateAndGet(r, DispatchReport::plus);
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long sandbox = jdbc.sql("select count(*) from sandbox_message where account_id = any (?)")
                .param(ids.toArray(Long[]::new)).query(Long.class).single();
        long distinct = jdbc.sql("select count(distinct contact_key) from sandbox_message where account_id = any (?)")
                .param(ids.toArray(Long[]::new)).query(Long.class).single();
        System.out.println(String.format(Locale.ROOT,
                "dispatch channel=sms messages=%d seconds=%.2f per_second=%.0f duplicates=%d lost=%d", MESSAGES,
                seconds, MESSAGES / seconds, sandbox - distinct, MESSAGES - distinct));
        assertThat(total.get().sent()).isEqualTo(MESSAGES);
        assertThat(sandbox).isEqualTo(MESSAGES);
        assertThat(distinct).isEqualTo(MESSAGES);
        assertThat(MESSAGES / seconds).as("messages per second").isGreaterThan(200);
    }
}
