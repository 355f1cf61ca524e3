package dev.arrears.compliance.persistence;

import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.VerdictEntry;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.shared.Channel;
import dev.arrears.shared.CopyRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the verdict log: one insert, or many through one COPY with ids reserved from the table's sequence
 * first (so the caller knows each row's id), and reads by customer or account, newest first. Writes run in the
 * caller's transaction.
 */
@Repository
public class VerdictStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            account_id, customer_id, contact_key, profile, profile_version, channel, purpose, debt_id,
            evaluated_at, decision, not_before, reasons, request_sha256, recorded_at""";
    private static final String SELECT = """
            select id, account_id, customer_id, contact_key, profile, profile_version, channel, purpose, debt_id,
                   evaluated_at, decision, not_before, reasons::text as reasons, request_sha256, recorded_at
            from compliance_verdict""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    VerdictStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Inserts one verdict; returns its id. */
    public long insert(VerdictEntry e, Instant recordedAt) {
        Verdict v = e.verdict();
        return jdbc.sql("insert into compliance_verdict (" + COLUMNS + """
                        ) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(e.accountId(), e.customerId(), e.contactKey(), e.profile(), e.profileVersion(),
                        e.channel().name(), e.purpose().name(), e.debtId(), Timestamp.from(e.evaluatedAt()),
                        v.decision().name(), v.notBefore() == null ? null : Timestamp.from(v.notBefore()),
                        reasons(v.reasons()), e.requestSha256(), Timestamp.from(recordedAt))
                .query(Long.class).single();
    }

    /** Inserts many verdicts through one COPY on the transaction's connection; returns their ids, in order. */
    public long[] insertAll(List<VerdictEntry> entries, Instant recordedAt) {
        if (entries.isEmpty()) {
            return new long[0];
        }
        long[] ids = jdbc.sql("select nextval(pg_get_serial_sequence('compliance_verdict', 'id'))"
                        + " from generate_series(1, ?)")
                .param(entries.size()).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
        String recorded = timestamp(recordedAt);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyRows rows = new CopyRows(connection, "copy compliance_verdict (id, " + COLUMNS + ") from stdin");
            try {
                for (int i = 0; i < entries.size(); i++) {
                    VerdictEntry e = entries.get(i);
                    Verdict v = e.verdict();
                    rows.field(ids[i]).field(e.accountId()).field(e.customerId()).field(e.contactKey())
                            .field(e.profile()).field(e.profileVersion()).field(e.channel().name())
                            .field(e.purpose().name()).field(e.debtId()).field(timestamp(e.evaluatedAt()))
                            .field(v.decision().name())
                            .field(v.notBefore() == null ? null : timestamp(v.notBefore()))
                            .field(reasons(v.reasons())).field(e.requestSha256()).field(recorded);
                    rows.endRow();
                }
                rows.finish();
            } catch (SQLException | RuntimeException ex) {
                rows.cancel();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store " + entries.size() + " verdicts: " + ex.getMessage(), ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return ids;
    }

    /** Returns a page of a customer's verdicts, newest first. */
    public VerdictPage byCustomer(long customerId, int page, int size) {
        return page("customer_id", customerId, page, size);
    }

    /** Returns a page of an account's verdicts, newest first. */
    public VerdictPage byAccount(long accountId, int page, int size) {
        return page("account_id", accountId, page, size);
    }

    /** Returns the latest verdicts of a customer, newest first. */
    public List<VerdictView> latestForCustomer(long customerId, int limit) {
        return jdbc.sql(SELECT + " where customer_id = ? order by id desc limit ?").params(customerId, limit)
                .query(VerdictStore::view).list();
    }

    private VerdictPage page(String column, long id, int page, int size) {
        long total = jdbc.sql("select count(*) from compliance_verdict where " + column + " = ?").param(id)
                .query(Long.class).single();
        List<VerdictView> items = jdbc.sql(SELECT + " where " + column + " = ? order by id desc limit ? offset ?")
                .params(id, size, (long) page * size).query(VerdictStore::view).list();
        return new VerdictPage(items, page, size, total);
    }

    private static VerdictView view(ResultSet rs, int n) throws SQLException {
        Timestamp notBefore = rs.getTimestamp("not_before");
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : JSON.readTree(rs.getString("reasons"))) {
            reasons.add(new Reason(text(r, "rule"), text(r, "citation"), text(r, "message")));
        }
        Verdict verdict = new Verdict(Decision.valueOf(rs.getString("decision")),
                notBefore == null ? null : notBefore.toInstant(), reasons);
        return new VerdictView(rs.getLong("id"), (Long) rs.getObject("account_id"),
                (Long) rs.getObject("customer_id"), rs.getString("contact_key"), rs.getString("profile"),
                rs.getString("profile_version"), Channel.valueOf(rs.getString("channel")),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("debt_id"),
                rs.getTimestamp("evaluated_at").toInstant(), verdict, rs.getString("request_sha256"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Returns the reasons as the JSON stored: [{"rule", "citation", "message"}]. */
    static String reasons(List<Reason> reasons) {
        ArrayNode array = JSON.createArrayNode();
        for (Reason r : reasons) {
            array.addObject().put("rule", r.rule()).put("citation", r.citation()).put("message", r.message());
        }
        return JSON.writeValueAsString(array);
    }

    /** Formats an instant for COPY's timestamptz input: ISO with offset Z. */
    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
