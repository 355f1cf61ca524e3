package dev.arrears.selfservice.persistence;

import dev.arrears.selfservice.ComplaintView;
import dev.arrears.selfservice.FeedbackSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code complaint} and {@code portal_feedback} tables: inserts and the reads the API and the portal need. */
@Component
public class SelfServiceStore {

    private final JdbcClient jdbc;

    SelfServiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an OPEN complaint and returns it. */
    public ComplaintView insertComplaint(long accountId, long customerId, String source, String category, String text,
                                         String createdBy, Instant at, LocalDate on) {
        long id = jdbc.sql("""
                        insert into complaint (account_id, customer_id, source, category, text, created_by, created_at,
                                               created_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, customerId, source, category, text, createdBy, Timestamp.from(at), on)
                .query(Long.class).single();
        return complaint(id);
    }

    /** Returns a complaint. */
    public ComplaintView complaint(long id) {
        return jdbc.sql("""
                        select id, account_id, customer_id, source, category, text, created_by, created_at, created_on,
                               status from complaint where id = ?""")
                .param(id).query(SelfServiceStore::complaintRow).single();
    }

    /** Returns an account's complaints, newest first. */
    public List<ComplaintView> complaints(long accountId) {
        return jdbc.sql("""
                        select id, account_id, customer_id, source, category, text, created_by, created_at, created_on,
                               status from complaint where account_id = ? order by id desc""")
                .param(accountId).query(SelfServiceStore::complaintRow).list();
    }

    /** Returns how many complaints an account had in the 90 days up to a date of its zone, that date included. */
    public int complaints90d(long accountId, LocalDate asOf) {
        return jdbc.sql("""
                        select count(*) from complaint
                        where account_id = ? and created_on > ?::date - 90 and created_on <= ?::date""")
                .params(accountId, asOf, asOf).query(Integer.class).single();
    }

    /** Inserts a rating and returns its id. */
    public long insertFeedback(long accountId, int rating, String comment, Instant at) {
        return jdbc.sql("""
                        insert into portal_feedback (account_id, rating, comment, created_at)
                        values (?, ?, ?, ?) returning id""")
                .params(accountId, rating, comment, Timestamp.from(at)).query(Long.class).single();
    }

    /** Returns the ratings given from an instant (inclusive) to another (exclusive), summed up. */
    public FeedbackSummary feedback(Instant from, Instant to) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int r = 1; r <= 5; r++) {
            counts.put(r, 0L);
        }
        jdbc.sql("""
                        select rating, count(*) from portal_feedback
                        where created_at >= ? and created_at < ? group by rating""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getInt(1), rs.getLong(2));
                });
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        long sum = counts.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
        BigDecimal average = n == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_EVEN);
        return new FeedbackSummary(from, to, n, average, counts);
    }

    private static ComplaintView complaintRow(ResultSet rs, int n) throws SQLException {
        return new ComplaintView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getObject(9, LocalDate.class),
                rs.getString(10));
    }
}
