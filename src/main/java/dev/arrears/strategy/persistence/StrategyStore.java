package dev.arrears.strategy.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The strategies' SQL: versions, activations and the locks that keep version numbers and activations in order
 * when several nodes write at once. Callers hold a transaction around every write.
 */
@Repository
public class StrategyStore {

    /** One stored version. */
    public record VersionRow(long id, String name, int version, String document, String description,
                             Instant createdAt, String createdBy) {
    }

    /** One activation (or roll-back) of a version. */
    public record ActivationRow(long id, String name, long versionId, int version, Instant activatedAt,
                                String activatedBy, boolean rollback) {
    }

    /** A name with its latest version and the version active now (null when none is). */
    public record NameRow(String name, int latestVersion, Instant updatedAt, String description, Long activeId,
                          Integer activeVersion, Instant activatedAt, String activatedBy) {
    }

    /** The active version of a name. */
    public record ActiveRow(String name, long versionId, int version) {
    }

    private static final String VERSION_COLUMNS = "id, name, version, document, description, created_at, created_by";

    private final JdbcClient jdbc;

    StrategyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until the transaction ends, the lock on one strategy name (all nodes). */
    public void lockName(String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arrears.strategy.' || ?))").param(name)
                .query((rs, n) -> 1).list();
    }

    /** Waits for, then holds until the transaction ends, the lock for installing the shipped strategies. */
    public void lockInstall() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arrears.strategy-install'))").query((rs, n) -> 1).list();
    }

    /** Returns the number of stored versions over all names. */
    public long versionCount() {
        return jdbc.sql("select count(*) from strategy_version").query(Long.class).single();
    }

    /** Stores a document as the name's next version; the caller holds the name's lock. */
    public VersionRow insertVersion(String name, String document, String description, Instant at, String by) {
        return jdbc.sql("""
                        insert into strategy_version (name, version, document, description, created_at, created_by)
                        select ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?
                        from strategy_version where name = ?
                        returning\s""" + VERSION_COLUMNS)
                .params(name, document, description, Timestamp.from(at), by, name)
                .query(StrategyStore::version).single();
    }

    /** Returns a version of a name; null version means the latest. */
    public Optional<VersionRow> version(String name, Integer version) {
        if (version == null) {
            return jdbc.sql("select " + VERSION_COLUMNS + " from strategy_version where name = ? "
                    + "order by version desc limit 1").param(name).query(StrategyStore::version).optional();
        }
        return jdbc.sql("select " + VERSION_COLUMNS + " from strategy_version where name = ? and version = ?")
                .params(name, version).query(StrategyStore::version).optional();
    }

    /** Returns a version by its id. */
    public Optional<VersionRow> version(long id) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from strategy_version where id = ?").param(id)
                .query(StrategyStore::version).optional();
    }

    /** Returns every version of a name, newest first. */
    public List<VersionRow> versions(String name) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from strategy_version where name = ? order by version desc")
                .param(name).query(StrategyStore::version).list();
    }

    /** Returns every activation of a name, oldest first. */
    public List<ActivationRow> activations(String name) {
        return jdbc.sql("""
                        select a.id, a.name, a.version_id, v.version, a.activated_at, a.activated_by, a.rollback
                        from strategy_activation a join strategy_version v on v.id = a.version_id
                        where a.name = ? order by a.id""")
                .param(name)
                .query((rs, n) -> new ActivationRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    /** Records an activation; the caller holds the name's lock. */
    public void insertActivation(String name, long versionId, Instant at, String by, boolean rollback) {
        jdbc.sql("""
                        insert into strategy_activation (name, version_id, activated_at, activated_by, rollback)
                        values (?, ?, ?, ?, ?)""")
                .params(name, versionId, Timestamp.from(at), by, rollback).update();
    }

    /** Returns the active version of every name that has one, by name. */
    public List<ActiveRow> active() {
        return jdbc.sql("""
                        select a.name, a.version_id, v.version
                        from (select distinct on (name) name, version_id from strategy_activation
                              order by name, id desc) a
                        join strategy_version v on v.id = a.version_id
                        order by a.name""")
                .query((rs, n) -> new ActiveRow(rs.getString(1), rs.getLong(2), rs.getInt(3))).list();
    }

    /** Returns the active version of one name. */
    public Optional<ActiveRow> active(String name) {
        return jdbc.sql("""
                        select a.name, a.version_id, v.version
                        from strategy_activation a join strategy_version v on v.id = a.version_id
                        where a.name = ? order by a.id desc limit 1""")
                .param(name)
                .query((rs, n) -> new ActiveRow(rs.getString(1), rs.getLong(2), rs.getInt(3))).optional();
    }

    /** Returns every name with its latest and active versions, by name. */
    public List<NameRow> names() {
        return names(null);
    }

    /** Returns one name with its latest and active versions. */
    public Optional<NameRow> name(String name) {
        return names(name).stream().findFirst();
    }

    private List<NameRow> names(String only) {
        return jdbc.sql("""
                        with latest as (
                            select distinct on (name) name, version, created_at, description
                            from strategy_version where (cast(? as text) is null or name = ?)
                            order by name, version desc),
                        active as (
                            select distinct on (name) name, version_id, activated_at, activated_by
                            from strategy_activation where (cast(? as text) is null or name = ?)
                            order by name, id desc)
                        select l.name, l.version, l.created_at, coalesce(v.description, l.description),
                               a.version_id, v.version, a.activated_at, a.activated_by
                        from latest l
                        left join active a on a.name = l.name
                        left join strategy_version v on v.id = a.version_id
                        order by l.name""")
                .params(only, only, only, only)
                .query((rs, n) -> new NameRow(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), (Long) rs.getObject(5), (Integer) rs.getObject(6),
                        instant(rs.getTimestamp(7)), rs.getString(8)))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static VersionRow version(ResultSet rs, int n) throws SQLException {
        return new VersionRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7));
    }
}
