package dev.arrears.platform;

import dev.arrears.shared.ApiTokenChanged;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens for integrations: {@code arr_} and 43 characters of URL-safe base64 (256 random bits), shown once when
 * created and kept only as their SHA-256, which is enough for a secret of that strength and costs microseconds a
 * request where a password hash such as bcrypt costs tens of milliseconds. Each token carries scopes
 * ({@link #SCOPES}), can be revoked, and records when it was last used (at most once a minute, to keep the hot path
 * free of writes). Verified tokens are cached for {@value #CACHE_MILLIS} ms on each node; a revocation takes effect
 * at once on the node that made it and within that time on the others. Creations and revocations are announced
 * with {@link ApiTokenChanged} for the audit trail.
 */
@Service
public class ApiTokens {

    /** Scopes a token may carry: {@code read} is every GET; the others allow the writes they name. */
    public static final Set<String> SCOPES = Set.of("read", "payments:write", "imports:write");

    static final String PREFIX = "arr_";
    private static final int RANDOM_BYTES = 32;
    private static final long CACHE_MILLIS = 5_000;
    private static final long TOUCH_MILLIS = 60_000;

    /** A token as listed: never the token itself. */
    public record TokenView(long id, String name, String prefix, List<String> scopes, String createdBy,
                            Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        public TokenView {
            scopes = List.copyOf(scopes);
        }

        /** Returns true when the token is still honoured. */
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A token just created: {@code token} is shown this once and cannot be read again. */
    public record CreatedToken(String token, TokenView view) {
    }

    private record Cached(TokenView view, long loadedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Long> touched = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
    }

    /** Creates a token with a name and scopes; returns it with the secret, which is not stored. */
    public CreatedToken create(String name, List<String> scopes, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            errors.add(FieldError.at("/name", "name is required, at most 100 characters"));
        }
        Set<String> wanted = new LinkedHashSet<>();
        if (scopes == null || scopes.isEmpty()) {
            errors.add(FieldError.at("/scopes", "at least one scope is required, of " + sorted(SCOPES)));
        } else {
            for (String scope : scopes) {
                if (scope == null || !SCOPES.contains(scope.strip())) {
                    errors.add(FieldError.at("/scopes", "unknown scope '" + scope + "'; known: " + sorted(SCOPES)));
                } else {
                    wanted.add(scope.strip());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = token.substring(0, PREFIX.length() + 6);
        Instant now = clock.instant();
        String by = actor == null || actor.isBlank() ? "system" : actor;
        List<String> list = List.copyOf(wanted);
        long id = transactions.execute(status -> {
            long created = jdbc.sql("""
                            insert into api_token (name, token_sha256, prefix, scopes, created_by, created_at)
                            values (?, ?, ?, ?::text[], ?, ?) returning id""")
                    .params(trimmed, sha256(token), prefix, "{" + String.join(",", list) + "}", by,
                            Timestamp.from(now))
                    .query(Long.class).single();
            events.publishEvent(new ApiTokenChanged(created, trimmed, list, false, by, now));
            return created;
        });
        return new CreatedToken(token, token(id).orElseThrow());
    }

    /** Lists every token, newest first. */
    public List<TokenView> list() {
        return jdbc.sql("select * from api_token order by id desc").query((rs, n) -> view(rs)).list();
    }

    /** Returns a token's listing. */
    public Optional<TokenView> token(long id) {
        return jdbc.sql("select * from api_token where id = ?").param(id).query((rs, n) -> view(rs)).optional();
    }

    /** Revokes a token (404 when unknown); revoking it again changes nothing. */
    public TokenView revoke(long id, String actor) {
        TokenView before = token(id).orElseThrow(() -> new NotFoundException("No API token with id " + id));
        if (!before.active()) {
            return before;
        }
        Instant now = clock.instant();
        String by = actor == null || actor.isBlank() ? "system" : actor;
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                    .params(Timestamp.from(now), by, id).update() == 1) {
                events.publishEvent(new ApiTokenChanged(id, before.name(), before.scopes(), true, by, now));
            }
        });
        cache.values().removeIf(c -> c.view().id() == id);
        return token(id).orElseThrow();
    }

    /** Returns the active token a presented secret belongs to, marking it used; empty for unknown or revoked ones. */
    public Optional<TokenView> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        String key = HexFormat.of().formatHex(hash);
        long nowMillis = System.nanoTime() / 1_000_000;
        Cached cached = cache.get(key);
        TokenView view;
        if (cached != null && nowMillis - cached.loadedAt() < CACHE_MILLIS) {
            view = cached.view();
        } else {
            Optional<TokenView> loaded = jdbc.sql("select * from api_token where token_sha256 = ?").param(hash)
                    .query((rs, n) -> view(rs)).optional();
            if (loaded.isEmpty() || !loaded.get().active()) {
                cache.remove(key);
                return Optional.empty();
            }
            view = loaded.get();
            cache.put(key, new Cached(view, nowMillis));
        }
        touch(view.id(), nowMillis);
        return Optional.of(view);
    }

    /** Records the last use at most once a minute per token and node. */
    private void touch(long id, long nowMillis) {
        Long last = touched.get(id);
        if (last != null && nowMillis - last < TOUCH_MILLIS) {
            return;
        }
        if (last == null ? touched.putIfAbsent(id, nowMillis) == null : touched.replace(id, last, nowMillis)) {
            jdbc.sql("update api_token set last_used_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), id).update();
        }
    }

    /** Returns the SHA-256 of a token's text. */
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static TokenView view(ResultSet rs) throws SQLException {
        return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                Arrays.asList((String[]) rs.getArray("scopes").getArray()), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String sorted(Set<String> scopes) {
        return String.join(", ", scopes.stream().sorted().toList());
    }
}
