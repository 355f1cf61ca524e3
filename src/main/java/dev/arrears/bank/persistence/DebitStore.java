package dev.arrears.bank.persistence;

import dev.arrears.bank.DebitViews.BatchStatus;
import dev.arrears.bank.DebitViews.BatchView;
import dev.arrears.bank.DebitViews.InstructionStatus;
import dev.arrears.bank.DebitViews.InstructionView;
import dev.arrears.bank.DebitViews.MandateStatus;
import dev.arrears.bank.DebitViews.MandateView;
import dev.arrears.bank.DebitViews.Scheme;
import dev.arrears.bank.domain.DebitPlanner.History;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of direct debits: mandates ({@code mandate}, one ACTIVE per account by a partial unique index), pain.008
 * batches ({@code debit_batch}) and their collections ({@code debit_instruction}, at most one live per bill by
 * another). Runs that prepare batches take a transaction-level advisory lock, so two never plan the same bill.
 */
@Repository
public class DebitStore {

    /** The advisory lock key of direct debit runs: "ddrun" in ASCII. */
    private static final long RUN_LOCK = 0x646472756eL;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MANDATE_COLUMNS = """
            m.id, m.reference, m.account_id, a.external_ref as account_ref, m.scheme, m.debtor_name, m.debtor_iban,
            m.debtor_bic, m.agreement_id, m.status, m.signed_on, m.created_by, m.created_at, m.revoked_by,
            m.revoked_at, m.revoke_reason""";
    private static final String INSTRUCTION_COLUMNS = """
            i.id, i.end_to_end_id, i.batch_id, i.mandate_id, m.reference as mandate_ref, i.account_id,
            a.external_ref as account_ref, i.bill_id, b.external_ref as bill_ref, i.amount_minor, i.currency,
            i.sequence, i.status, i.payment_id, i.return_reason, i.returned_at""";
    private static final String INSTRUCTION_FROM = """
            from debit_instruction i join mandate m on m.id = i.mandate_id join account a on a.id = i.account_id
            join bill b on b.id = i.bill_id""";

    private final JdbcClient jdbc;

    DebitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A mandate with the debtor's full account, for writing a file. */
    public record ActiveMandate(long id, String reference, long accountId, Scheme scheme, String debtorName,
                                String debtorIban, String debtorBic, String agreementId, LocalDate signedOn,
                                boolean usedBefore) {
    }

    /** A collection to insert. */
    public record NewInstruction(String endToEndId, long batchId, long mandateId, long accountId, long billId,
                                 long amountMinor, String currency, String sequence) {
    }

