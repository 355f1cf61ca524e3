package dev.arrears.scoring.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads one stored model of {@code score_model} by id, with its JSON, for the model API and activation. */
public final class ModelLookup {

    /** A stored model with its JSON and metrics. */
    public record StoredModel(ModelStore.ModelRow row, String json) {
    }

    private final JdbcClient jdbc;

    public ModelLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the model with this id, or empty. */
    public Optional<StoredModel> find(long id) {
        return jdbc.sql("""
                        select id, target, version, kind, status, metrics::text, features, trained_at,
                               trained_on_as_of, created_by, json
                        from score_model where id = ?""")
                .param(id)
                .query((rs, n) -> new StoredModel(new ModelStore.ModelRow(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        List.of((String[]) rs.getArray(7).getArray()), rs.getTimestamp(8).toInstant(),
                        rs.getObject(9, LocalDate.class), rs.getString(10)), rs.getString(11)))
                .optional();
    }

    /** Returns the id of the target's ACTIVE model, or empty. */
    public Optional<Long> activeId(String target) {
        return jdbc.sql("select id from score_model where target = ? and status = 'ACTIVE'").param(target)
                .query(Long.class).optional();
    }
}
