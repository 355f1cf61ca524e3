package dev.arrears.audit.persistence;

import dev.arrears.audit.AuditEntryView;
import dev.arrears.audit.AuditQuery;
import dev.arrears.audit.domain.Chain;
import dev.arrears.audit.domain.EntryContent;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail's SQL: id blocks, inserts of unsealed entries (one statement per batch, through arrays), the
 * sealing lock shared by every node, the unsealed entries in id order, the sealing update, the streamed walk in
 * position order and the auditors' queries. Callers hold the transaction.
 */
@Repository
public class AuditStore {

    /** Ids handed out per {@code nextval}: the sequence's increment (V5__audit.sql). */
    public static final int ID_BLOCK = 1000;
    /** Rows fetched per round trip while walking the chain. */
    private static final int WALK_FETCH = 10_000;
    private static final String CONTENT = "id, occurred_at, kind, actor, subject_type, subject_id, details, mac";

    /** An entry that is not sealed yet, with the MAC written at append. */
    public record UnsealedRow(EntryContent content, byte[] mac) {
    }

    /** A sealed entry: position, content, MAC and link. */
    public record SealedRow(long position, EntryContent content, byte[] mac, byte[] link) {
    }

    /** Receives the sealed entries of a walk, one at a time, in position order. */
    @FunctionalInterface
    public interface SealedRows {
        void accept(long position, EntryContent content, byte[] mac, byte[] link);
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JdbcTemplate streaming;

    AuditStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(WALK_FETCH);
    }

    /** Reserves the next block of {@link #ID_BLOCK} entry ids and returns its first id. */
    public long reserveIdBlock() {
        return jdbc.sql("select nextval('audit_entry_ids')").query(Long.class).single();
    }

    /** Inserts unsealed entries in one statement. */
    public void insert(List<EntryContent> entries, List<byte[]> macs) {
        int n = entries.size();
        Long[] ids = new Long[n];
        String[] at = new String[n];
        String[] kinds = new String[n];
        String[] actors = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] details = new String[n];
        byte[][] mac = new byte[n][];
        for (int i = 0; i < n; i++) {
            EntryContent e = entries.get(i);
            ids[i] = e.id();
            at[i] = e.occurredAt().toString();
            kinds[i] = e.kind();
            actors[i] = e.actor();
            types[i] = e.subjectType();
            subjects[i] = e.subjectId();
            details[i] = e.details();
            mac[i] = macs.get(i);
        }
        template.execute((ConnectionCallback<Integer>) c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into audit_entry (" + CONTENT + ") "
                    + "select * from unnest(?::bigint[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::bytea[])")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("text", at));
                ps.setArray(3, c.createArrayOf("text", kinds));
                ps.setArray(4, c.createArrayOf("text", actors));
                ps.setArray(5, c.createArrayOf("text", types));
                ps.setArray(6, c.createArrayOf("text", subjects));
                ps.setArray(7, c.createArrayOf("text", details));
                ps.setArray(8, c.createArrayOf("bytea", mac));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Takes the sealing lock until the transaction ends, on every node sharing the database: waits for it, or with
     * {@code wait} false returns false at once when another sealer holds it.
     */
    public boolean lockSealing(boolean wait) {
        String sql = wait ? "select pg_advisory_xact_lock(hashtext('arrears.audit.seal')), true"
                : "select true, pg_try_advisory_xact_lock(hashtext('arrears.audit.seal'))";
        return jdbc.sql(sql).query((rs, n) -> rs.getBoolean(2)).single();
    }

    /** Returns the sealed entries with the highest positions, highest first, at most {@code n}. */
    public List<SealedRow> lastSealed(int n) {
        return jdbc.sql("select position, " + CONTENT + ", link from audit_entry where position is not null "
                        + "order by position desc limit ?")
                .param(n)
                .query((rs, i) -> sealed(rs))
                .list();
    }

    /** Returns committed unsealed entries in id order, at most {@code limit}. */
    public List<UnsealedRow> unsealed(int limit) {
        return jdbc.sql("select " + CONTENT + " from audit_entry where position is null order by id limit ?")
                .param(limit)
                .query((rs, i) -> new UnsealedRow(content(rs, 1), rs.getBytes(8)))
                .list();
    }

    /** Sets the positions and links of unsealed entries in one statement; returns how many rows it sealed. */
    public int seal(long[] ids, long[] positions, byte[][] links) {
        Long[] idArray = boxed(ids);
        Long[] positionArray = boxed(positions);
        Integer sealed = template.execute((ConnectionCallback<Integer>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update audit_entry e set position = v.position, link = v.link
                    from unnest(?::bigint[], ?::bigint[], ?::bytea[]) as v(id, position, link)
                    where e.id = v.id and e.position is null""")) {
                ps.setArray(1, c.createArrayOf("bigint", idArray));
                ps.setArray(2, c.createArrayOf("bigint", positionArray));
                ps.setArray(3, c.createArrayOf("bytea", links));
                return ps.executeUpdate();
            }
        });
        return sealed == null ? 0 : sealed;
    }

    /** Streams every sealed entry in position order to the receiver, within the caller's transaction. */
    public void walk(SealedRows rows) {
        streaming.query(c -> {
            PreparedStatement ps = c.prepareStatement("select position, " + CONTENT + ", link from audit_entry "
                    + "where position is not null order by position");
            // binary results: bytea, bigint and timestamptz arrive as bytes, not text to parse (about twice as fast)
            ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
            return ps;
        }, rs -> {
            rows.accept(rs.getLong(1), content(rs, 2), rs.getBytes(9), rs.getBytes(10));
        });
    }

    /** Returns a page of sealed entries matching the query, oldest first. */
    public List<AuditEntryView> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("select position, " + CONTENT + ", link from audit_entry "
                + "where position is not null and position > ?");
        List<Object> params = new ArrayList<>();
        params.add(q.after());
        if (q.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (q.kind() != null) {
            sql.append(" and kind = ?");
            params.add(q.kind().name());
        }
        if (q.subjectType() != null) {
            sql.append(" and subject_type = ?");
            params.add(q.subjectType());
        }
        if (q.subjectId() != null) {
            sql.append(" and subject_id = ?");
            params.add(q.subjectId());
        }
        if (q.actor() != null) {
            sql.append(" and actor = ?");
            params.add(q.actor());
        }
        sql.append(" order by position limit ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> {
            SealedRow row = sealed(rs);
            EntryContent c = row.content();
            return new AuditEntryView(row.position(), c.id(), c.occurredAt(), c.kind(), c.actor(), c.subjectType(),
                    c.subjectId(), c.details(), Chain.hex(row.mac()), Chain.hex(row.link()));
        }).list();
    }

    private static SealedRow sealed(ResultSet rs) throws SQLException {
        return new SealedRow(rs.getLong(1), content(rs, 2), rs.getBytes(9), rs.getBytes(10));
    }

    /** Reads id, occurred_at, kind, actor, subject_type, subject_id and details from column {@code first} on. */
    private static EntryContent content(ResultSet rs, int first) throws SQLException {
        Instant at = rs.getObject(first + 1, OffsetDateTime.class).toInstant();
        return new EntryContent(rs.getLong(first), at, rs.getString(first + 2), rs.getString(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6));
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