    /** Serialises runs until the caller's transaction ends. */
    public void lockRuns() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(RUN_LOCK).query(Object.class).optional();
    }

    /** Inserts a mandate and returns its id; the unique indexes refuse a second reference or active mandate. */
    public long insertMandate(String reference, long accountId, Scheme scheme, String debtorName, String iban,
                              String bic, String agreementId, LocalDate signedOn, String by, Instant at) {
        return jdbc.sql("""
                        insert into mandate (reference, account_id, scheme, debtor_name, debtor_iban, debtor_bic,
                            agreement_id, status, signed_on, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?) returning id""")
                .params(reference, accountId, scheme.name(), debtorName, iban, bic, agreementId, Date.valueOf(signedOn),
                        by, Timestamp.from(at))
                .query(Long.class).single();
    }

    public Optional<MandateView> mandate(long id) {
        return jdbc.sql("select " + MANDATE_COLUMNS + " from mandate m join account a on a.id = m.account_id "
                + "where m.id = ?").param(id).query(DebitStore::mandate).optional();
    }

    public Optional<MandateView> mandateByRef(String reference) {
        return jdbc.sql("select " + MANDATE_COLUMNS + " from mandate m join account a on a.id = m.account_id "
                + "where m.reference = ?").param(reference).query(DebitStore::mandate).optional();
    }

    /** Returns an account's mandates, newest first. */
    public List<MandateView> mandatesOf(long accountId) {
        return jdbc.sql("select " + MANDATE_COLUMNS + " from mandate m join account a on a.id = m.account_id "
                + "where m.account_id = ? order by m.id desc").param(accountId).query(DebitStore::mandate).list();
    }

    /** Returns the mandates of accounts given by reference, for a customer's copy of their data. */
    public List<MandateView> mandatesOfAccounts(Collection<String> accountRefs) {
        if (accountRefs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + MANDATE_COLUMNS + " from mandate m join account a on a.id = m.account_id "
                        + "where a.external_ref = any(?) order by m.id")
                .param(accountRefs.toArray(String[]::new)).query(DebitStore::mandate).list();
    }

    /** Replaces the debtor's name and account of the mandates of accounts, and revokes those still active. */
    public int eraseOfAccounts(Collection<String> accountRefs, String erased, Instant at) {
        if (accountRefs.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update mandate m set debtor_name = ?, debtor_iban = null, debtor_bic = null, agreement_id = ?,
                            status = 'REVOKED', revoked_by = coalesce(revoked_by, 'erasure'),
                            revoked_at = coalesce(revoked_at, ?), revoke_reason = coalesce(revoke_reason, 'erased')
                        from account a where a.id = m.account_id and a.external_ref = any(?)""")
                .params(erased, erased, Timestamp.from(at), accountRefs.toArray(String[]::new)).update();
    }

    /** Revokes an active mandate; returns false when it was not active. */
    public boolean revoke(long id, String by, Instant at, String reason) {
        return jdbc.sql("""
                        update mandate set status = 'REVOKED', revoked_by = ?, revoked_at = ?, revoke_reason = ?
                        where id = ? and status = 'ACTIVE'""")
                .params(by, Timestamp.from(at), reason, id).update() == 1;
    }

    /** Returns every active mandate with whether it has collected (or tried to) before. */
    public List<ActiveMandate> activeMandates() {
        return jdbc.sql("""
                        select m.id, m.reference, m.account_id, m.scheme, m.debtor_name, m.debtor_iban, m.debtor_bic,
                            m.agreement_id, m.signed_on,
                            exists (select 1 from debit_instruction i where i.mandate_id = m.id) as used_before
                        from mandate m where m.status = 'ACTIVE' order by m.id""")
                .query((rs, n) -> new ActiveMandate(rs.getLong("id"), rs.getString("reference"),
                        rs.getLong("account_id"), Scheme.valueOf(rs.getString("scheme")), rs.getString("debtor_name"),
                        rs.getString("debtor_iban"), rs.getString("debtor_bic"), rs.getString("agreement_id"),
                        rs.getDate("signed_on").toLocalDate(), rs.getBoolean("used_before")))
                .list();
    }

    /** Returns what was instructed before for each of the bills that has any history. */
    public Map<Long, History> histories(Collection<Long> billIds) {
        Map<Long, History> out = new HashMap<>();
        if (billIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select bill_id, count(*) as presentations,
                            bool_or(status in ('PENDING', 'COLLECTED')) as live
                        from debit_instruction where bill_id = any(?) group by bill_id""")
                .param(billIds.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong("bill_id"), new History(rs.getInt("presentations"), rs.getBoolean("live")));
                });
        return out;
    }

    /** Inserts a batch without its file yet and returns its id. */
    public long insertBatch(String placeholderMessageId, LocalDate collectionDate, String by, Instant at) {
        return jdbc.sql("""
                        insert into debit_batch (message_id, collection_date, transactions, control_sums, status, xml,
                            created_by, created_at)
                        values (?, ?, 0, '{}'::jsonb, 'CREATED', '', ?, ?) returning id""")
                .params(placeholderMessageId, Date.valueOf(collectionDate), by, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Stores a batch's file, message id, count and control sums. */
    public void completeBatch(long id, String messageId, String xml, int transactions, Map<String, String> sums) {
        jdbc.sql("""
                        update debit_batch set message_id = ?, xml = ?, transactions = ?, control_sums = ?::jsonb
                        where id = ?""")
                .params(messageId, xml, transactions, JSON.writeValueAsString(sums), id).update();
    }

    public void insertInstructions(List<NewInstruction> rows) {
        for (NewInstruction r : rows) {
            jdbc.sql("""
                            insert into debit_instruction (end_to_end_id, batch_id, mandate_id, account_id, bill_id,
                                amount_minor, currency, sequence, status)
                            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""")
                    .params(r.endToEndId(), r.batchId(), r.mandateId(), r.accountId(), r.billId(), r.amountMinor(),
                            r.currency(), r.sequence())
                    .update();
        }
    }

    public Optional<BatchView> batch(long id) {
        return jdbc.sql("select * from debit_batch where id = ?").param(id).query(DebitStore::batch).optional();
    }

    /** Locks a batch row until the transaction ends and returns it. */
    public Optional<BatchView> lockBatch(long id) {
        return jdbc.sql("select * from debit_batch where id = ? for update").param(id).query(DebitStore::batch)
                .optional();
    }

    public List<BatchView> batches(int page, int size) {
        return jdbc.sql("select * from debit_batch order by id desc limit ? offset ?")
                .params(size, (long) page * size).query(DebitStore::batch).list();
    }

    public long batchCount() {
        return jdbc.sql("select count(*) from debit_batch").query(Long.class).single();
    }

    public Optional<String> xml(long batchId) {
        return jdbc.sql("select xml from debit_batch where id = ?").param(batchId).query(String.class).optional();
    }

    public void setSubmitted(long id, String by, Instant at) {
        jdbc.sql("update debit_batch set status = 'SUBMITTED', submitted_by = ?, submitted_at = ? where id = ?")
                .params(by, Timestamp.from(at), id).update();
    }

    public void setCollected(long id, String by, Instant at) {
        jdbc.sql("update debit_batch set status = 'COLLECTED', collected_by = ?, collected_at = ? where id = ?")
                .params(by, Timestamp.from(at), id).update();
    }

    public List<InstructionView> instructions(long batchId) {
        return jdbc.sql("select " + INSTRUCTION_COLUMNS + " " + INSTRUCTION_FROM + " where i.batch_id = ? order by i.id")
                .param(batchId).query(DebitStore::instruction).list();
    }

    /** Returns an account's collections, newest first. */
    public List<InstructionView> instructionsOfAccount(long accountId) {
        return jdbc.sql("select " + INSTRUCTION_COLUMNS + " " + INSTRUCTION_FROM
                        + " where i.account_id = ? order by i.id desc")
                .param(accountId).query(DebitStore::instruction).list();
    }

    /** Locks a collection by its end-to-end id until the transaction ends and returns it. */
    public Optional<InstructionView> lockInstruction(String endToEndId) {
        return jdbc.sql("select " + INSTRUCTION_COLUMNS + " " + INSTRUCTION_FROM
                        + " where i.end_to_end_id = ? for update of i")
                .param(endToEndId).query(DebitStore::instruction).optional();
    }

    public Optional<InstructionView> instruction(String endToEndId) {
        return jdbc.sql("select " + INSTRUCTION_COLUMNS + " " + INSTRUCTION_FROM + " where i.end_to_end_id = ?")
                .param(endToEndId).query(DebitStore::instruction).optional();
    }

    public void setInstructionCollected(long id, long paymentId) {
        jdbc.sql("update debit_instruction set status = 'COLLECTED', payment_id = ? where id = ?")
                .params(paymentId, id).update();
    }

    public void setInstructionReturned(long id, InstructionStatus status, String reason, Instant at) {
        jdbc.sql("update debit_instruction set status = ?, return_reason = ?, returned_at = ? where id = ?")
                .params(status.name(), reason, Timestamp.from(at), id).update();
    }

    private static MandateView mandate(ResultSet rs, int row) throws SQLException {
        String iban = rs.getString("debtor_iban");
        return new MandateView(rs.getLong("id"), rs.getString("reference"), rs.getLong("account_id"),
                rs.getString("account_ref"), Scheme.valueOf(rs.getString("scheme")), rs.getString("debtor_name"),
                mask(iban), rs.getString("debtor_bic"), rs.getString("agreement_id"),
                MandateStatus.valueOf(rs.getString("status")), rs.getDate("signed_on").toLocalDate(),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("revoked_by"),
                instant(rs, "revoked_at"), rs.getString("revoke_reason"));
    }

    /** Returns an IBAN as "DE89 …3000": country, check digits and the last four characters. */
    static String mask(String iban) {
        if (iban == null) {
            return null;
        }
        return iban.length() <= 8 ? iban.substring(0, Math.min(4, iban.length())) + " …"
                : iban.substring(0, 4) + " …" + iban.substring(iban.length() - 4);
    }

    private static BatchView batch(ResultSet rs, int row) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>(JSON.readValue(rs.getString("control_sums"),
                new TypeReference<Map<String, String>>() {
                }));
        return new BatchView(rs.getLong("id"), rs.getString("message_id"),
                rs.getDate("collection_date").toLocalDate(), rs.getInt("transactions"), sums,
                BatchStatus.valueOf(rs.getString("status")), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getString("submitted_by"), instant(rs, "submitted_at"), rs.getString("collected_by"),
                instant(rs, "collected_at"));
    }

    private static InstructionView instruction(ResultSet rs, int row) throws SQLException {
        Long payment = rs.getObject("payment_id", Long.class);
        return new InstructionView(rs.getLong("id"), rs.getString("end_to_end_id"), rs.getLong("batch_id"),
                rs.getLong("mandate_id"), rs.getString("mandate_ref"), rs.getLong("account_id"),
                rs.getString("account_ref"), rs.getLong("bill_id"), rs.getString("bill_ref"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("sequence"),
                InstructionStatus.valueOf(rs.getString("status")), payment,
                rs.getString("return_reason"), instant(rs, "returned_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
