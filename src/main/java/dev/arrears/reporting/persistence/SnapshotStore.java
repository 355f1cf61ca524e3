package dev.arrears.reporting.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;

/**
 * Writes the dashboard's daily figures: one aggregate statement per metric over a range of dates (one day for the
 * daily step, a whole history for the backfill), each replacing what the range held, so that writing a date twice
 * leaves the same rows. Reads the cycle's, the ledger's and the arrangements' tables directly: this is a read model,
 * and a set-based statement per metric is what keeps a day cheap at a million accounts. Dates are the cycle's local
 * dates (the {@code as_of} of the cycle run), never instants.
 */
public final class SnapshotStore {

    /** The product line, strategy and variant of a case: the dimensions every row carries ('-' for none). */
    private static final String CASE_DIMENSIONS = "a.product_line, coalesce(c.strategy, '-'), coalesce(c.variant, '-')";

    /** The aging bucket of a state row on a date: the ledger's buckets (AgingBucket), 0 CURRENT … 5 181+. */
    private static final String BUCKET = """
            case when s.oldest_overdue_due is null or ?::date - s.oldest_overdue_due <= 0 then 0
                 when ?::date - s.oldest_overdue_due <= 30 then 1 when ?::date - s.oldest_overdue_due <= 60 then 2
                 when ?::date - s.oldest_overdue_due <= 90 then 3 when ?::date - s.oldest_overdue_due <= 180 then 4
                 else 5 end""";

    /** Days after opening at which the success rate looks at a case's cohort. */
    public static final int[] SUCCESS_DAYS = {30, 60, 90};

    /** Days back the contact figures are rewritten: dispatch may settle a day's contacts later than that day. */
    public static final int CONTACT_SETTLE_DAYS = 7;

    private final JdbcClient jdbc;

    public SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the case, promise and contact flows of the dates from {@code from} to {@code to} (inclusive). */
    public void writeFlows(LocalDate from, LocalDate to) {
        jdbc.sql("delete from kpi_daily where as_of between ? and ?").params(from, to).update();
        casesOpened(from, to);
        casesClosed(from, to);
        cureDays(from, to);
        success(from, to);
        casesOpen(from, to);
        promises(from, to);
        contacts(from, to);
    }

    /** Replaces only the contact figures of a range: late dispatch results of days already written. */
    public void rewriteContacts(LocalDate from, LocalDate to) {
        jdbc.sql("delete from kpi_daily where metric = 'CONTACT' and as_of between ? and ?").params(from, to).update();
        contacts(from, to);
    }

