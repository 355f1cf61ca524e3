package dev.arrears.contact;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The signed token of a customer's portal link ({@code /portal/{token}}): an account id, an expiry and optionally a
 * suggested amount, signed with HMAC-SHA256 under the installation's key. Defined here once for every later use
 * (payment links in notices, opt-out links, the self-service portal). Pure: the key and the instant come from the
 * caller.
 *
 * <p>Format: URL-safe base64 without padding of {@code payload || tag}. The payload is a version byte (1), a flags
 * byte (bit 0: a suggested amount follows), the account id and the expiry in epoch seconds as unsigned LEB128
 * varints, then, when flagged, the amount in minor units (varint) and the ISO 4217 currency code (3 ASCII bytes).
 * The tag is the HMAC-SHA256 of the payload cut to its first 16 bytes (128 bits, well above the 64 that NIST SP
 * 800-107 asks of a truncated HMAC), which keeps a link short enough for an SMS: about 35 characters. Verification
 * compares tags in constant time and reads the payload only after the tag matched.
 */
public final class PortalToken {

    /** Shortest key accepted, in bytes: as long as the hash's output. */
    public static final int MIN_KEY_BYTES = 32;

    private static final int TAG_BYTES = 16;
    private static final int VERSION = 1;
    private static final int MAX_TOKEN_CHARS = 200;
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * What a token says.
     *
     * @param suggestedMinor an amount to suggest paying, in minor units of {@code currency}; null with currency null
     */
    public record Claims(long accountId, Instant expiresAt, Long suggestedMinor, String currency) {

        public Claims {
            if (accountId <= 0) {
                throw new IllegalArgumentException("accountId must be positive");
            }
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (expiresAt.getEpochSecond() < 0) {
                throw new IllegalArgumentException("expiresAt must be after 1970");
            }
            if ((suggestedMinor == null) != (currency == null)) {
                throw new IllegalArgumentException("a suggested amount needs its currency, and a currency its amount");
            }
            if (suggestedMinor != null && suggestedMinor <= 0) {
                throw new IllegalArgumentException("a suggested amount must be positive");
            }
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code");
            }
        }

        /** Returns claims without a suggested amount. */
        public static Claims of(long accountId, Instant expiresAt) {
            return new Claims(accountId, expiresAt, null, null);
        }
    }

    /** The outcome of checking a token. */
    public sealed interface Verification permits Valid, Expired, Invalid {
    }

    /** Signed by our key and not expired. */
    public record Valid(Claims claims) implements Verification {
    }

    /** Signed by our key but past its expiry: the claims are authentic, the link is no longer honoured. */
    public record Expired(Claims claims) implements Verification {
    }

    /** Not a token we signed: malformed, altered, or signed under another key. */
    public record Invalid(String reason) implements Verification {
    }

    private final Mac prototype;

    /** Creates a signer and verifier under a key of at least 32 bytes. */
    public PortalToken(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the portal key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Returns the token of the claims. */
    public String sign(Claims claims) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(32);
        payload.write(VERSION);
        payload.write(claims.suggestedMinor() == null ? 0 : 1);
        varint(payload, claims.accountId());
        varint(payload, claims.expiresAt().getEpochSecond());
        if (claims.suggestedMinor() != null) {
            varint(payload, claims.suggestedMinor());
            payload.writeBytes(claims.currency().getBytes(StandardCharsets.US_ASCII));
        }
        byte[] body = payload.toByteArray();
        byte[] token = Arrays.copyOf(body, body.length + TAG_BYTES);
        System.arraycopy(tag(body), 0, token, body.length, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Checks a token at an instant: valid, expired (at or after its expiry) or invalid. */
    public Verification verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new Invalid("not a portal token");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return new Invalid("not a portal token");
        }
        // the canonical encoding only: no padding, no stray bits in the last character
        if (bytes.length < 2 + 2 + TAG_BYTES
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return new Invalid("not a portal token");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - TAG_BYTES);
        byte[] given = Arrays.copyOfRange(bytes, body.length, bytes.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(tag(body), TAG_BYTES), given)) {
            return new Invalid("the signature does not match");
        }
        Claims claims;
        try {
            claims = read(body);
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
        return now.isBefore(claims.expiresAt()) ? new Valid(claims) : new Expired(claims);
    }

    private static Claims read(byte[] body) {
        int[] at = {0};
        if (body[at[0]++] != VERSION) {
            throw new IllegalArgumentException("unknown token version");
        }
        int flags = body[at[0]++];
        long accountId = varint(body, at);
        long expiry = varint(body, at);
        Long amount = null;
        String currency = null;
        if ((flags & 1) != 0) {
            amount = varint(body, at);
            if (at[0] + 3 > body.length) {
                throw new IllegalArgumentException("truncated token");
            }
            currency = new String(body, at[0], 3, StandardCharsets.US_ASCII);
            at[0] += 3;
        }
        if (at[0] != body.length) {
            throw new IllegalArgumentException("trailing bytes in token");
        }
        return new Claims(accountId, Instant.ofEpochSecond(expiry), amount, currency);
    }

    private byte[] tag(byte[] body) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be cloned", e);
        }
        return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varint(byte[] in, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= in.length) {
                throw new IllegalArgumentException("truncated token");
            }
            byte b = in[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed number in token");
    }
}
