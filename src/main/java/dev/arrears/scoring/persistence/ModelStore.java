package dev.arrears.scoring.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The {@code score_model} table: models stored as JSON, versioned per target, at most one ACTIVE per target. */
public final class ModelStore {

    /** A stored model row without its JSON. */
    public record ModelRow(long id, String target, int version, String kind, String status, String metrics,
                           List<String> features, Instant trainedAt, LocalDate trainedOnAsOf, String createdBy) {
    }

    private final JdbcClient jdbc;

    public ModelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a DRAFT model as the target's next version; returns its id. */
    public long insert(String target, String kind, String json, String metrics, List<String> features,
                       Instant trainedAt, LocalDate trainedOnAsOf, String createdBy) {
        // one version number per target: serialise the inserts of a target on its advisory lock
        jdbc.sql("select pg_advisory_xact_lock(hashtext('score_model:' || ?))").param(target).query().listOfRows();
        return jdbc.sql("""
                        insert into score_model (target, version, kind, json, metrics, features, trained_at,
                                                 trained_on_as_of, created_by, status)
                        values (?, (select coalesce(max(version), 0) + 1 from score_model where target = ?), ?, ?,
                                ?::jsonb, ?, ?, ?, ?, 'DRAFT')
                        returning id""")
                .params(target, target, kind, json, metrics == null ? "{}" : metrics,
                        features.toArray(String[]::new), Timestamp.from(trainedAt), trainedOnAsOf, createdBy)
                .query(Long.class).single();
    }

    /** Makes a model the ACTIVE one of its target, retiring the one before; false when there is no such model. */
    public boolean activate(long id) {
        Optional<String> target = jdbc.sql("select target from score_model where id = ? for update").param(id)
                .query(String.class).optional();
        if (target.isEmpty()) {
            return false;
        }
        jdbc.sql("update score_model set status = 'RETIRED' where target = ? and status = 'ACTIVE' and id <> ?")
                .params(target.get(), id).update();
        jdbc.sql("update score_model set status = 'ACTIVE' where id = ?").param(id).update();
        return true;
    }

    /** Retires the active model of a target, if any; returns true when one was retired. */
    public boolean retireActive(String target) {
        return jdbc.sql("update score_model set status = 'RETIRED' where target = ? and status = 'ACTIVE'")
                .param(target).update() > 0;
    }

    /** Returns the id, version, kind and JSON of the target's active model. */
    public Optional<Active> active(String target) {
        return jdbc.sql("select id, version, kind, json from score_model where target = ? and status = 'ACTIVE'")
                .param(target)
                .query((rs, n) -> new Active(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The active model of a target as stored. */
    public record Active(long id, int version, String kind, String json) {
    }

    /** Lists the models of a target, newest version first. */
    public List<ModelRow> list(String target) {
        return jdbc.sql("""
                        select id, target, version, kind, status, metrics::text, features, trained_at,
                               trained_on_as_of, created_by
                        from score_model where target = ? order by version desc""")
                .param(target)
                .query((rs, n) -> new ModelRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), List.of((String[]) rs.getArray(7).getArray()),
                        rs.getTimestamp(8).toInstant(), rs.getObject(9, LocalDate.class), rs.getString(10)))
                .list();
    }
}
