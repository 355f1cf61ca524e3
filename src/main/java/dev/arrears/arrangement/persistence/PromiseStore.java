package dev.arrears.arrangement.persistence;

import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code promise} table: promises to pay and what became of them. */
@Component
public class PromiseStore {

    private static final String COLUMNS = """
            select id, account_id, customer_id, case_id, amount_minor, currency, promised_on, grace_days, channel,
                   taken_by, taken_at, taken_on, note, state, paid_minor, ended_on, ended_at, end_reason
            from promise""";

    private final JdbcClient jdbc;

    PromiseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A promise as taken, before it has an id. */
    public record NewPromise(long accountId, long customerId, Long caseId, long amountMinor, String currency,
                             LocalDate promisedOn, int graceDays, PromiseChannel channel, String takenBy,
                             Instant takenAt, LocalDate takenOn, String note) {
    }

    /** Inserts an ACTIVE promise and returns its id. */
    public long insert(NewPromise p) {
        return jdbc.sql("""
                        insert into promise (account_id, customer_id, case_id, amount_minor, currency, promised_on,
                            grace_days, channel, taken_by, taken_at, taken_on, note, state)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE') returning id""")
                .params(p.accountId(), p.customerId(), p.caseId(), p.amountMinor(), p.currency(), p.promisedOn(),
                        p.graceDays(), p.channel().name(), p.takenBy(), Timestamp.from(p.takenAt()), p.takenOn(),
                        p.note())
                .query(Long.class).single();
    }

    /** Returns a promise. */
    public Optional<PromiseView> promise(long id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(PromiseStore::row).optional();
    }

    /** Returns a promise and locks it until the transaction ends. */
    public Optional<PromiseView> lock(long id) {
        return jdbc.sql(COLUMNS + " where id = ? for update").param(id).query(PromiseStore::row).optional();
    }

    /** Returns an account's promises, newest first. */
    public List<PromiseView> ofAccount(long accountId) {
        return jdbc.sql(COLUMNS + " where account_id = ? order by id desc").param(accountId)
                .query(PromiseStore::row).list();
    }

    /** Returns the active promise of an account, locked until the transaction ends. */
    public Optional<PromiseView> lockActive(long accountId) {
        return jdbc.sql(COLUMNS + " where account_id = ? and state = 'ACTIVE' for update").param(accountId)
                .query(PromiseStore::row).optional();
    }

    /** Returns the active promises of accounts (all accounts when {@code accountIds} is null), locked, by id. */
    public List<PromiseView> lockActive(Collection<Long> accountIds) {
        if (accountIds == null) {
            return jdbc.sql(COLUMNS + " where state = 'ACTIVE' order by id for update skip locked")
                    .query(PromiseStore::row).list();
        }
        return jdbc.sql(COLUMNS + " where state = 'ACTIVE' and account_id = any(?) order by id for update skip locked")
                .param(accountIds.toArray(Long[]::new)).query(PromiseStore::row).list();
    }

    /** Ends an active promise as KEPT, BROKEN or CANCELLED; false when it was no longer active. */
    public boolean end(long id, String state, long paidMinor, LocalDate on, Instant at, String reason) {
        return jdbc.sql("""
                        update promise set state = ?, paid_minor = ?, ended_on = ?, ended_at = ?, end_reason = ?
                        where id = ? and state = 'ACTIVE'""")
                .params(state, paidMinor, on, Timestamp.from(at), reason, id).update() == 1;
    }

    /** Returns whether an account has an active promise. */
    public boolean hasActive(long accountId) {
        return jdbc.sql("select exists (select 1 from promise where account_id = ? and state = 'ACTIVE')")
                .param(accountId).query(Boolean.class).single();
    }

    /** Records what an active promise has been paid so far. */
    public void paid(long id, long paidMinor) {
        jdbc.sql("update promise set paid_minor = ? where id = ? and state = 'ACTIVE'").params(paidMinor, id).update();
    }

    private static PromiseView row(ResultSet rs, int n) throws SQLException {
        Timestamp ended = rs.getTimestamp(17);
        return new PromiseView(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4), rs.getLong(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getInt(8),
                PromiseChannel.valueOf(rs.getString(9)), rs.getString(10), rs.getTimestamp(11).toInstant(),
                rs.getObject(12, LocalDate.class), rs.getString(13), rs.getString(14), rs.getLong(15),
                rs.getObject(16, LocalDate.class), ended == null ? null : ended.toInstant(), rs.getString(18));
    }
}
