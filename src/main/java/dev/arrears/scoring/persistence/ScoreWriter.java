package dev.arrears.scoring.persistence;

import dev.arrears.scoring.model.Reason;
import dev.arrears.shared.CopyRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the scores of one account range in the caller's transaction. A score whose content (model, points, grade,
 * probability, reasons, miss risk, logged points) is what the account's row already holds is not written again:
 * the row keeps the date it last changed, and the run's date is in {@code score_run} once the run has finished.
 * The other rows of the range are deleted (changed scores, accounts that no longer owe) and the new and changed
 * ones sent by one COPY. A history row is added (or replaced, on a second run of the same date) for each account
 * whose grade changed or whose points moved by {@value #HISTORY_STEP} or more since its last history row. Rows are
 * collected in memory while the features stream, then sent once the read is over.
 */
public final class ScoreWriter {

    /** Points a score must move from its last history row to earn a new one. */
    public static final int HISTORY_STEP = 10;

    /** Reasons kept per account (worst first): the facts read at most four. */
    public static final int REASONS_KEPT = 4;

    private final LocalDate scoredOn;
    private final Map<Long, Logged> logged;
    /** Accounts of the range whose stored row holds their new score already. */
    private final Set<Long> unchanged = new HashSet<>();
    private final CopyRows scores = new CopyRows();
    private final CopyRows history = new CopyRows();
    private int rows;
    private int historyRows;

    /** What an account's stored row says: its logged points and grade, and the hash of its content. */
    private record Logged(int points, String grade, long content) {
    }

    private ScoreWriter(LocalDate scoredOn, Map<Long, Logged> logged) {
        this.scoredOn = scoredOn;
        this.logged = logged;
    }

    /** Opens a writer for the accounts with ids in [first, last], reading their last history points. */
    public static ScoreWriter forRange(Connection connection, long first, long last, LocalDate scoredOn)
            throws SQLException {
        Map<Long, Logged> logged = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select account_id, logged_points, logged_grade, content_hash from account_score"
                        + " where account_id between ? and ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            ps.setFetchSize(4096);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    logged.put(rs.getLong(1), new Logged(rs.getInt(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return new ScoreWriter(scoredOn, logged);
    }

    /** Adds the score of one account; {@code missRisk} is NaN when no model estimates it. */
    public void add(long accountId, Long modelId, long points, String grade, double probability,
                    List<Reason> reasons, double missRisk) {
        int p = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, points));
        Logged before = logged.get(accountId);
        boolean log = before == null || !before.grade().equals(grade)
                || Math.abs(before.points() - p) >= HISTORY_STEP;
        int loggedPoints = log ? p : before.points();
        String loggedGrade = log ? grade : before.grade();
        List<Reason> top = reasons.size() > REASONS_KEPT ? reasons.subList(0, REASONS_KEPT) : reasons;
        StringBuilder json = new StringBuilder(64 * top.size() + 2).append('[');
        StringBuilder codes = new StringBuilder(24 * top.size() + 2).append('{');
        for (int i = 0; i < top.size(); i++) {
            Reason r = top.get(i);
            if (i > 0) {
                json.append(',');
                codes.append(',');
            }
            json.append("{\"feature\":");
            quote(json, r.feature());
            json.append(",\"bin\":");
            quote(json, r.bin());
            json.append(",\"points\":").append(Double.isFinite(r.points()) ? Math.round(r.points() * 100) / 100.0 : 0);
            json.append('}');
            codes.append('"').append(r.feature().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        json.append(']');
        codes.append('}');
        String probabilityText = decimal(probability);
        String missText = Double.isNaN(missRisk) ? null : decimal(missRisk);
        long content = contentHash(modelId, p, grade, probabilityText, json, codes, missText, loggedPoints,
                loggedGrade);
        try {
            if (before != null && before.content() == content) {
                unchanged.add(accountId);
            } else {
                scores.field(accountId).field(modelId).field(scoredOn).field(p).field(grade)
                        .field(probabilityText).field(json.toString()).field(codes.toString()).field(missText)
                        .field(loggedPoints).field(loggedGrade).field(content).endRow();
                rows++;
            }
            if (log) {
                history.field(accountId).field(scoredOn).field(modelId).field(p).field(grade).endRow();
                historyRows++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the range's score rows with the ones added and writes the history rows; returns the rows written. */
    public int write(Connection connection, long first, long last) throws SQLException {
        if (unchanged.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "delete from account_score where account_id between ? and ?")) {
                ps.setLong(1, first);
                ps.setLong(2, last);
                ps.executeUpdate();
            }
        } else {
            // the stored rows that are not kept as they are: changed scores and accounts no longer scored
            Long[] gone = logged.keySet().stream().filter(id -> !unchanged.contains(id)).toArray(Long[]::new);
            if (gone.length > 0) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "delete from account_score where account_id = any (?)")) {
                    ps.setArray(1, connection.createArrayOf("bigint", gone));
                    ps.executeUpdate();
                }
            }
        }
        if (rows > 0) {
            scores.copyTo(connection, "copy account_score (account_id, model_id, scored_on, points, grade, probability,"
                    + " reasons, reason_codes, miss_risk, logged_points, logged_grade, content_hash) from stdin");
        }
        if (historyRows > 0) {
            try (Statement st = connection.createStatement()) {
                st.execute("create temp table if not exists score_history_load (like account_score_history)"
                        + " on commit delete rows");
            }
            history.copyTo(connection, "copy score_history_load (account_id, scored_on, model_id, points, grade)"
                    + " from stdin");
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("""
                        insert into account_score_history select * from score_history_load
                        on conflict (account_id, scored_on) do update
                            set model_id = excluded.model_id, points = excluded.points, grade = excluded.grade""");
            }
        }
        return rows;
    }

    /** Returns the number of score rows written (new or changed); the unchanged ones are left as they are. */
    public int rowsWritten() {
        return rows;
    }

    /**
     * Returns a 64-bit FNV-1a hash of what a score row holds besides its account and date: equal hashes mean the
     * stored row is the new score (a collision, about one in 2^64 per account and run, would keep a stale score
     * until its next change).
     */
    static long contentHash(Long modelId, int points, String grade, String probability, CharSequence reasons,
                            CharSequence codes, String missRisk, int loggedPoints, String loggedGrade) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, modelId == null ? "-" : modelId.toString());
        h = mix(h, Integer.toString(points));
        h = mix(h, grade);
        h = mix(h, probability);
        h = mix(h, reasons);
        h = mix(h, codes);
        h = mix(h, missRisk == null ? "-" : missRisk);
        h = mix(h, Integer.toString(loggedPoints));
        return mix(h, loggedGrade);
    }

    private static long mix(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        // a separator, so that ("ab", "c") and ("a", "bc") differ
        return (h ^ 0x1f) * 0x100000001b3L;
    }

    /** Returns the number of history rows added. */
    public int historyRows() {
        return historyRows;
    }

    /** Returns a probability 0 to 1 with six decimals. */
    private static String decimal(double p) {
        double clamped = Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
        return Double.toString(Math.round(clamped * 1e6) / 1e6);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
