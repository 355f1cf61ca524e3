package dev.arrears.reporting;

import dev.arrears.ledger.Commands;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Hand-built collection history for the reporting tests: customers and accounts written straight into the tables
 * without a ledger state row (so no cycle run of another test evaluates them), and cases, promises and contact
 * actions with exactly the dates a test needs. Every case carries the fixture's own strategy name, which the tests
 * filter by, since all tests share one database.
 */
public final class Fixture {

    final JdbcClient jdbc;
    final String strategy = "dash-" + UUID.randomUUID().toString().substring(0, 8);

    Fixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Loads accounts through the ledger (so that they have state rows and appear in the aging): each a utility
     * account with one bill, due 20 days before the test clock's date for every other account, later for the rest.
     */
    public static void ledgerAccounts(dev.arrears.ledger.Ledger ledger, int count) {
        java.util.List<Commands.RegisterCustomer> customers = new java.util.ArrayList<>();
        java.util.List<Commands.OpenAccount> accounts = new java.util.ArrayList<>();
        java.util.List<Commands.IssueBill> bills = new java.util.ArrayList<>();
        LocalDate today = LocalDate.of(2026, 11, 23);
        for (int i = 0; i < count; i++) {
            String ref = "dash-ledger-" + UUID.randomUUID();
            customers.add(new Commands.RegisterCustomer(ref, "Dashboard Ledger " + i, Commands.CustomerType.PERSON,
                    "en", java.time.ZoneId.of("Asia/Shanghai"), java.util.List.of()));
            accounts.add(new Commands.OpenAccount(ref, ref, Commands.ProductLine.UTILITY,
                    java.util.Currency.getInstance("CNY"), Commands.AccountStatus.ACTIVE, today.minusDays(90), null));
            LocalDate due = i % 2 == 0 ? today.minusDays(20) : today.plusDays(10);
            bills.add(new Commands.IssueBill(ref + "-b", ref, due.minusDays(15), due,
                    java.util.Currency.getInstance("CNY"), 5000,
                    java.util.List.of(new Commands.BillLine("Water", Commands.LineCategory.SERVICE, 5000))));
        }
        ledger.load(new dev.arrears.ledger.LedgerBatch(customers, accounts, bills, java.util.List.of(),
                java.util.List.of()));
    }

    /** Writes a customer and an account of a product line; returns the account id. */
    long account(String productLine) {
        String ref = "dash-" + UUID.randomUUID();
        long customer = jdbc.sql("""
                        insert into customer (external_ref, name, type, locale, time_zone, created_at)
                        values (?, 'Dashboard Test', 'PERSON', 'en', 'Asia/Shanghai', now()) returning id""")
                .param(ref).query(Long.class).single();
        return jdbc.sql("""
                        insert into account (external_ref, customer_id, product_line, currency, status, opened_on,
                                             created_at)
                        values (?, ?, ?, 'CNY', 'ACTIVE', date '2025-01-01', now()) returning id""")
                .params(ref, customer, productLine).query(Long.class).single();
    }

    /** Writes a case opened on a date, closed with a reason on another (null: still open); returns its id. */
    long caseOf(long account, String variant, LocalDate opened, LocalDate closed, String reason) {
        return jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, closed_on, close_reason,
                                                     strategy, variant, outcome, updated_at)
                        select a.id, a.customer_id, ?, ?, ?, ?, ?, ?, 'ACTIVE', now() from account a where a.id = ?
                        returning id""")
                .params(closed == null ? "OPEN" : "CLOSED", opened, closed, reason, strategy, variant, account)
                .query(Long.class).single();
    }

    /** Writes a promise on a case that ended on a date in a state (KEPT, BROKEN or CANCELLED). */
    void promise(long caseId, String state, LocalDate ended) {
        jdbc.sql("""
                        insert into promise (account_id, customer_id, case_id, amount_minor, currency, promised_on,
                                             grace_days, channel, taken_by, taken_at, taken_on, state, ended_on)
                        select c.account_id, c.customer_id, c.id, 1000, 'CNY', ?, 1, 'CALL', 'test', now(), ?, ?, ?
                        from collection_case c where c.id = ?""")
                .params(ended.minusDays(1), ended.minusDays(3), state, ended, caseId).update();
    }

    /** Writes a contact action of a case planned on a date on a channel, in a state (SENT, FAILED, CANCELLED …). */
    void contact(long caseId, LocalDate planned, String channel, String state) {
        jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action, channel,
                                                    strategy_version_id, segment, variant, facts, state, created_at,
                                                    updated_at)
                        select c.id, c.account_id, ?, ?, (select count(*) + 1 from planned_action p where p.case_id = c.id),
                               ?, ?, 0, 'test', c.variant, '', ?, ?, ?
                        from collection_case c where c.id = ?""")
                .params(planned, planned, channel.equals("CALL") ? "CALL_TASK" : channel, channel, state,
                        Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), caseId)
                .update();
    }
}
