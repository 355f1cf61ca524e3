package dev.arrears.scoring.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads of stored scores: one account's current score and its history. */
public final class ScoreQueries {

    /** An account's current score row; the reasons as their stored JSON. */
    public record Current(long accountId, Long modelId, Integer modelVersion, String modelKind, LocalDate scoredOn,
                          int points, String grade, double probability, String reasonsJson, Double missRisk) {
    }

    /** One history row. */
    public record Point(LocalDate scoredOn, int points, String grade) {
    }

    private final JdbcClient jdbc;

    public ScoreQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns true when the account exists. */
    public boolean accountExists(long accountId) {
        return jdbc.sql("select exists (select 1 from account where id = ?)").param(accountId)
                .query(Boolean.class).single();
    }

    /** Returns the current grades of the accounts that have a score, by account id. */
    public java.util.Map<Long, String> grades(java.util.Collection<Long> accountIds) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        jdbc.sql("select account_id, grade from account_score where account_id = any (?)")
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }

    /** Returns the account's current score. */
    public Optional<Current> current(long accountId) {
        return jdbc.sql("""
                        select s.account_id, s.model_id, m.version, m.kind,
                               -- a run that finished since the row was written found the same score
                               greatest(s.scored_on, (select r.as_of from score_run r
                                                      order by r.finished_at desc limit 1)),
                               s.points, s.grade, s.probability, s.reasons::text, s.miss_risk
                        from account_score s left join score_model m on m.id = s.model_id
                        where s.account_id = ?""")
                .param(accountId)
                .query((rs, n) -> new Current(rs.getLong(1), (Long) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getString(7),
                        rs.getDouble(8), rs.getString(9),
                        rs.getObject(10) == null ? null : rs.getDouble(10)))
                .optional();
    }

    /** Returns the account's score history, newest first (at most {@code limit} rows). */
    public List<Point> history(long accountId, int limit) {
        return jdbc.sql("""
                        select scored_on, points, grade from account_score_history where account_id = ?
                        order by scored_on desc limit ?""")
                .params(accountId, limit)
                .query((rs, n) -> new Point(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getString(3)))
                .list();
    }

    /** Records a scoring run whose every range has committed. */
    public void recordRun(LocalDate asOf, java.time.Instant finishedAt, long accounts, long written, double seconds) {
        jdbc.sql("insert into score_run (as_of, finished_at, accounts, written, seconds) values (?, ?, ?, ?, ?)")
                .params(asOf, java.sql.Timestamp.from(finishedAt), accounts, written,
                        java.math.BigDecimal.valueOf(Math.round(seconds * 1000), 3))
                .update();
    }

    /** Returns the first and last account ids, or null when there are no accounts. */
    public long[] idRange() {
        return jdbc.sql("select min(id), max(id) from account")
                .query((rs, n) -> rs.getObject(1) == null ? null : new long[]{rs.getLong(1), rs.getLong(2)})
                .list().getFirst();
    }
}
