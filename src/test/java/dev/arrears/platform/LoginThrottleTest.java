package dev.arrears.platform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.arrears.shared.LoginLockedOut;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's counting and time on the real tables, with a clock the test moves and limits of its own: five
 * failures in the window lock a name for the lock time, older failures fall out of the window, a client address
 * has its own limit across names, and success or an unlock forgets the name's failures.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {

    @Autowired
    JdbcClient jdbc;

    /** A clock that stands still until moved. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-11-23T04:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }
    }

    private final Hands clock = new Hands();
    private final List<LoginLockedOut> locks = new ArrayList<>();
    private final ApplicationEventPublisher events = e -> {
        if (e instanceof LoginLockedOut l) {
            locks.add(l);
        }
    };

    private LoginThrottle throttle() {
        return new LoginThrottle(jdbc, clock, events, 5, 8, Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void fiveFailuresWithinFifteenMinutes_lockTheNameForFifteenMinutes() {
        LoginThrottle t = throttle();
        String name = name();
        String client = client();
        for (int i = 1; i <= 4; i++) {
            assertThat(t.failed(name, client)).isFalse();
            clock.move(Duration.ofMinutes(3));
        }
        assertThat(t.lockedUntil(name, client)).isEmpty();
        assertThat(t.failed(name, client)).isTrue();
        assertThat(t.lockedUntil(name, client)).hasValue(clock.now.plus(Duration.ofMinutes(15)));
        assertThat(t.lockedUntil(name.toUpperCase(), client())).as("the name is locked from any address, in any case")
                .isPresent();
        assertThat(locks).singleElement().satisfies(l -> assertThat(l.scope()).isEqualTo("user"));
        clock.move(Duration.ofMinutes(15));
        assertThat(t.lockedUntil(name, client)).as("the lock ends on time").isEmpty();
        assertThat(t.failed(name, client)).as("and the count starts again").isFalse();
    }

    @Test
    void failuresOlderThanTheWindow_doNotCount() {
        LoginThrottle t = throttle();
        String name = name();
        for (int i = 1; i <= 4; i++) {
            t.failed(name, client());
        }
        clock.move(Duration.ofMinutes(16));
        assertThat(t.failed(name, client())).isFalse();
        assertThat(t.lockedUntil(name, client())).isEmpty();
    }

    @Test
    void oneClientAddress_isLockedAfterItsOwnLimit_acrossNames() {
        LoginThrottle t = throttle();
        String client = client();
        for (int i = 1; i <= 7; i++) {
            assertThat(t.failed(name(), client)).isFalse();
        }
        assertThat(t.failed(name(), client)).isTrue();
        assertThat(t.lockedUntil(name(), client)).as("any name from that address").isPresent();
        assertThat(t.lockedUntil(name(), client())).as("another address").isEmpty();
        assertThat(locks).singleElement().satisfies(l -> assertThat(l.scope()).isEqualTo("client"));
    }

    @Test
    void successAndUnlock_forgetTheNamesFailures() {
        LoginThrottle t = throttle();
        String name = name();
        for (int i = 1; i <= 4; i++) {
            t.failed(name, client());
        }
        t.succeeded(name);
        assertThat(t.failed(name, client())).as("the count started again at success").isFalse();
        for (int i = 1; i <= 4; i++) {
            t.failed(name, client());
        }
        assertThat(t.locked(name)).isTrue();
        assertThat(t.unlock(name)).isTrue();
        assertThat(t.locked(name)).isFalse();
        assertThat(t.unlock(name)).as("unlocking again changes nothing").isFalse();
    }

    private static String name() {
        return "throttle-" + UUID.randomUUID();
    }

    private static String client() {
        return "10." + UUID.randomUUID().toString().substring(0, 8);
    }
}
