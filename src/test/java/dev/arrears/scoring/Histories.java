package dev.arrears.scoring;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Hand-built account histories for scoring tests, written straight into the ledger's and the other modules'
 * tables (episodes included, so each feature's rule is tested on exactly the rows given). References are unique
 * per instance: tests share one database.
 */
final class Histories {

    private final JdbcClient jdbc;
    private final String p = "SC" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private int seq;

    Histories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private String ref() {
        return p + (++seq);
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }

    long customer(String zone) {
        return jdbc.sql("""
                        insert into customer (external_ref, name, type, locale, time_zone, created_at)
                        values (?, '王芳', 'PERSON', 'zh-CN', ?, now()) returning id""")
                .params(ref(), zone).query(Long.class).single();
    }

    long account(long customer, String productLine, LocalDate openedOn, Long creditLimitMinor) {
        return jdbc.sql("""
                        insert into account (external_ref, customer_id, product_line, currency, status, opened_on,
                                             credit_limit_minor, created_at)
                        values (?, ?, ?, 'CNY', 'ACTIVE', ?, ?, now()) returning id""")
                .params(ref(), customer, productLine, openedOn, creditLimitMinor).query(Long.class).single();
    }

    void bill(long account, LocalDate issued, LocalDate due, long totalMinor) {
        jdbc.sql("""
                        insert into bill (external_ref, account_id, issue_date, due_date, currency, total_minor, lines,
                                          created_at)
                        values (?, ?, ?, ?, 'CNY', ?, '[]', now())""")
                .params(ref(), account, issued, due, totalMinor).update();
    }

    void payment(long account, String receivedAt, long amountMinor, String reversedAt) {
        jdbc.sql("""
                        insert into payment (external_ref, account_id, amount_minor, currency, received_at, method,
                                             reversed_at, created_at)
                        values (?, ?, ?, 'CNY', ?, 'BANK_TRANSFER', ?, now())""")
                .params(ref(), account, amountMinor, ts(receivedAt), reversedAt == null ? null : ts(reversedAt))
                .update();
    }

    void adjustment(long account, String type, long amountMinor, LocalDate effective) {
        jdbc.sql("""
                        insert into adjustment (external_ref, account_id, type, amount_minor, currency, reason,
                                                effective_date, created_at)
                        values (?, ?, ?, ?, 'CNY', 'test', ?, now())""")
                .params(ref(), account, type, amountMinor, effective).update();
    }

    void episode(long account, LocalDate started, LocalDate ended, int maxDpd) {
        jdbc.sql("""
                        insert into delinquency_episode (account_id, started_on, ended_on, max_days_past_due)
                        values (?, ?, ?, ?)
                        on conflict (account_id, started_on) do update
                            set ended_on = excluded.ended_on, max_days_past_due = excluded.max_days_past_due""")
                .params(account, started, ended, maxDpd).update();
    }

    void promise(long account, long customer, String state, LocalDate takenOn, LocalDate endedOn) {
        jdbc.sql("""
                        insert into promise (account_id, customer_id, amount_minor, currency, promised_on, grace_days,
                                             channel, taken_by, taken_at, taken_on, state, ended_on)
                        values (?, ?, 1000, 'CNY', ?, 2, 'CALL', 'test', now(), ?, ?, ?)""")
                .params(account, customer, takenOn.plusDays(7), takenOn, state, endedOn).update();
    }

    void dispute(long customer, String debtId, String setAt, String clearedAt) {
        jdbc.sql("""
                        insert into debtor_flag (customer_id, flag, debt_id, set_at, set_by, cleared_at, cleared_by)
                        values (?, 'DISPUTE_OPEN', ?, ?, 'test', ?, ?)""")
                .params(customer, debtId, ts(setAt), clearedAt == null ? null : ts(clearedAt),
                        clearedAt == null ? null : "test").update();
    }

    void contact(long customer, long account, String at) {
        jdbc.sql("""
                        insert into contact_attempt (customer_id, account_id, channel, direction, at, debt_ids,
                                                     created_at)
                        values (?, ?, 'SMS', 'OUTBOUND', ?, array[?::text], now())""")
                .params(customer, account, ts(at), Long.toString(account)).update();
    }

    /** Writes a current-state row (what the scoring run's selection of owing accounts reads). */
    void state(long account, LocalDate asOf, long balanceMinor) {
        jdbc.sql("""
                        insert into account_state (account_id, product_line, currency, time_zone, as_of, balance_minor,
                                                   overdue_minor, credit_minor, days_past_due, bucket, episodes,
                                                   updated_at)
                        values (?, 'TELECOM_POSTPAID', 'CNY', 'Asia/Shanghai', ?, ?, 0, 0, 0, 'CURRENT', 0, now())
                        on conflict (account_id) do update set as_of = excluded.as_of,
                            balance_minor = excluded.balance_minor""")
                .params(account, asOf, balanceMinor).update();
    }
}
