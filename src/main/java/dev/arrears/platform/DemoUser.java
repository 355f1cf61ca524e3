package dev.arrears.platform;

import dev.arrears.platform.DatabaseConfiguration.DatabaseTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * On the embedded database only, creates the demo user (printed once at start-up and written in the README).
 * With an external database no default password exists: users are created with {@code arrears user add}.
 */
@Component
class DemoUser {

    static final String USERNAME = "demo";
    static final String PASSWORD = "arrears-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoUser.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final DatabaseTarget target;
    private final Clock clock;

    DemoUser(JdbcClient jdbc, PasswordEncoder encoder, DatabaseTarget target, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.target = target;
        this.clock = clock;
        if (target.embedded()) {
            ensure();
        }
    }

    private void ensure() {
        int created = jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USERNAME, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(clock.instant()))
                .update();
        if (created == 1) {
            log.info("Created the demo user on the embedded database");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (target.embedded()) {
            System.out.println();
            System.out.println("  Arrears demo login (embedded database only): user '" + USERNAME + "', password '"
                    + PASSWORD + "'");
            System.out.println();
        }
    }
}
