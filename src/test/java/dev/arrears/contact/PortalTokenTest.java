package dev.arrears.contact;

import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.PortalToken.Expired;
import dev.arrears.contact.PortalToken.Invalid;
import dev.arrears.contact.PortalToken.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The portal token: what verifies, what is refused as tampered or expired, and how the key is found. */
class PortalTokenTest {

    private static final byte[] KEY = "an-example-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private final PortalToken tokens = new PortalToken(KEY);

    @Test
    void validTokenCarriesItsClaims() {
        Claims claims = new Claims(123_456, NOW.plusSeconds(3600), 15_800L, "CNY");
        String token = tokens.sign(claims);
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(50);
        assertThat(tokens.verify(token, NOW)).isEqualTo(new Valid(claims));
    }

    @Test
    void tokenWithoutAmountIsShortEnoughForAnSms() {
        String token = tokens.sign(Claims.of(1_234_567, NOW.plusSeconds(30L * 86_400)));
        assertThat(token).hasSizeLessThanOrEqualTo(36);
        assertThat(tokens.verify(token, NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void expiresAtItsExpiryInstant() {
        Claims claims = Claims.of(42, NOW.plusSeconds(60));
        String token = tokens.sign(claims);
        assertThat(tokens.verify(token, NOW.plusSeconds(59))).isInstanceOf(Valid.class);
        assertThat(tokens.verify(token, NOW.plusSeconds(60))).isEqualTo(new Expired(claims));
    }

    @Test
    void everyChangedCharacterIsRefused() {
        String token = tokens.sign(Claims.of(42, NOW.plusSeconds(3600)));
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(tokens.verify(altered, NOW)).as("character %d changed", i).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void aLongerAccountIdWithTheOldSignatureIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.sign(Claims.of(42, NOW.plusSeconds(3600))));
        bytes[2] = 43; // the account id's only byte: 42 → 43, signature untouched
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(tokens.verify(forged, NOW)).isEqualTo(new Invalid("the signature does not match"));
    }

    @Test
    void anotherKeysTokenIsRefused() {
        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[0] ^= 1;
        String token = new PortalToken(other).sign(Claims.of(42, NOW.plusSeconds(3600)));
        assertThat(tokens.verify(token, NOW)).isInstanceOf(Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "not a token", "AAAA", "AQA=", "AQEqBB+/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void garbageIsRefused(String token) {
        assertThat(tokens.verify(token, NOW)).isInstanceOf(Invalid.class);
    }

    @Test
    void paddedOrNonCanonicalEncodingsAreRefused() {
        String token = tokens.sign(Claims.of(42, NOW.plusSeconds(3600)));
        assertThat(tokens.verify(token + "=", NOW)).isInstanceOf(Invalid.class);
        assertThat(tokens.verify(token + "==", NOW)).isInstanceOf(Invalid.class);
    }

    @Test
    void refusesShortKeysAndBadClaims() {
        assertThatThrownBy(() -> new PortalToken(new byte[31])).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> Claims.of(0, NOW)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Claims(1, NOW, 100L, null)).hasMessageContaining("currency");
        assertThatThrownBy(() -> new Claims(1, NOW, 100L, "cny")).hasMessageContaining("ISO 4217");
    }

    @Test
    void configuredKeyWinsAndMustBeLongEnough(@TempDir Path dir) {
        assertThat(PortalKeys.resolve("k".repeat(32), true, dir.resolve("portal.key")))
                .isEqualTo("k".repeat(32).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PortalKeys.resolve("short", false, dir.resolve("portal.key")))
                .hasMessageContaining("at least 32");
        assertThat(dir.resolve("portal.key")).doesNotExist();
    }

    @Test
    void externalDatabaseWithoutAKeyRefusesToStart(@TempDir Path dir) {
        assertThatThrownBy(() -> PortalKeys.resolve("", true, dir.resolve("portal.key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARREARS_PORTAL_KEY").hasMessageContaining("ARREARS_DB_URL");
    }

    @Test
    void embeddedDatabaseGeneratesAKeyOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/portal.key");
        byte[] first = PortalKeys.resolve(null, false, file);
        assertThat(file).exists();
        assertThat(first.length).isGreaterThanOrEqualTo(PortalToken.MIN_KEY_BYTES);
        assertThat(PortalKeys.resolve(null, false, file)).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
