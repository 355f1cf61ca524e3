package dev.arrears.casework;

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
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Call tasks of the workbench tests: an account owing since 2026-10-20 with a phone and an open case, a CALL step
 * due today in a queue of the fixture's own, turned into a call task by a real dispatch run. Unique references:
 * tests share one database.
 */
public final class WorkbenchFixture {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate DUE = LocalDate.of(2026, 10, 20);

    /** The fixture's prefix of references and its queue's name. */
    public final String p = "WB" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Ledger ledger;
    private final Cycles cycles;
    private final JdbcClient jdbc;
    private final Dispatch dispatch;
    private int accounts;

    public WorkbenchFixture(Ledger ledger, Cycles cycles, JdbcClient jdbc, Dispatch dispatch) {
        this.ledger = ledger;
        this.cycles = cycles;
        this.jdbc = jdbc;
        this.dispatch = dispatch;
    }

    /** Returns the fixture's queue. */
    public String queue() {
        return p + "queue";
    }

    /** Creates a call task about a new account of a customer writing in a locale, owing minor units; its id. */
    public long task(String name, String locale, long owingMinor) {
        String ref = p + name;
        long account = cycles.withoutEventEvaluation(() -> {
            ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", name, CustomerType.PERSON, locale,
                    ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE,
                    "+86139" + (10_000_000 + accounts++), Set.of(Channel.SMS, Channel.CALL), Set.of())))));
            long id = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C", ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
            ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 10, 1), DUE, CNY, owingMinor,
                    List.of(new BillLine("套餐费 plan", LineCategory.SERVICE, owingMinor)))));
            long customer = ledger.currentStates(List.of(id)).get(id).customerId();
            jdbc.sql("""
                            insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                                outcome, updated_at)
                            values (?, ?, 'OPEN', ?, ?, 0, 'ACTIVE', ?)""")
                    .params(id, customer, DUE.plusDays(1), DUE, Timestamp.from(NOW)).update();
            return id;
        });
        long caseId = jdbc.sql("select id from collection_case where account_id = ? and status = 'OPEN'")
                .param(account).query(Long.class).single();
        long action = jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, queue, fallback, strategy_version_id, segment, variant, facts, state,
                            created_at, updated_at)
                        values (?, ?, ?, ?, 1, 'CALL_TASK', 'CALL', 'call_script', ?, null, 0, 'test', 'A', '',
                            'PLANNED', ?, ?) returning id""")
                .params(caseId, account, TODAY, TODAY, queue(), Timestamp.from(NOW), Timestamp.from(NOW))
                .query(Long.class).single();
        dispatch.runOnce(List.of(account));
        return jdbc.sql("select id from call_task where planned_action_id = ?").param(action).query(Long.class)
                .single();
    }

    /** Sets a task's priority (the tests order their own queue). */
    public void priority(long taskId, long priority) {
        jdbc.sql("update call_task set priority = ? where id = ?").params(priority, taskId).update();
    }

    /** Returns a task's state and assignee, as "OPEN/ann". */
    public String state(long taskId) {
        return jdbc.sql("select state || '/' || coalesce(assignee, '-') from call_task where id = ?").param(taskId)
                .query(String.class).single();
    }
}
