package dev.arrears.arrangement.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Arrears webhook signature: header {@code Arrears-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} where the
 * HMAC is of {@code "<t>.<raw body>"} under the gateway's secret. A signature is good when one of its {@code v1}
 * values matches (several allow a secret to be rotated) and {@code t} lies within {@link #TOLERANCE} of now on
 * either side: an older one may be a replay, a later one comes from a clock that is wrong. Tags are compared in
 * constant time. Pure: the secret and the instant come from the caller.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Arrears-Signature";
    /** How far a signature's timestamp may be from now. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final int MAX_HEADER = 1024;
    private static final int TAG_HEX = 64;

    private WebhookSignature() {
    }

    /** The outcome of a check. */
    public sealed interface Check permits Good, Bad {
    }

    /** The signature matches and is fresh. */
    public record Good(Instant signedAt) implements Check {
    }

    /** Missing, malformed, stale or not matching: {@code reason} says which (safe to show the sender). */
    public record Bad(String reason) implements Check {
    }

    /** Checks a header value against a body under a secret at an instant. */
    public static Check verify(String header, byte[] body, byte[] secret, Instant now) {
        if (secret == null || secret.length == 0) {
            return new Bad("no secret is configured for this gateway");
        }
        if (header == null || header.isBlank()) {
            return new Bad("the " + HEADER + " header is missing");
        }
        if (header.length() > MAX_HEADER) {
            return new Bad("the " + HEADER + " header is malformed");
        }
        Long t = null;
        List<byte[]> tags = new ArrayList<>(1);
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return new Bad("the " + HEADER + " header is malformed");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (t != null || !value.matches("[0-9]{1,12}")) {
                    return new Bad("the " + HEADER + " header is malformed");
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (value.length() != TAG_HEX || !value.matches("[0-9a-fA-F]+")) {
                    return new Bad("the " + HEADER + " header is malformed");
                }
                tags.add(HexFormat.of().parseHex(value));
            }
            // other schemes (v0, v2 …) are ignored, so senders can add one without breaking this check
        }
        if (t == null || tags.isEmpty()) {
            return new Bad("the " + HEADER + " header needs t= and v1=");
        }
        Instant signedAt = Instant.ofEpochSecond(t);
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return new Bad("the signature's timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        byte[] expected = tag(secret, t, body);
        boolean match = false;
        for (byte[] tag : tags) {
            match |= MessageDigest.isEqual(expected, tag); // no early exit: every tag is compared
        }
        return match ? new Good(signedAt) : new Bad("the signature does not match");
    }

    /** Returns the header value signing a body at an instant: what a sender (the sandbox, a test, the bench) sends. */
    public static String sign(byte[] body, byte[] secret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(tag(secret, t, body));
    }

    private static byte[] tag(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
