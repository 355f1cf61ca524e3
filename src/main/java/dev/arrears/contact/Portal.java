package dev.arrears.contact;

import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.PortalToken.Verification;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The customer's portal links: signs tokens for accounts with the installation's key (see {@link PortalKeys}),
 * builds the payment link {@code <base-url>/portal/{token}} and the opt-out link {@code <base-url>/optout/{token}},
 * and verifies tokens at the clock's instant. Links stay valid for {@code arrears.portal.link-validity} (30 days by
 * default) from when they are made.
 */
@Service
public class Portal {

    private final PortalToken tokens;
    private final Clock clock;
    private final String baseUrl;
    private final Duration validity;

    Portal(Clock clock,
           @Value("${arrears.portal.key:}") String key,
           @Value("${arrears.portal.base-url:http://localhost:8080}") String baseUrl,
           @Value("${arrears.portal.link-validity:P30D}") Duration validity,
           @Value("${arrears.portal.key-file:}") String keyFile,
           @Value("${arrears.db.url:}") String databaseUrl,
           @Value("${arrears.db.embedded.data-dir:./data/postgres}") String embeddedDataDir) {
        Path file = keyFile == null || keyFile.isBlank()
                ? Path.of(embeddedDataDir).toAbsolutePath().normalize().resolveSibling("portal.key")
                : Path.of(keyFile);
        this.tokens = new PortalToken(PortalKeys.resolve(key, databaseUrl != null && !databaseUrl.isBlank(), file));
        this.clock = clock;
        this.baseUrl = checkedBaseUrl(baseUrl);
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalStateException("arrears.portal.link-validity must be positive, was " + validity);
        }
        this.validity = validity;
    }

    /** Returns a token for an account, valid for the configured time from now. */
    public String token(long accountId) {
        return tokens.sign(Claims.of(accountId, clock.instant().plus(validity)));
    }

    /** Returns a token for an account that suggests paying an amount. */
    public String token(long accountId, Money suggested) {
        return tokens.sign(new Claims(accountId, clock.instant().plus(validity), suggested.minor(),
                suggested.currency().getCurrencyCode()));
    }

    /** Returns a token for an account that expires at the given instant, with a suggested amount or none (null). */
    public String token(long accountId, Instant expiresAt, Money suggested) {
        return tokens.sign(suggested == null ? Claims.of(accountId, expiresAt)
                : new Claims(accountId, expiresAt, suggested.minor(), suggested.currency().getCurrencyCode()));
    }

    /** Returns the payment link of a fresh token for an account. */
    public String paymentLink(long accountId) {
        return link(token(accountId));
    }

    /** Returns the portal link of a token. */
    public String link(String token) {
        return baseUrl + "/portal/" + token;
    }

    /** Returns the link that opts the token's account out of a channel ({@code /optout/{token}?channel=email}). */
    public String optOutLink(String token, Channel channel) {
        return baseUrl + "/optout/" + token + "?channel=" + channel.name().toLowerCase(Locale.ROOT);
    }

    /** Checks a token now. */
    public Verification verify(String token) {
        return tokens.verify(token, clock.instant());
    }

    /** Returns the base URL links start with, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Returns how long a new link stays valid. */
    public Duration validity() {
        return validity;
    }

    /**
     * Returns a token as long as this installation's links get: an account id and a suggested amount of 35 bits
     * each (34 billion accounts, 343 million in major units), with the configured validity. About 48 characters.
     */
    String longestToken() {
        long large = (1L << 35) - 1;
        return tokens.sign(new Claims(large, clock.instant().plus(validity), large, LONGEST_CURRENCY));
    }

    /** Any three-letter code gives the token's longest length; ISO 4217's "no currency" says it stands for none. */
    private static final String LONGEST_CURRENCY = "XXX";

    private static String checkedBaseUrl(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("arrears.portal.base-url (ARREARS_PORTAL_BASE_URL) must be an http(s) URL "
                + "such as https://pay.example.com, was '" + url + "'");
    }
}
