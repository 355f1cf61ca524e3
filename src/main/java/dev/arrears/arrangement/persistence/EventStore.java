package dev.arrears.arrangement.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** The gateway events already applied ({@code payment_event}): a repeated event id is recognised here. */
@Repository
public class EventStore {

    private final JdbcClient jdbc;

    EventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an event id in the caller's transaction; returns false when the gateway's event is already recorded
     * (an identical insert by a concurrent transaction waits for it and then finds it).
     */
    public boolean record(String gateway, String eventId, String type, String paymentRef, Instant at) {
        return jdbc.sql("""
                        insert into payment_event (gateway, event_id, type, payment_ref, received_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(gateway, eventId, type, paymentRef, Timestamp.from(at))
                .update() == 1;
    }
}
