package dev.arrears.contact.letter;

import dev.arrears.contact.LetterViews.BatchView;
import dev.arrears.contact.LetterViews.LetterView;
import dev.arrears.contact.LetterViews.ManifestLine;
import dev.arrears.ledger.Views.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The print queue's tables ({@code letter}, {@code letter_batch}): letters stored once per contact key, listed,
 * taken into batches oldest first, and moved through the batch states. Callers hold the transactions.
 */
@Repository
public class LetterStore {

    private static final String LETTER_COLUMNS = """
            select id, contact_key, job_id, account_id, customer_id, recipient_name, recipient_address, locale, pages,
                   sha256, state, batch_id, batch_position, created_at, batched_at, posted_at, cancelled_at,
                   cancel_reason
            from letter""";
    private static final String BATCH_COLUMNS = """
            select id, state, letters, pages, created_at, created_by, printed_at, printed_by, posted_at, posted_by
            from letter_batch""";

    private final JdbcClient jdbc;

    LetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rendered letter to store. */
    public record NewLetter(String contactKey, long jobId, long accountId, long customerId, String recipientName,
                            String recipientAddress, String locale, int pages, byte[] pdf, String sha256) {
    }

    /** Returns the id of the letter stored for a contact key. */
    public Optional<Long> idByKey(String contactKey) {
        return jdbc.sql("select id from letter where contact_key = ?").param(contactKey).query(Long.class).optional();
    }

    /** Stores a letter unless one is stored for its contact key; returns the id of the letter for that key. */
    public long insert(NewLetter l, Instant at) {
        jdbc.sql("""
                        insert into letter (contact_key, job_id, account_id, customer_id, recipient_name,
                            recipient_address, locale, pages, pdf, sha256, state, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RENDERED', ?)
                        on conflict (contact_key) do nothing""")
                .params(l.contactKey(), l.jobId(), l.accountId(), l.customerId(), l.recipientName(),
                        l.recipientAddress(), l.locale(), l.pages(), l.pdf(), l.sha256(), Timestamp.from(at))
                .update();
        return idByKey(l.contactKey()).orElseThrow();
    }

    /** Lists letters, newest first, of one state or all. */
    public Page<LetterView> letters(String state, int page, int size) {
        String where = state == null ? "" : " where state = ?";
        List<Object> params = new ArrayList<>();
        if (state != null) {
            params.add(state);
        }
        long total = jdbc.sql("select count(*) from letter" + where).params(params).query(Long.class).single();
        params.add(size);
        params.add((long) page * size);
        List<LetterView> items = jdbc.sql(LETTER_COLUMNS + where + " order by id desc limit ? offset ?")
                .params(params).query(LetterStore::letter).list();
        return new Page<>(items, page, size, total);
    }

    /** Returns one letter without its PDF. */
    public Optional<LetterView> letter(long id) {
        return jdbc.sql(LETTER_COLUMNS + " where id = ?").param(id).query(LetterStore::letter).optional();
    }

