package dev.arrears.audit.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The secret that keys every HMAC of the audit chain: from configuration, never from the database. Hands out
 * initialised HMAC-SHA256 instances (not thread-safe, one per user); never prints the secret.
 */
public final class ChainKey {

    /** Shortest secret accepted, in bytes: HMAC-SHA256's own block of security. */
    public static final int MIN_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    private ChainKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the audit key must be at least " + MIN_BYTES + " bytes long");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** Returns the key whose secret is the UTF-8 bytes of the text (at least 32 of them). */
    public static ChainKey of(String text) {
        return new ChainKey(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a fresh HMAC-SHA256 instance keyed with the secret, for one thread. */
    public Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JVM's HMAC-SHA256 cannot be cloned", e);
        }
    }

    @Override
    public String toString() {
        return "ChainKey[secret hidden]";
    }
}