    /** CASES_OPENED: cases opened on the date (count). */
    private void casesOpened(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select c.opened_on, %s, 'CASES_OPENED', '', 0, count(*)
                        from collection_case c join account a on a.id = c.account_id
                        where c.opened_on between ? and ?
                        group by 1, 2, 3, 4""".formatted(CASE_DIMENSIONS))
                .params(from, to).update();
    }

    /** CASES_CLOSED: cases closed on the date, by close reason (count). */
    private void casesClosed(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select c.closed_on, %s, 'CASES_CLOSED', coalesce(c.close_reason, '-'), 0, count(*)
                        from collection_case c join account a on a.id = c.account_id
                        where c.closed_on between ? and ?
                        group by 1, 2, 3, 4, 6""".formatted(CASE_DIMENSIONS))
                .params(from, to).update();
    }

    /** CURE_DAYS: cases closed CURED on the date, by whole days from opening to cure (key; count). */
    private void cureDays(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select c.closed_on, %s, 'CURE_DAYS', (c.closed_on - c.opened_on)::text, 0, count(*)
                        from collection_case c join account a on a.id = c.account_id
                        where c.closed_on between ? and ? and c.close_reason = 'CURED'
                        group by 1, 2, 3, 4, 6""".formatted(CASE_DIMENSIONS))
                .params(from, to).update();
    }

    /**
     * SUCCESS (key 30, 60, 90): the cohort of cases opened N days before the date; value = those cured within N
     * days of opening, count = the cohort. A cohort is counted on the day it reaches N days, once.
     */
    private void success(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select c.opened_on + n.days, %s, 'SUCCESS', n.days::text,
                               count(*) filter (where c.close_reason = 'CURED' and c.closed_on - c.opened_on <= n.days),
                               count(*)
                        from collection_case c join account a on a.id = c.account_id
                        cross join unnest(?::int[]) as n(days)
                        where c.opened_on between ?::date - 90 and ?::date - 30
                          and c.opened_on + n.days between ? and ?
                        group by 1, 2, 3, 4, 6""".formatted(CASE_DIMENSIONS))
                .params(SUCCESS_DAYS, from, to, from, to).update();
    }

    /** CASES_OPEN: cases open at the end of the date (a stock, count). */
    private void casesOpen(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select d.day, %s, 'CASES_OPEN', '', 0, count(*)
                        from collection_case c join account a on a.id = c.account_id
                        join generate_series(?::date, ?::date, interval '1 day') as g(t) on true
                        cross join lateral (select g.t::date as day) d
                        where c.opened_on <= d.day and (c.closed_on is null or c.closed_on > d.day)
                          and (c.status = 'OPEN' or c.closed_on > ?::date)
                        group by 1, 2, 3, 4""".formatted(CASE_DIMENSIONS))
                .params(from, to, from).update();
    }

    /** PROMISE (key KEPT or BROKEN): promises that ended kept or broken on the date (count); cancelled ones not. */
    private void promises(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select p.ended_on, %s, 'PROMISE', p.state, 0, count(*)
                        from promise p join account a on a.id = p.account_id
                        left join collection_case c on c.id = p.case_id
                        where p.ended_on between ? and ? and p.state in ('KEPT', 'BROKEN')
                        group by 1, 2, 3, 4, 6""".formatted(CASE_DIMENSIONS))
                .params(from, to).update();
    }

    /**
     * CONTACT (key: the channel): contact actions the cycle planned on the date; count = attempted (handed to a
     * channel: SENT, DONE or FAILED), value = delivered (SENT or DONE). Cancelled and still pending ones count not.
     */
    private void contacts(LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into kpi_daily (as_of, product_line, strategy, variant, metric, key, value, count)
                        select p.planned_on, a.product_line, coalesce(c.strategy, '-'), p.variant, 'CONTACT', p.channel,
                               count(*) filter (where p.state in ('SENT', 'DONE')),
                               count(*) filter (where p.state in ('SENT', 'DONE', 'FAILED'))
                        from planned_action p join account a on a.id = p.account_id
                        left join collection_case c on c.id = p.case_id
                        where p.planned_on between ? and ? and p.channel is not null
                        group by 1, 2, 3, 4, 6
                        having count(*) filter (where p.state in ('SENT', 'DONE', 'FAILED')) > 0""")
                .params(from, to).update();
    }

    /**
     * Replaces the aging of a date from the ledger's state rows valid on it, by product line, the open case's
     * strategy and variant, currency and bucket; returns how many state rows were not valid on the date (left out).
     */
    public long writeAging(LocalDate asOf) {
        jdbc.sql("delete from aging_daily where as_of = ?").param(asOf).update();
        jdbc.sql("""
                        insert into aging_daily (as_of, product_line, strategy, variant, currency, bucket, accounts,
                                                 balance_minor, overdue_minor)
                        select ?::date, s.product_line, coalesce(c.strategy, '-'), coalesce(c.variant, '-'), s.currency,
                               %s, count(*), sum(s.balance_minor), sum(s.overdue_minor)
                        from account_state s
                        left join collection_case c on c.account_id = s.account_id and c.status = 'OPEN'
                        where s.as_of <= ?::date and (s.valid_until is null or ?::date < s.valid_until)
                        group by 1, 2, 3, 4, 5, 6""".formatted(BUCKET))
                .params(asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf).update();
        return jdbc.sql("""
                        select count(*) from account_state s
                        where not (s.as_of <= ?::date and (s.valid_until is null or ?::date < s.valid_until))""")
                .params(asOf, asOf).query(Long.class).single();
    }

    /**
     * Takes the month's roll-rate base on the first cycle date of a month: records the moves from the previous base
     * (labelled with the previous base's month) and replaces the base with every account's bucket on the date.
     * Returns false when the month's base was already taken (nothing done).
     */
    public boolean rollMonth(LocalDate asOf) {
        LocalDate month = asOf.withDayOfMonth(1);
        boolean taken = jdbc.sql("select exists (select 1 from roll_base where taken_on >= ?)").param(month)
                .query(Boolean.class).single();
        if (taken) {
            return false;
        }
        String current = """
                select s.account_id, s.product_line, coalesce(c.strategy, '-') as strategy,
                       coalesce(c.variant, '-') as variant, %s as bucket
                from account_state s
                left join collection_case c on c.account_id = s.account_id and c.status = 'OPEN'
                where s.as_of <= ?::date and (s.valid_until is null or ?::date < s.valid_until)""".formatted(BUCKET);
        jdbc.sql("""
                        insert into roll_monthly (month, from_on, to_on, product_line, strategy, variant, from_bucket,
                                                  to_bucket, accounts)
                        select date_trunc('month', b.taken_on)::date, b.taken_on, ?::date, b.product_line, b.strategy,
                               b.variant, b.bucket, n.bucket, count(*)
                        from roll_base b join (%s) n on n.account_id = b.account_id
                        group by 1, 2, 3, 4, 5, 6, 7, 8
                        on conflict do nothing""".formatted(current))
                .params(asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf).update();
        jdbc.sql("delete from roll_base").update();
        jdbc.sql("""
                        insert into roll_base (account_id, taken_on, product_line, strategy, variant, bucket)
                        select n.account_id, ?::date, n.product_line, n.strategy, n.variant, n.bucket from (%s) n"""
                        .formatted(current))
                .params(asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf).update();
        return true;
    }
}