    /** Returns a letter's PDF. */
    public Optional<byte[]> pdf(long id) {
        return jdbc.sql("select pdf from letter where id = ?").param(id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /**
     * Takes up to {@code max} RENDERED letters, oldest first, into a new OPEN batch (letters another batch is taking
     * at the same moment are skipped); returns the batch, empty when no letter was waiting.
     */
    public Optional<BatchView> createBatch(int max, Instant at, String by) {
        List<long[]> taken = jdbc.sql("""
                        select id, pages from letter where state = 'RENDERED' order by id limit ?
                        for update skip locked""")
                .param(max).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        int pages = taken.stream().mapToInt(t -> (int) t[1]).sum();
        long batchId = jdbc.sql("""
                        insert into letter_batch (state, letters, pages, created_at, created_by)
                        values ('OPEN', ?, ?, ?, ?) returning id""")
                .params(taken.size(), pages, Timestamp.from(at), by).query(Long.class).single();
        Long[] ids = taken.stream().map(t -> t[0]).toArray(Long[]::new);
        jdbc.sql("""
                        update letter l set state = 'BATCHED', batch_id = ?, batch_position = u.position, batched_at = ?
                        from unnest(?::bigint[]) with ordinality as u(id, position)
                        where l.id = u.id""")
                .params(batchId, Timestamp.from(at), ids).update();
        return batch(batchId);
    }

    /** Lists batches, newest first. */
    public Page<BatchView> batches(int page, int size) {
        long total = jdbc.sql("select count(*) from letter_batch").query(Long.class).single();
        List<BatchView> items = jdbc.sql(BATCH_COLUMNS + " order by id desc limit ? offset ?")
                .params(size, (long) page * size).query(LetterStore::batch).list();
        return new Page<>(items, page, size, total);
    }

    /** Returns one batch. */
    public Optional<BatchView> batch(long id) {
        return jdbc.sql(BATCH_COLUMNS + " where id = ?").param(id).query(LetterStore::batch).optional();
    }

    /** Returns the PDFs of a batch's letters in print order (erased letters left out). */
    public List<byte[]> batchPdfs(long batchId) {
        // a letter whose customer's data was erased has an empty PDF: nothing of it is printed again
        return jdbc.sql("select pdf from letter where batch_id = ? and length(pdf) > 0 order by batch_position")
                .param(batchId)
                .query((rs, n) -> rs.getBytes(1)).list();
    }

    /** Returns a batch's manifest in print order. */
    public List<ManifestLine> manifest(long batchId) {
        return jdbc.sql("""
                        select batch_position, id, recipient_name, recipient_address, pages, sha256
                        from letter where batch_id = ? order by batch_position""")
                .param(batchId)
                .query((rs, n) -> new ManifestLine(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6)))
                .list();
    }

    /** Marks an OPEN batch PRINTED; returns false when it is not OPEN. */
    public boolean printed(long batchId, Instant at, String by) {
        return jdbc.sql("""
                        update letter_batch set state = 'PRINTED', printed_at = ?, printed_by = ?
                        where id = ? and state = 'OPEN'""")
                .params(Timestamp.from(at), by, batchId).update() == 1;
    }

    /** Marks a PRINTED batch and its letters POSTED; returns the letters posted, empty when it is not PRINTED. */
    public Optional<List<LetterView>> posted(long batchId, Instant at, String by) {
        int changed = jdbc.sql("""
                        update letter_batch set state = 'POSTED', posted_at = ?, posted_by = ?
                        where id = ? and state = 'PRINTED'""")
                .params(Timestamp.from(at), by, batchId).update();
        if (changed == 0) {
            return Optional.empty();
        }
        jdbc.sql("update letter set state = 'POSTED', posted_at = ? where batch_id = ? and state = 'BATCHED'")
                .params(Timestamp.from(at), batchId).update();
        return Optional.of(jdbc.sql(LETTER_COLUMNS + " where batch_id = ? order by batch_position").param(batchId)
                .query(LetterStore::letter).list());
    }

    /** Cancels a RENDERED letter (not yet batched); returns false when it is in another state. */
    public boolean cancel(long letterId, String reason, Instant at) {
        return jdbc.sql("""
                        update letter set state = 'CANCELLED', cancelled_at = ?, cancel_reason = ?
                        where id = ? and state = 'RENDERED'""")
                .params(Timestamp.from(at), reason, letterId).update() == 1;
    }

    /** Returns the posted letters of an account, oldest first (for its timeline). */
    public List<LetterView> postedLetters(long accountId) {
        return jdbc.sql(LETTER_COLUMNS + " where account_id = ? and posted_at is not null order by posted_at, id")
                .param(accountId).query(LetterStore::letter).list();
    }

    private static LetterView letter(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(1);
        return new LetterView(id, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                (Long) rs.getObject(12), (Integer) rs.getObject(13), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)),
                rs.getString(18), "/api/v1/letters/" + id + "/pdf");
    }

    private static BatchView batch(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(1);
        return new BatchView(id, rs.getString(2), rs.getInt(3), rs.getInt(4), instant(rs.getTimestamp(5)),
                rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8), instant(rs.getTimestamp(9)),
                rs.getString(10), "/api/v1/letters/batches/" + id + "/pdf",
                "/api/v1/letters/batches/" + id + "/manifest.csv");
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
