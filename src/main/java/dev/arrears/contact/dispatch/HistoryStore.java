package dev.arrears.contact.dispatch;

import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contact history ({@code contact_attempt}): every message a provider accepted and every call dialled with its
 * outcome, per customer, with the debts it was about and the address used. What the guard counts.
 */
final class HistoryStore {

    private final JdbcClient jdbc;

    HistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact to record; {@code outcome} and {@code result} only for calls. */
    record ContactRow(long customerId, Long accountId, Channel channel, Direction direction, Instant at,
                      Outcome outcome, List<String> debtIds, String address, Long jobId, Long callTaskId,
                      String recordedBy) {
    }

    /** Records contacts; returns their ids in order. */
    List<Long> record(List<ContactRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        insert into contact_attempt (customer_id, account_id, channel, direction, at, outcome, debt_ids,
                            address, job_id, call_task_id, recorded_by, created_at)
                        select u.customer_id, u.account_id, u.channel, u.direction, u.at::timestamptz, u.outcome,
                               string_to_array(u.debts, ','), u.address, u.job_id, u.call_task_id, u.recorded_by, ?
                        from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::bigint[], ?::bigint[], ?::text[])
                             with ordinality as u(customer_id, account_id, channel, direction, at, outcome, debts,
                                  address, job_id, call_task_id, recorded_by, n)
                        order by u.n
                        returning id""")
                .params(Timestamp.from(now),
                        rows.stream().map(ContactRow::customerId).toArray(Long[]::new),
                        rows.stream().map(ContactRow::accountId).toArray(Long[]::new),
                        rows.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.direction().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.at().toString()).toArray(String[]::new),
                        rows.stream().map(r -> r.outcome() == null ? null : r.outcome().name()).toArray(String[]::new),
                        rows.stream().map(r -> String.join(",", r.debtIds())).toArray(String[]::new),
                        rows.stream().map(ContactRow::address).toArray(String[]::new),
                        rows.stream().map(ContactRow::jobId).toArray(Long[]::new),
                        rows.stream().map(ContactRow::callTaskId).toArray(Long[]::new),
                        rows.stream().map(ContactRow::recordedBy).toArray(String[]::new))
                .query(Long.class).list();
    }

    /** Returns each customer's contacts since an instant, oldest first, as the guard reads them. */
    Map<Long, List<Attempt>> since(Collection<Long> customerIds, Instant from) {
        Map<Long, List<Attempt>> history = new HashMap<>();
        if (customerIds.isEmpty()) {
            return history;
        }
        jdbc.sql("""
                        select customer_id, channel, direction, at, outcome, debt_ids, address from contact_attempt
                        where customer_id = any (?) and at >= ? order by customer_id, at, id""")
                .params(customerIds.toArray(Long[]::new), Timestamp.from(from))
                .query(rs -> {
                    String outcome = rs.getString(5);
                    history.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Attempt(
                            Channel.valueOf(rs.getString(2)), Direction.valueOf(rs.getString(3)),
                            rs.getTimestamp(4).toInstant(), outcome == null ? null : Outcome.valueOf(outcome),
                            JobStore.texts(rs.getArray(6)), rs.getString(7)));
                });
        return history;
    }

    /** A call dialled whose outcome is not recorded yet: its id. */
    Optional<Long> openCall(long callTaskId) {
        return jdbc.sql("""
                        select id from contact_attempt where call_task_id = ? and channel = 'CALL' and outcome is null
                        order by id desc limit 1""")
                .param(callTaskId).query(Long.class).optional();
    }

    /** Records how a dialled call ended. */
    void recordOutcome(long attemptId, Outcome outcome, String result, String note, Instant at) {
        jdbc.sql("update contact_attempt set outcome = ?, result = ?, note = ?, outcome_at = ? where id = ?")
                .params(outcome.name(), result, note, Timestamp.from(at), attemptId).update();
    }
}
