package dev.arrears.platform;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.CallWorkers;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.UserChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The people who sign in: create with roles and a password (bcrypt at rest), change roles, disable and enable,
 * reset a password, lift a lock-out. Every change is announced with {@link UserChanged} for the audit trail, in the
 * transaction that makes it. Names are 2–64 characters of letters, digits and {@code . _ @ -}; passwords at least
 * {@value #MIN_PASSWORD} characters. A user cannot disable itself or take ADMIN from itself, so that an
 * installation keeps an administrator.
 */
@Service
public class Users implements CallWorkers {

    /**
     * Roles that work call tasks: those the workbench and {@code GET /api/v1/call-tasks/next} admit, so a task is
     * only ever assigned to someone who may claim it (docs/workbench.md).
     */
    public static final Set<Role> CALL_WORKERS = EnumSet.of(Role.COLLECTOR, Role.SUPERVISOR, Role.MANAGER,
            Role.AGENCY, Role.ADMIN);

    /** Shortest password accepted, in characters. */
    public static final int MIN_PASSWORD = 12;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** A user as listed: never the password hash. */
    public record UserView(String username, List<Role> roles, boolean enabled, boolean locked, Instant createdAt) {
        public UserView {
            roles = List.copyOf(roles);
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    Users(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, TransactionTemplate transactions,
          ApplicationEventPublisher events, LoginThrottle throttle) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.throttle = throttle;
    }

    /** Creates an enabled user; 400 for a bad name, roles or password, 409 when the name is taken. */
    public UserView add(String username, Collection<String> roles, String password, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.strip();
        if (!NAME.matcher(name).matches()) {
            errors.add(FieldError.at("/username", "2 to 64 letters, digits or . _ @ -"));
        }
        Set<Role> wanted = roles(roles, errors);
        checkPassword(password, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (user(name).isPresent()) {
                throw new ConflictException("A user named " + name + " exists already", List.of());
            }
            jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?)""")
                    .params(name, encoder.encode(password), array(wanted), Timestamp.from(now)).update();
            events.publishEvent(new UserChanged(name, "CREATED", names(wanted), by(actor), now));
        });
        return user(name).orElseThrow();
    }

    /** Lists every user by name. */
    public List<UserView> list() {
        return jdbc.sql("select username, roles, enabled, created_at from app_user order by username")
                .query((rs, n) -> view(rs)).list();
    }

    /** Returns a user by exact name. */
    public Optional<UserView> user(String username) {
        return jdbc.sql("select username, roles, enabled, created_at from app_user where username = ?")
                .param(username).query((rs, n) -> view(rs)).optional();
    }

    /** Returns true when the name is an enabled user holding one of {@link #CALL_WORKERS}. */
    @Override
    public boolean mayWorkCalls(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            return false;
        }
        return jdbc.sql("select roles from app_user where username = ? and enabled")
                .param(username)
                .query((rs, n) -> Arrays.stream((String[]) rs.getArray(1).getArray())
                        .anyMatch(r -> CALL_WORKERS.stream().anyMatch(w -> w.name().equals(r))))
                .optional().orElse(false);
    }

    /** Replaces a user's roles. */
    public UserView setRoles(String username, Collection<String> roles, String actor) {
        List<FieldError> errors = new ArrayList<>();
        Set<Role> wanted = roles(roles, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UserView before = existing(username);
        if (username.equals(actor) && before.roles().contains(Role.ADMIN) && !wanted.contains(Role.ADMIN)) {
            throw new ConflictException("You cannot take the role ADMIN from yourself: another administrator must", List.of());
        }
        change(username, "ROLES_CHANGED", wanted, "update app_user set roles = ?::text[] where username = ?",
                array(wanted), username, actor);
        return existing(username);
    }

    /** Disables or enables a user; a disabled user cannot sign in. */
    public UserView setEnabled(String username, boolean enabled, String actor) {
        UserView before = existing(username);
        if (!enabled && username.equals(actor)) {
            throw new ConflictException("You cannot disable yourself: another administrator must", List.of());
        }
        if (before.enabled() != enabled) {
            change(username, enabled ? "ENABLED" : "DISABLED", EnumSet.copyOf(nonEmpty(before.roles())),
                    "update app_user set enabled = ? where username = ?", enabled, username, actor);
        }
        return existing(username);
    }

    /** Sets a new password (the given one, or a generated one when null) and returns it. */
    public String resetPassword(String username, String password, String actor) {
        UserView before = existing(username);
        String chosen = password == null ? generatePassword() : password;
        List<FieldError> errors = new ArrayList<>();
        checkPassword(chosen, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        change(username, "PASSWORD_RESET", EnumSet.copyOf(nonEmpty(before.roles())),
                "update app_user set password_hash = ? where username = ?", encoder.encode(chosen), username, actor);
        return chosen;
    }

    /** Lifts a lock-out of a user name (repeated failed sign-ins); returns true when it was locked. */
    public boolean unlock(String username, String actor) {
        UserView before = existing(username);
        boolean was = throttle.unlock(username);
        if (was) {
            events.publishEvent(new UserChanged(username, "UNLOCKED", names(before.roles()), by(actor),
                    clock.instant()));
        }
        return was;
    }

    /** Returns a random password of 16 characters from an alphabet without look-alikes (about 93 bits). */
    public String generatePassword() {
        StringBuilder out = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private void change(String username, String change, Set<Role> roles, String sql, Object value, String name,
                        String actor) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            jdbc.sql(sql).params(value, name).update();
            events.publishEvent(new UserChanged(username, change, names(roles), by(actor), now));
        });
    }

    private UserView existing(String username) {
        return user(username).orElseThrow(() -> new NotFoundException("No user named " + username));
    }

    private static Set<Role> roles(Collection<String> roles, List<FieldError> errors) {
        Set<Role> wanted = EnumSet.noneOf(Role.class);
        if (roles == null || roles.stream().allMatch(r -> r == null || r.isBlank())) {
            errors.add(FieldError.at("/roles", "at least one role is required, of " + Arrays.toString(Role.values())));
            return wanted;
        }
        for (String role : roles) {
            if (role == null || role.isBlank()) {
                continue;
            }
            try {
                wanted.add(Role.valueOf(role.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.at("/roles", "unknown role '" + role.strip() + "'; known: "
                        + Arrays.toString(Role.values())));
            }
        }
        return wanted;
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 72) {
            // bcrypt reads at most 72 bytes: a longer password would be silently cut
            errors.add(FieldError.at("/password", "the password must be " + MIN_PASSWORD + " to 72 characters"));
        } else if (password.isBlank()) {
            errors.add(FieldError.at("/password", "the password must not be blank"));
        }
    }

    private static Collection<Role> nonEmpty(List<Role> roles) {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles;
    }

    private static List<String> names(Collection<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }

    private static String array(Set<Role> roles) {
        return "{" + String.join(",", names(roles)) + "}";
    }

    private static String by(String actor) {
        return actor == null || actor.isBlank() ? "system" : actor;
    }

    private UserView view(ResultSet rs) throws SQLException {
        String name = rs.getString("username");
        List<Role> roles = Arrays.stream((String[]) rs.getArray("roles").getArray())
                .flatMap(r -> Arrays.stream(Role.values()).filter(x -> x.name().equals(r))).toList();
        return new UserView(name, roles, rs.getBoolean("enabled"), throttle.locked(name),
                rs.getTimestamp("created_at").toInstant());
    }
}
