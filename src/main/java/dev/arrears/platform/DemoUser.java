package dev.arrears.platform;

import dev.arrears.platform.DatabaseConfiguration.DatabaseTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * On the embedded database only, creates the demo users (printed once at start-up and written in the README):
 * {@code demo}, an administrator,, and one user per role named after it ({@code admin}, {@code collector}, …), all with
 * the password {@value #PASSWORD}. With an external database no default password exists: users are created with
 * {@code arrears user add}.
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
        Set<String> present = Set.copyOf(jdbc.sql("select username from app_user").query(String.class).list());
        // one hash for all: bcrypt costs ~80 ms each, and the users share the password anyway
        String hash = null;
        int created = 0;
        for (Map.Entry<String, String> user : users().entrySet()) {
            if (present.contains(user.getKey())) {
                continue;
            }
            hash = hash == null ? encoder.encode(PASSWORD) : hash;
            created += jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                    .params(user.getKey(), hash, user.getValue(), Timestamp.from(clock.instant()))
                    .update();
        }
        if (created > 0) {
            log.info("Created {} demo users on the embedded database", created);
        }
    }

    /** Returns the demo users and their roles: demo, then one per role, named after it. */
    static Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        // demo stays the administrator it always was; approving needs collector, supervisor or manager
        users.put(USERNAME, "{ADMIN}");
        for (Role role : Role.values()) {
            users.put(role.name().toLowerCase(Locale.ROOT), "{" + role.name() + "}");
        }
        return users;
    }

    @EventListener
    void announce(ApplicationReadyEvent ready) {
        // only a server announces it: a command's stdout is its output (a generated password, a token)
        if (target.embedded() && ready.getApplicationContext() instanceof WebServerApplicationContext) {
            System.out.println();
            System.out.println("  Arrears demo login (embedded database only): user '" + USERNAME + "' (administrator)"
                    + " or one user per role (" + String.join(", ", users().keySet().stream().skip(1).toList())
                    + "), password '" + PASSWORD + "'");
            System.out.println();
        }
    }
}
