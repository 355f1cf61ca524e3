package dev.arrears.contact.dispatch;

import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Accounts with an overdue bill, an open case and planned contacts, written straight into the cycle's tables so
 * that a test controls exactly what is due (the ledger writes do not re-evaluate through the strategies). Unique
 * references per fixture: tests share one database.
 */
final class DispatchFixture {

    static final Currency CNY = Currency.getInstance("CNY");
    /** The tests' clock: 2026-11-23T04:00:00Z, noon in Asia/Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final LocalDate DUE = LocalDate.of(2026, 10, 20);

    final String p = "D" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final Ledger ledger;
    final Cycles cycles;
    final JdbcClient jdbc;
    final List<Long> accounts = new ArrayList<>();

    DispatchFixture(Ledger ledger, Cycles cycles, JdbcClient jdbc) {
        this.ledger = ledger;
        this.cycles = cycles;
        this.jdbc = jdbc;
    }

    /** An account owing 100.00 CNY since {@link #DUE}, with a phone (SMS, CALL) and an e-mail, and an open case. */
    long account(String name) {
        return account(name, List.of(
                new ContactPoint(ContactKind.PHONE, "+86138" + (10_000_000 + accounts.size()), Set.of(Channel.SMS,
                        Channel.CALL), Set.of()),
                new ContactPoint(ContactKind.EMAIL, name.toLowerCase() + "@example.cn", Set.of(Channel.EMAIL),
                        Set.of())));
    }

    /** An account owing 100.00 CNY since {@link #DUE} with the given contact points, and an open case. */
    long account(String name, List<ContactPoint> points) {
        return account(name, "zh-CN", points);
    }

    /** An account of a customer writing in a locale, owing 100.00 CNY since {@link #DUE}, with an open case. */
    long account(String name, String locale, List<ContactPoint> points) {
        String ref = p + name;
        return cycles.withoutEventEvaluation(() -> {
            ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", name, CustomerType.PERSON, locale,
                    ZoneId.of("Asia/Shanghai"), points)));
            long id = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C", ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
            ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 10, 1), DUE, CNY, 10_000,
                    List.of(new BillLine("套餐费 plan", LineCategory.SERVICE, 10_000)))));
            long customer = ledger.currentStates(List.of(id)).get(id).customerId();
            jdbc.sql("""
                            insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                                outcome, updated_at)
                            values (?, ?, 'OPEN', ?, ?, 0, 'ACTIVE', ?)""")
                    .params(id, customer, DUE.plusDays(1), DUE, Timestamp.from(NOW)).update();
            accounts.add(id);
            return id;
        });
    }

    /** Plans a contact due today on the account's open case; returns the planned action id. */
    long plan(long accountId, String action, String channel, String fallback, String template) {
        long caseId = jdbc.sql("select id from collection_case where account_id = ? and status = 'OPEN'")
                .param(accountId).query(Long.class).single();
        int step = jdbc.sql("select coalesce(max(step), 0) + 1 from planned_action where case_id = ?").param(caseId)
                .query(Integer.class).single();
        return jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, queue, fallback, strategy_version_id, segment, variant, facts, state,
                            created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'test', 'A', '', 'PLANNED', ?, ?) returning id""")
                .params(caseId, accountId, TODAY, TODAY, step, action, channel, template,
                        "CALL".equals(channel) ? p + "queue" : null, fallback, Timestamp.from(NOW),
                        Timestamp.from(NOW))
                .query(Long.class).single();
    }

    /** Plans an SMS reminder; returns the planned action id. */
    long sms(long accountId) {
        return plan(accountId, "SMS", "SMS", null, "overdue_notice");
    }

    /** Posts a payment of the given minor units to the account, with event evaluation as in production. */
    void pay(String name, long minor) {
        ledger.postPayments(List.of(new PostPayment(p + name + "-P" + UUID.randomUUID().toString().substring(0, 6),
                p + name, minor, CNY, NOW.minusSeconds(60), PaymentMethod.ALIPAY, null)));
    }

    /** Returns the state of a planned action. */
    String actionState(long actionId) {
        return jdbc.sql("select state from planned_action where id = ?").param(actionId).query(String.class).single();
    }

    /** Counts the sandbox messages of an account on a channel. */
    long sandbox(long accountId, Channel channel) {
        return jdbc.sql("select count(*) from sandbox_message where account_id = ? and channel = ?")
                .params(accountId, channel.name()).query(Long.class).single();
    }

    /** Counts the contact history rows of an account. */
    long contacts(long accountId) {
        return jdbc.sql("select count(*) from contact_attempt where account_id = ?").param(accountId)
                .query(Long.class).single();
    }

    /** Returns an engine like {@code base} with other senders, clock and settings. */
    static DispatchEngine variant(DispatchEngine base, UnaryOperator<ChannelSenders> senders, Clock clock,
                                  UnaryOperator<DispatchSettings> settings) {
        DispatchEngine.Parts p = base.parts();
        return new DispatchEngine(new DispatchEngine.Parts(p.jdbc(), p.transactionManager(), p.ledger(), p.cycles(),
                p.guard(), p.renderer(), senders.apply(p.senders()), settings.apply(p.settings()), clock, p.events(),
                p.risk(), p.sources()));
    }
}
