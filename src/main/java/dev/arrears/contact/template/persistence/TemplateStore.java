package dev.arrears.contact.template.persistence;

import dev.arrears.contact.template.Field;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The templates' SQL: versions with their texts, activations, and the locks that keep version numbers and
 * activations in order when several nodes write at once. Callers hold a transaction around every write.
 */
@Repository
public class TemplateStore {

    /** One stored version, without its texts. */
    public record VersionRow(long id, String name, Channel channel, int version, String description,
                             Integer maxSegments, String sha256, Instant createdAt, String createdBy,
                             boolean attachBill) {
    }

    /** A name and channel with its latest version and the version active now (nulls when none is). */
    public record TemplateRow(String name, Channel channel, int latestVersion, Instant updatedAt, Long activeId,
                              Integer activeVersion, Instant activatedAt, String activatedBy) {
    }

    private static final String VERSION_COLUMNS =
            "id, name, channel, version, description, max_segments, sha256, created_at, created_by, attach_bill";

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until the transaction ends, the lock on one template (all nodes). */
    public void lock(String name, Channel channel) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arrears.template.' || ? || '.' || ?))")
                .params(name, channel.name()).query((rs, n) -> 1).list();
    }

    /** Waits for, then holds until the transaction ends, the lock for installing the shipped templates. */
    public void lockInstall() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arrears.template-install'))").query((rs, n) -> 1).list();
    }

    /** Stores texts (locale → part → text) as the template's next version; the caller holds its lock. */
    public VersionRow insertVersion(String name, Channel channel, String description, Integer maxSegments,
                                    boolean attachBill, String sha256, Map<String, Map<Field, String>> texts,
                                    Instant at, String by) {
        VersionRow row = jdbc.sql("""
                        insert into template_version (name, channel, version, description, max_segments, sha256,
                            created_at, created_by, attach_bill)
                        select ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?
                        from template_version where name = ? and channel = ?
                        returning\s""" + VERSION_COLUMNS)
                .params(name, channel.name(), description, maxSegments, sha256, Timestamp.from(at), by, attachBill,
                        name, channel.name())
                .query(TemplateStore::version).single();
        for (Map.Entry<String, Map<Field, String>> locale : texts.entrySet()) {
            for (Map.Entry<Field, String> part : locale.getValue().entrySet()) {
                jdbc.sql("insert into template_text (version_id, locale, part, content) values (?, ?, ?, ?)")
                        .params(row.id(), locale.getKey(), part.getKey().key(), part.getValue()).update();
            }
        }
        return row;
    }

    /** Returns a version of a template; a null version means the latest. */
    public Optional<VersionRow> version(String name, Channel channel, Integer version) {
        if (version == null) {
            return jdbc.sql("select " + VERSION_COLUMNS + " from template_version where name = ? and channel = ? "
                            + "order by version desc limit 1")
                    .params(name, channel.name()).query(TemplateStore::version).optional();
        }
        return jdbc.sql("select " + VERSION_COLUMNS + " from template_version "
                        + "where name = ? and channel = ? and version = ?")
                .params(name, channel.name(), version).query(TemplateStore::version).optional();
    }

    /** Returns a version by its id. */
    public Optional<VersionRow> version(long id) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from template_version where id = ?").param(id)
                .query(TemplateStore::version).optional();
    }

    /** Returns every version of a template, newest first. */
    public List<VersionRow> versions(String name, Channel channel) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from template_version where name = ? and channel = ? "
                        + "order by version desc")
                .params(name, channel.name()).query(TemplateStore::version).list();
    }

    /** Returns the texts of a version: locale → part → text. */
    public Map<String, Map<Field, String>> texts(long versionId) {
        Map<String, Map<Field, String>> texts = new LinkedHashMap<>();
        jdbc.sql("select locale, part, content from template_text where version_id = ? order by locale, part")
                .param(versionId)
                .query((RowCallbackHandler) rs -> {
                    texts.computeIfAbsent(rs.getString(1), l -> new EnumMap<>(Field.class))
                            .put(Field.named(rs.getString(2)), rs.getString(3));
                });
        return texts;
    }

    /** Records an activation; the caller holds the template's lock. */
    public void insertActivation(String name, Channel channel, long versionId, Instant at, String by) {
        jdbc.sql("""
                        insert into template_activation (name, channel, version_id, activated_at, activated_by)
                        values (?, ?, ?, ?, ?)""")
                .params(name, channel.name(), versionId, Timestamp.from(at), by).update();
    }

    /** Returns the id of a template's active version. */
    public Optional<Long> activeId(String name, Channel channel) {
        return jdbc.sql("""
                        select version_id from template_activation where name = ? and channel = ?
                        order by id desc limit 1""")
                .params(name, channel.name()).query(Long.class).optional();
    }

    /** Returns true when the template has an active version. */
    public boolean hasActive(String name, Channel channel) {
        return jdbc.sql("select exists (select 1 from template_activation where name = ? and channel = ?)")
                .params(name, channel.name()).query(Boolean.class).single();
    }

    /** Returns the names that have an active version on some channel, sorted. */
    public List<String> activeNames() {
        return jdbc.sql("select distinct name from template_activation order by name").query(String.class).list();
    }

    /** Returns the number of stored versions of a template. */
    public long versionCount(String name, Channel channel) {
        return jdbc.sql("select count(*) from template_version where name = ? and channel = ?")
                .params(name, channel.name()).query(Long.class).single();
    }

    /** Returns every template with its latest and active versions, by name and channel. */
    public List<TemplateRow> templates() {
        return templates(null, null);
    }

    /** Returns one template with its latest and active versions. */
    public Optional<TemplateRow> template(String name, Channel channel) {
        return templates(name, channel).stream().findFirst();
    }

    private List<TemplateRow> templates(String name, Channel channel) {
        String only = channel == null ? null : channel.name();
        return jdbc.sql("""
                        with latest as (
                            select distinct on (name, channel) name, channel, version, created_at
                            from template_version
                            where (cast(? as text) is null or (name = ? and channel = ?))
                            order by name, channel, version desc),
                        active as (
                            select distinct on (name, channel) name, channel, version_id, activated_at, activated_by
                            from template_activation
                            where (cast(? as text) is null or (name = ? and channel = ?))
                            order by name, channel, id desc)
                        select l.name, l.channel, l.version, l.created_at, a.version_id, v.version, a.activated_at,
                               a.activated_by
                        from latest l
                        left join active a on a.name = l.name and a.channel = l.channel
                        left join template_version v on v.id = a.version_id
                        order by l.name, l.channel""")
                .params(name, name, only, name, name, only)
                .query((rs, n) -> new TemplateRow(rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5), (Integer) rs.getObject(6),
                        instant(rs.getTimestamp(7)), rs.getString(8)))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static VersionRow version(ResultSet rs, int n) throws SQLException {
        return new VersionRow(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getInt(4),
                rs.getString(5), (Integer) rs.getObject(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                rs.getString(9), rs.getBoolean(10));
    }
}
