package dev.arrears.platform;

import dev.arrears.shared.LoginLockedOut;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing: {@code arrears.security.login.max-failures} (5) failed sign-ins for one user name within
 * {@code arrears.security.login.window} (15 minutes) lock that name for {@code arrears.security.login.lock} (15
 * minutes), and {@code max-failures-per-client} (20) from one client address lock the address (higher, because an
 * office signs in from one address). The lock holds whether or not the name is a user's, so that the lock-out reveals
 * nothing about which names exist, and whatever password comes next. Kept in the database, so every node honours
 * it; names and addresses are stored as SHA-256 digests. Time comes from the injected clock.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final int maxFailures;
    private final int maxFailuresPerClient;
    private final Duration window;
    private final Duration lock;

    LoginThrottle(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
                  @Value("${arrears.security.login.max-failures:5}") int maxFailures,
                  @Value("${arrears.security.login.max-failures-per-client:20}") int maxFailuresPerClient,
                  @Value("${arrears.security.login.window:PT15M}") Duration window,
                  @Value("${arrears.security.login.lock:PT15M}") Duration lock) {
        if (maxFailures < 1 || maxFailuresPerClient < 1 || window.isNegative() || lock.isNegative()) {
            throw new IllegalStateException("arrears.security.login.*: failures must be at least 1, durations positive");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.maxFailures = maxFailures;
        this.maxFailuresPerClient = maxFailuresPerClient;
        this.window = window;
        this.lock = lock;
    }

    /** Returns until when a user name or a client address is locked, or empty when both may try. */
    Optional<Instant> lockedUntil(String username, String client) {
        Timestamp latest = jdbc.sql("select max(locked_until) from login_lock where lock_key in (?, ?) and locked_until > ?")
                .params("user:" + userKey(username), "client:" + clientKey(client), Timestamp.from(clock.instant()))
                .query(Timestamp.class).optional().orElse(null);
        return Optional.ofNullable(latest).map(Timestamp::toInstant);
    }

    /** Records a failed sign-in; returns true when it locked the name or the address. */
    boolean failed(String username, String client) {
        Instant now = clock.instant();
        Timestamp cutoff = Timestamp.from(now.minus(window));
        String user = userKey(username);
        String address = clientKey(client);
        jdbc.sql("insert into login_failure (user_key, client_key, failed_at) values (?, ?, ?)")
                .params(user, address, Timestamp.from(now)).update();
        // older failures no longer count: drop them, this key's only, so that the table stays small
        jdbc.sql("delete from login_failure where (user_key = ? or client_key = ?) and failed_at <= ?")
                .params(user, address, cutoff).update();
        boolean locked = false;
        if (count("user_key", user, cutoff) >= maxFailures) {
            lock("user:" + user, now);
            // the lock now holds the name; its count starts again when the lock ends
            jdbc.sql("delete from login_failure where user_key = ?").param(user).update();
            events.publishEvent(new LoginLockedOut(username, client, "user", now.plus(lock), now));
            locked = true;
        }
        if (count("client_key", address, cutoff) >= maxFailuresPerClient) {
            lock("client:" + address, now);
            jdbc.sql("delete from login_failure where client_key = ?").param(address).update();
            events.publishEvent(new LoginLockedOut(username, client, "client", now.plus(lock), now));
            locked = true;
        }
        return locked;
    }

    /** Forgets a user name's failures after it signed in. */
    void succeeded(String username) {
        jdbc.sql("delete from login_failure where user_key = ?").param(userKey(username)).update();
    }

    /** Lifts the lock on a user name and forgets its failures; returns true when it was locked. */
    boolean unlock(String username) {
        String user = userKey(username);
        jdbc.sql("delete from login_failure where user_key = ?").param(user).update();
        return jdbc.sql("delete from login_lock where lock_key = ? and locked_until > ?")
                .params("user:" + user, Timestamp.from(clock.instant())).update() > 0;
    }

    /** Returns true when a user name is locked now. */
    boolean locked(String username) {
        return jdbc.sql("select count(*) from login_lock where lock_key = ? and locked_until > ?")
                .params("user:" + userKey(username), Timestamp.from(clock.instant())).query(Long.class).single() > 0;
    }

    private long count(String column, String key, Timestamp cutoff) {
        return jdbc.sql("select count(*) from login_failure where " + column + " = ? and failed_at > ?")
                .params(key, cutoff).query(Long.class).single();
    }

    private void lock(String key, Instant now) {
        jdbc.sql("""
                        insert into login_lock (lock_key, locked_until) values (?, ?)
                        on conflict (lock_key) do update set locked_until = excluded.locked_until""")
                .params(key, Timestamp.from(now.plus(lock))).update();
    }

    /** Returns the stored key of a user name: names are matched without regard to case. */
    static String userKey(String username) {
        return sha256(username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String clientKey(String client) {
        return sha256(client == null ? "unknown" : client);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
