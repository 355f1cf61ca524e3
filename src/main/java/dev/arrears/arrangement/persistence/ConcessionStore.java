package dev.arrears.arrangement.persistence;

import dev.arrears.arrangement.ConcessionViews.ApprovalView;
import dev.arrears.arrangement.ConcessionViews.SettlementView;
import dev.arrears.arrangement.ConcessionViews.WaiverView;
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

/** The {@code settlement}, {@code waiver} and {@code approval} tables. */
@Component
public class ConcessionStore {

    private static final String SETTLEMENT = """
            select s.id, s.account_id, s.customer_id, s.currency, s.balance_minor, s.amount_minor, s.discount_minor,
                   s.valid_until, s.reason, s.state, s.made_by, s.made_at, s.offered_at, s.paid_minor,
                   s.written_off_minor, s.ended_on, s.end_reason, a.id
            from settlement s left join approval a on a.kind = 'SETTLEMENT' and a.subject_id = s.id""";
    private static final String WAIVER = """
            select w.id, w.account_id, w.customer_id, w.bill_ref, w.currency, w.amount_minor, w.reason, w.state,
                   w.made_by, w.made_at, w.adjustment_id, a.id
            from waiver w left join approval a on a.kind = 'WAIVER' and a.subject_id = w.id""";
    private static final String APPROVAL = """
            select id, kind, subject_id, account_id, amount_minor, currency, required_role, state, maker, made_at,
                   checker, decided_at, note
            from approval""";

    private final JdbcClient jdbc;

    ConcessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a settlement awaiting approval; returns its id. */
    public long insertSettlement(long accountId, long customerId, String currency, long balanceMinor,
                                 long amountMinor, LocalDate validUntil, String reason, String maker, Instant at) {
        return jdbc.sql("""
                        insert into settlement (account_id, customer_id, currency, balance_minor, amount_minor,
                            discount_minor, valid_until, reason, state, made_by, made_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING_APPROVAL', ?, ?) returning id""")
                .params(accountId, customerId, currency, balanceMinor, amountMinor, balanceMinor - amountMinor,
                        validUntil, reason, maker, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Inserts a waiver awaiting approval; returns its id. */
    public long insertWaiver(long accountId, long customerId, String billRef, String currency, long amountMinor,
                             String reason, String maker, Instant at) {
        return jdbc.sql("""
                        insert into waiver (account_id, customer_id, bill_ref, currency, amount_minor, reason, state,
                            made_by, made_at)
                        values (?, ?, ?, ?, ?, ?, 'PENDING_APPROVAL', ?, ?) returning id""")
                .params(accountId, customerId, billRef, currency, amountMinor, reason, maker, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Inserts a pending approval; returns its id. */
    public long insertApproval(String kind, long subjectId, long accountId, long amountMinor, String currency,
                               String requiredRole, String maker, Instant at) {
        return jdbc.sql("""
                        insert into approval (kind, subject_id, account_id, amount_minor, currency, required_role,
                            state, maker, made_at)
                        values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) returning id""")
                .params(kind, subjectId, accountId, amountMinor, currency, requiredRole, maker, Timestamp.from(at))
                .query(Long.class).single();
    }

    public Optional<SettlementView> settlement(long id) {
        return jdbc.sql(SETTLEMENT + " where s.id = ?").param(id).query(ConcessionStore::settlement).optional();
    }

    public List<SettlementView> settlements(long accountId) {
        return jdbc.sql(SETTLEMENT + " where s.account_id = ? order by s.id desc").param(accountId)
                .query(ConcessionStore::settlement).list();
    }

    /** Returns the account's settlement awaiting approval or offered, if any. */
    public Optional<SettlementView> openSettlement(long accountId) {
        return jdbc.sql(SETTLEMENT + " where s.account_id = ? and s.state in ('PENDING_APPROVAL', 'OFFERED')")
                .param(accountId).query(ConcessionStore::settlement).optional();
    }

    /** Returns offered settlements (of some accounts, or all when null), locked until the transaction ends. */
    public List<SettlementView> lockOffered(Collection<Long> accountIds) {
        String where = accountIds == null ? "" : " and s.account_id = any(?)";
        var spec = jdbc.sql(SETTLEMENT + " where s.state = 'OFFERED'" + where
                + " order by s.id for update of s skip locked");
        if (accountIds != null) {
            spec = spec.param(accountIds.toArray(Long[]::new));
        }
        return spec.query(ConcessionStore::settlement).list();
    }

    /** Moves a settlement from one state to another; false when it was not in {@code from}. */
    public boolean settlementState(long id, String from, String to, Instant offeredAt, LocalDate endedOn,
                                   String endReason) {
        return jdbc.sql("""
                        update settlement set state = ?, offered_at = coalesce(?, offered_at), ended_on = ?,
                            end_reason = ?
                        where id = ? and state = ?""")
                .params(to, offeredAt == null ? null : Timestamp.from(offeredAt), endedOn, endReason, id, from)
                .update() == 1;
    }

    /** Records a paid settlement: what came in and what was written off. */
    public void settlementPaid(long id, long paidMinor, long writtenOffMinor, LocalDate on, String reason) {
        jdbc.sql("""
                        update settlement set state = 'PAID', paid_minor = ?, written_off_minor = ?, ended_on = ?,
                            end_reason = ?
                        where id = ? and state = 'OFFERED'""")
                .params(paidMinor, writtenOffMinor, on, reason, id).update();
    }

    /** Records what an offered settlement has been paid so far. */
    public void settlementProgress(long id, long paidMinor) {
        jdbc.sql("update settlement set paid_minor = ? where id = ? and state = 'OFFERED'").params(paidMinor, id)
                .update();
    }

    public Optional<WaiverView> waiver(long id) {
        return jdbc.sql(WAIVER + " where w.id = ?").param(id).query(ConcessionStore::waiver).optional();
    }

    public List<WaiverView> waivers(long accountId) {
        return jdbc.sql(WAIVER + " where w.account_id = ? order by w.id desc").param(accountId)
                .query(ConcessionStore::waiver).list();
    }

    /** Ends a waiver awaiting approval as APPLIED (with its adjustment) or REJECTED. */
    public boolean waiverState(long id, String to, Long adjustmentId) {
        return jdbc.sql("update waiver set state = ?, adjustment_id = ? where id = ? and state = 'PENDING_APPROVAL'")
                .params(to, adjustmentId, id).update() == 1;
    }

    public Optional<ApprovalView> approval(long id) {
        return jdbc.sql(APPROVAL + " where id = ?").param(id).query(ConcessionStore::approval).optional();
    }

    public Optional<ApprovalView> lockApproval(long id) {
        return jdbc.sql(APPROVAL + " where id = ? for update").param(id).query(ConcessionStore::approval).optional();
    }

    /** Lists approvals in a state (null: all), oldest first for PENDING, newest first otherwise. */
    public List<ApprovalView> approvals(String state, int limit) {
        if (state == null) {
            return jdbc.sql(APPROVAL + " order by id desc limit ?").param(limit).query(ConcessionStore::approval)
                    .list();
        }
        return jdbc.sql(APPROVAL + " where state = ? order by id " + (state.equals("PENDING") ? "asc" : "desc")
                + " limit ?").params(state, limit).query(ConcessionStore::approval).list();
    }

    /** Decides a pending approval; false when it was decided meanwhile. */
    public boolean decide(long id, String state, String checker, Instant at, String note) {
        return jdbc.sql("""
                        update approval set state = ?, checker = ?, decided_at = ?, note = ?
                        where id = ? and state = 'PENDING'""")
                .params(state, checker, Timestamp.from(at), note, id).update() == 1;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static SettlementView settlement(ResultSet rs, int n) throws SQLException {
        return new SettlementView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getObject(8, LocalDate.class), rs.getString(9), rs.getString(10),
                rs.getString(11), instant(rs, 12), instant(rs, 13), rs.getLong(14), (Long) rs.getObject(15),
                rs.getObject(16, LocalDate.class), rs.getString(17), (Long) rs.getObject(18));
    }

    private static WaiverView waiver(ResultSet rs, int n) throws SQLException {
        return new WaiverView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                (Long) rs.getObject(11), (Long) rs.getObject(12));
    }

    private static ApprovalView approval(ResultSet rs, int n) throws SQLException {
        return new ApprovalView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                rs.getString(11), instant(rs, 12), rs.getString(13));
    }
}
