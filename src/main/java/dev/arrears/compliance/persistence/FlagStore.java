package dev.arrears.compliance.persistence;

import dev.arrears.compliance.ComplianceViews.ContactTimesView;
import dev.arrears.compliance.ComplianceViews.FlagView;
import dev.arrears.compliance.CustomerFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.shared.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of debtor flags and contact times. A flag row is inserted when set and closed when cleared, never
 * deleted; the partial unique index on current rows makes a repeated set find the row already there, also when two
 * requests race. Writes run in the caller's transaction. A customer id the ledger does not know is a
 * {@link NotFoundException}, from the foreign key on writes.
 */
@Repository
public class FlagStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FLAG_COLUMNS = """
            id, customer_id, flag, debt_id, set_at, set_by, reason, cleared_at, cleared_by, clear_reason""";
    /** Flag rows shown in a customer's history: far more than a real customer ever has. */
    private static final int HISTORY_LIMIT = 500;

    private final JdbcClient jdbc;

    FlagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns true when the ledger has the customer (read here for reads; writes rely on the foreign key). */
    public boolean customerExists(long customerId) {
        return jdbc.sql("select exists (select 1 from customer where id = ?)").param(customerId)
                .query(Boolean.class).single();
    }

    /** Inserts a current flag row unless one stands for the customer, flag and debt; empty when one stood. */
    public Optional<FlagView> insertIfAbsent(long customerId, Flag flag, String debtId, Instant at, String by,
                                             String reason) {
        try {
            return jdbc.sql("""
                            insert into debtor_flag (customer_id, flag, debt_id, set_at, set_by, reason)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (customer_id, flag, (coalesce(debt_id, ''))) where cleared_at is null
                            do nothing
                            returning\s""" + FLAG_COLUMNS)
                    .params(customerId, flag.name(), debtId, Timestamp.from(at), by, reason)
                    .query(FlagStore::flag).optional();
        } catch (DataIntegrityViolationException e) {
            throw unknownCustomer(customerId, e);
        }
    }

    /** Returns the current row of a flag for the customer and debt (null debt: all debts), if it stands. */
    public Optional<FlagView> current(long customerId, Flag flag, String debtId) {
        return jdbc.sql("select " + FLAG_COLUMNS + """
                         from debtor_flag
                        where customer_id = ? and flag = ? and coalesce(debt_id, '') = ? and cleared_at is null""")
                .params(customerId, flag.name(), debtId == null ? "" : debtId)
                .query(FlagStore::flag).optional();
    }

    /** Closes the current row of a flag; empty when none stood. */
    public Optional<FlagView> clear(long customerId, Flag flag, String debtId, Instant at, String by,
                                    String reason) {
        return jdbc.sql("""
                        update debtor_flag set cleared_at = ?, cleared_by = ?, clear_reason = ?
                        where customer_id = ? and flag = ? and coalesce(debt_id, '') = ? and cleared_at is null
                        returning\s""" + FLAG_COLUMNS)
                .params(Timestamp.from(at), by, reason, customerId, flag.name(), debtId == null ? "" : debtId)
                .query(FlagStore::flag).optional();
    }

    /** Lists the flags that stand for a customer, oldest first. */
    public List<FlagView> currentFlags(long customerId) {
        return jdbc.sql("select " + FLAG_COLUMNS + " from debtor_flag where customer_id = ? and cleared_at is null"
                        + " order by id")
                .param(customerId).query(FlagStore::flag).list();
    }

    /** Lists every flag row of a customer, set or cleared, newest first. */
    public List<FlagView> history(long customerId) {
        return jdbc.sql("select " + FLAG_COLUMNS + " from debtor_flag where customer_id = ? order by id desc limit ?")
                .params(customerId, HISTORY_LIMIT).query(FlagStore::flag).list();
    }

    /** Returns a customer's stated contact times. */
    /** Returns the customers with a standing dispute (of all debts or one); among some customers, or all (null). */
    public List<Long> disputingCustomers(Collection<Long> among) {
        String sql = "select distinct customer_id from debtor_flag where flag = 'DISPUTE_OPEN' and cleared_at is null";
        return among == null ? jdbc.sql(sql).query(Long.class).list()
                : jdbc.sql(sql + " and customer_id = any (?)").param(among.toArray(Long[]::new)).query(Long.class)
                .list();
    }

    /** Replaces the free-text reasons of a customer's flags (they may describe the person) with a placeholder. */
    public int eraseReasons(long customerId, String placeholder) {
        return jdbc.sql("""
                        update debtor_flag set reason = case when reason is null then null else :p end,
                               clear_reason = case when clear_reason is null then null else :p end
                        where customer_id = :c and (reason is distinct from case when reason is null then null else :p end
                           or clear_reason is distinct from case when clear_reason is null then null else :p end)""")
                .param("p", placeholder).param("c", customerId).update();
    }

    public ContactTimesView times(long customerId) {
        return jdbc.sql("""
                        select inconvenient::text, consented::text, updated_at, updated_by
                        from debtor_contact_times where customer_id = ?""")
                .param(customerId)
                .query((rs, n) -> new ContactTimesView(inconvenient(rs.getString(1)), consented(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .optional().orElse(ContactTimesView.NONE);
    }

    /** Replaces a customer's inconvenient local times. */
    public void putInconvenient(long customerId, List<LocalTimeRange> ranges, Instant at, String by) {
        StringBuilder json = new StringBuilder("[");
        for (LocalTimeRange r : ranges) {
            json.append(json.length() > 1 ? "," : "").append("{\"from\":\"").append(r.from())
                    .append("\",\"to\":\"").append(r.to()).append("\"}");
        }
        put(customerId, "inconvenient", json.append(']').toString(), at, by);
    }

    /** Replaces a customer's consented contact instants. */
    public void putConsented(long customerId, List<InstantRange> ranges, Instant at, String by) {
        StringBuilder json = new StringBuilder("[");
        for (InstantRange r : ranges) {
            json.append(json.length() > 1 ? "," : "").append("{\"from\":\"").append(r.from())
                    .append("\",\"to\":\"").append(r.to()).append("\"}");
        }
        put(customerId, "consented", json.append(']').toString(), at, by);
    }

    private void put(long customerId, String column, String json, Instant at, String by) {
        try {
            jdbc.sql("""
                            insert into debtor_contact_times (customer_id, %1$s, updated_at, updated_by)
                            values (?, ?::jsonb, ?, ?)
                            on conflict (customer_id) do update
                            set %1$s = excluded.%1$s, updated_at = excluded.updated_at,
                                updated_by = excluded.updated_by""".formatted(column))
                    .params(customerId, json, Timestamp.from(at), by).update();
        } catch (DataIntegrityViolationException e) {
            throw unknownCustomer(customerId, e);
        }
    }

    /**
     * Returns the stored facts of each customer, in one query; customers of whom nothing is stored (or whom the
     * ledger does not know) get empty facts.
     */
    public Map<Long, CustomerFacts> facts(Collection<Long> customerIds) {
        Map<Long, Builder> builders = new LinkedHashMap<>();
        for (Long id : customerIds) {
            builders.putIfAbsent(id, new Builder());
        }
        if (builders.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("""
                        select x.id, t.inconvenient::text, t.consented::text, f.flag, f.debt_id
                        from unnest(?::bigint[]) as x(id)
                        left join debtor_contact_times t on t.customer_id = x.id
                        left join debtor_flag f on f.customer_id = x.id and f.cleared_at is null""")
                .param(builders.keySet().toArray(Long[]::new))
                .query(rs -> {
                    Builder b = builders.get(rs.getLong(1));
                    if (b.inconvenient == null) {
                        b.inconvenient = inconvenient(rs.getString(2));
                        b.consented = consented(rs.getString(3));
                    }
                    String flag = rs.getString(4);
                    if (flag != null) {
                        String debt = rs.getString(5);
                        Set<Flag> set = debt == null ? b.flags
                                : b.debtFlags.computeIfAbsent(debt, d -> EnumSet.noneOf(Flag.class));
                        set.add(Flag.valueOf(flag));
                    }
                });
        Map<Long, CustomerFacts> facts = new HashMap<>(builders.size() * 2);
        builders.forEach((id, b) -> facts.put(id, new CustomerFacts(id, b.flags, b.debtFlags,
                b.inconvenient == null ? List.of() : b.inconvenient, b.consented == null ? List.of() : b.consented)));
        return facts;
    }

    private static final class Builder {
        final Set<Flag> flags = EnumSet.noneOf(Flag.class);
        final Map<String, Set<Flag>> debtFlags = new HashMap<>();
        List<LocalTimeRange> inconvenient;
        List<InstantRange> consented;
    }

    private static List<LocalTimeRange> inconvenient(String json) {
        if (json == null) {
            return List.of();
        }
        List<LocalTimeRange> ranges = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            ranges.add(new LocalTimeRange(LocalTime.parse(node.get("from").asString()),
                    LocalTime.parse(node.get("to").asString())));
        }
        return ranges;
    }

    private static List<InstantRange> consented(String json) {
        if (json == null) {
            return List.of();
        }
        List<InstantRange> ranges = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            ranges.add(new InstantRange(Instant.parse(node.get("from").asString()),
                    Instant.parse(node.get("to").asString())));
        }
        return ranges;
    }

    private static FlagView flag(ResultSet rs, int n) throws SQLException {
        Timestamp cleared = rs.getTimestamp("cleared_at");
        return new FlagView(rs.getLong("id"), rs.getLong("customer_id"), Flag.valueOf(rs.getString("flag")),
                rs.getString("debt_id"), rs.getTimestamp("set_at").toInstant(), rs.getString("set_by"),
                rs.getString("reason"), cleared == null ? null : cleared.toInstant(), rs.getString("cleared_by"),
                rs.getString("clear_reason"));
    }

    /** Turns a foreign-key violation on customer_id into a 404; anything else goes on as it was. */
    private static RuntimeException unknownCustomer(long customerId, DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
            return new NotFoundException("No customer with id " + customerId);
        }
        return e;
    }
}
