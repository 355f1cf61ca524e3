package dev.arrears.bank.persistence;

import dev.arrears.bank.BankViews.EntryKind;
import dev.arrears.bank.BankViews.EntryState;
import dev.arrears.bank.BankViews.EntryView;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.BankViews.Page;
import dev.arrears.bank.domain.BankCredit;
import dev.arrears.shared.CopyRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of bank reconciliation: imports ({@code bank_import}) and entries ({@code bank_entry}, whose unique
 * {@code dedup_key} makes a booking post once). Imports take a transaction-level advisory lock, so that two imports
 * never decide about the same booking at once; entries are written with one COPY per file.
 */
@Repository
public class BankStore {

    /** The advisory lock key of imports: "bank" in ASCII. */
    private static final long IMPORT_LOCK = 0x62616e6bL;
    private static final String IMPORT_COLUMNS = """
            id, file_name, sha256, kind, schema_version, message_id, entries, credits, returns, not_booked,
            debits_ignored, duplicates, posted, unmatched, reversed, imported_by, imported_at""";
    private static final String ENTRY_COLUMNS = """
            id, import_id, kind, state, bank_account, servicer_ref, entry_number, tx_number, amount_minor, currency,
            booking_date, value_date, end_to_end_id, debtor_name, structured_ref, remittance, rule, confidence,
            account_ref, bill_ref, reason, payment_ref, decided_by, decided_at, note""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    BankStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** An entry to write: the credit, where it stands and its match. */
    public record NewEntry(long importId, BankCredit credit, EntryState state, String rule, Double confidence,
                           String accountRef, String billRef, String reason, String paymentRef, Long paymentId) {
    }

    /** A posted credit that a return may reverse. */
    public record Posted(long id, String dedupKey, String bankAccount, String endToEndId, long amountMinor,
                         String currency, EntryState state, String paymentRef, Long paymentId) {
    }

    /** Takes the import lock until the transaction ends. */
    public void lockImports() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(IMPORT_LOCK).query(Object.class).optional();
    }

    public Optional<ImportView> importBySha(String sha256) {
        return jdbc.sql("select " + IMPORT_COLUMNS + " from bank_import where sha256 = ?").param(sha256)
                .query((rs, n) -> importView(rs)).optional();
    }

    public Optional<ImportView> importById(long id) {
        return jdbc.sql("select " + IMPORT_COLUMNS + " from bank_import where id = ?").param(id)
                .query((rs, n) -> importView(rs)).optional();
    }

    public long insertImport(String fileName, String sha256, String kind, String schema, String messageId,
                             String actor, Instant at) {
        return jdbc.sql("""
                        insert into bank_import (file_name, sha256, kind, schema_version, message_id, imported_by,
                                                 imported_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(fileName, sha256, kind, schema, messageId, actor, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Records what an import did. */
    public void countImport(long id, int entries, int credits, int returns, int notBooked, int debitsIgnored,
                            int duplicates, int posted, int unmatched, int reversed) {
        jdbc.sql("""
                        update bank_import set entries = ?, credits = ?, returns = ?, not_booked = ?,
                               debits_ignored = ?, duplicates = ?, posted = ?, unmatched = ?, reversed = ?
                        where id = ?""")
                .params(entries, credits, returns, notBooked, debitsIgnored, duplicates, posted, unmatched, reversed,
                        id)
                .update();
    }

    /** Returns those of the keys that are already stored. */
    public Set<String> existingKeys(Collection<String> keys) {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("select dedup_key from bank_entry where dedup_key = any(?)")
                .param(keys.toArray(String[]::new))
                .query(rs -> {
                    found.add(rs.getString(1));
                });
        return found;
    }

    /** Returns the posted (or resolved) credits with these end-to-end ids. */
    public List<Posted> postedByEndToEnd(Collection<String> endToEndIds) {
        if (endToEndIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, dedup_key, bank_account, end_to_end_id, amount_minor, currency, state, payment_ref,
                               payment_id
                        from bank_entry
                        where end_to_end_id = any(?) and kind = 'CREDIT' and state in ('POSTED', 'RESOLVED')
                        order by id""")
                .param(endToEndIds.toArray(String[]::new))
                .query((rs, n) -> new Posted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), EntryState.valueOf(rs.getString(7)), rs.getString(8),
                        nullableLong(rs, 9)))
                .list();
    }

    /** Marks posted credits as reversed by the bank. */
    public void markReversed(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update bank_entry set state = 'REVERSED', decided_by = 'bank', decided_at = ? where id = any(?)")
                .params(Timestamp.from(at), ids.toArray(Long[]::new)).update();
    }

    /** Writes entries through one COPY on the transaction's connection. */
    public void insertEntries(List<NewEntry> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        String created = now.toString();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyRows rows = new CopyRows(connection, """
                    copy bank_entry (import_id, dedup_key, kind, state, bank_account, servicer_ref, entry_number,
                                     tx_number, amount_minor, currency, booking_date, value_date, booked_at,
                                     end_to_end_id, debtor_name, structured_ref, remittance, rule, confidence,
                                     account_ref, bill_ref, reason, payment_ref, payment_id, created_at)
                    from stdin""");
            try {
                for (NewEntry e : entries) {
                    BankCredit c = e.credit();
                    rows.field(e.importId()).field(c.dedupKey()).field(c.returned() ? "RETURN" : "CREDIT")
                            .field(e.state().name()).field(c.bankAccount()).field(c.servicerRef())
                            .field(c.entryNumber()).field(c.txNumber()).field(c.amountMinor())
                            .field(c.currency().getCurrencyCode()).field(c.bookingDate()).field(c.valueDate())
                            .field(c.bookedAt().toString()).field(c.endToEndId()).field(c.debtorName())
                            .field(c.structuredRefs().isEmpty() ? null : String.join(" ", c.structuredRefs()))
                            .field(c.remittance()).field(e.rule())
                            .field(e.confidence() == null ? null : confidence(e.confidence()).toPlainString())
                            .field(e.accountRef()).field(e.billRef()).field(e.reason()).field(e.paymentRef())
                            .field(e.paymentId()).field(created);
                    rows.endRow();
                }
                rows.finish();
            } catch (SQLException | RuntimeException ex) {
                rows.cancel();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store " + entries.size() + " bank entries: " + ex.getMessage(),
                    ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Returns an entry with its dedup key; with {@code lock}, locked for update until the transaction ends. */
    public Optional<EntryView> entry(long id, boolean lock) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from bank_entry where id = ?" + (lock ? " for update" : ""))
                .param(id).query((rs, n) -> entryView(rs)).optional();
    }

    /** Returns an entry's dedup key. */
    public String dedupKey(long id) {
        return jdbc.sql("select dedup_key from bank_entry where id = ?").param(id).query(String.class).single();
    }

    /** Returns an entry's booking instant. */
    public Instant bookedAt(long id) {
        return jdbc.sql("select booked_at from bank_entry where id = ?").param(id).query(Timestamp.class).single()
                .toInstant();
    }

    /** Records that a person named the account (and bill) of an entry and the payment it posted. */
    public void resolve(long id, String accountRef, String billRef, String paymentRef, Long paymentId, String actor,
                        Instant at, String note) {
        jdbc.sql("""
                        update bank_entry set state = 'RESOLVED', rule = 'MANUAL', confidence = null, account_ref = ?,
                               bill_ref = ?, payment_ref = ?, payment_id = ?, decided_by = ?, decided_at = ?, note = ?
                        where id = ?""")
                .params(accountRef, billRef, paymentRef, paymentId, actor, Timestamp.from(at), note, id)
                .update();
    }

    /** Records that a person set an entry aside, and why. */
    public void dismiss(long id, String actor, Instant at, String reason) {
        jdbc.sql("update bank_entry set state = 'DISMISSED', decided_by = ?, decided_at = ?, note = ? where id = ?")
                .params(actor, Timestamp.from(at), reason, id)
                .update();
    }

    /** Returns the entries matched or resolved to these accounts, oldest first. */
    public List<EntryView> entriesOfAccounts(List<String> accountRefs) {
        if (accountRefs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + ENTRY_COLUMNS + " from bank_entry where account_ref = any(?) order by id")
                .param(accountRefs.toArray(String[]::new)).query((rs, n) -> entryView(rs)).list();
    }

    /** Replaces the debtor name, remittance text and note of the entries of these accounts; returns how many. */
    public int eraseOfAccounts(List<String> accountRefs, String placeholder) {
        if (accountRefs.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update bank_entry set debtor_name = case when debtor_name is null then null else ? end,
                               remittance = case when remittance is null then null else ? end,
                               note = case when note is null then null else ? end
                        where account_ref = any(?)""")
                .params(placeholder, placeholder, placeholder, accountRefs.toArray(String[]::new)).update();
    }

    public Page<ImportView> imports(int page, int size) {
        long total = jdbc.sql("select count(*) from bank_import").query(Long.class).single();
        List<ImportView> items = jdbc.sql("select " + IMPORT_COLUMNS + " from bank_import order by id desc"
                        + " limit ? offset ?")
                .params(size, (long) page * size).query((rs, n) -> importView(rs)).list();
        return new Page<>(items, page, size, total);
    }

    public Page<EntryView> entries(EntryState state, Long importId, int page, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (state != null) {
            where.append(" and state = ?");
            params.add(state.name());
        }
        if (importId != null) {
            where.append(" and import_id = ?");
            params.add(importId);
        }
        long total = jdbc.sql("select count(*) from bank_entry" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<EntryView> items = jdbc.sql("select " + ENTRY_COLUMNS + " from bank_entry" + where
                        + " order by id limit ? offset ?")
                .params(paged).query((rs, n) -> entryView(rs)).list();
        return new Page<>(items, page, size, total);
    }

    private static BigDecimal confidence(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static ImportView importView(ResultSet rs) throws SQLException {
        return new ImportView(rs.getLong("id"), rs.getString("file_name"), rs.getString("sha256"),
                rs.getString("kind").toLowerCase(java.util.Locale.ROOT), rs.getString("schema_version"),
                rs.getString("message_id"), rs.getInt("entries"), rs.getInt("credits"), rs.getInt("returns"),
                rs.getInt("not_booked"), rs.getInt("debits_ignored"), rs.getInt("duplicates"), rs.getInt("posted"),
                rs.getInt("unmatched"), rs.getInt("reversed"), rs.getString("imported_by"),
                rs.getTimestamp("imported_at").toInstant());
    }

    private static EntryView entryView(ResultSet rs) throws SQLException {
        Date value = rs.getDate("value_date");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new EntryView(rs.getLong("id"), rs.getLong("import_id"), EntryKind.valueOf(rs.getString("kind")),
                EntryState.valueOf(rs.getString("state")), rs.getString("bank_account"), rs.getString("servicer_ref"),
                rs.getInt("entry_number"), rs.getInt("tx_number"), rs.getLong("amount_minor"),
                rs.getString("currency"), rs.getDate("booking_date").toLocalDate(),
                value == null ? null : value.toLocalDate(), rs.getString("end_to_end_id"),
                rs.getString("debtor_name"), rs.getString("structured_ref"), rs.getString("remittance"),
                rs.getString("rule"), rs.getBigDecimal("confidence"), rs.getString("account_ref"),
                rs.getString("bill_ref"), rs.getString("reason"), rs.getString("payment_ref"),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant(), rs.getString("note"));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
