package dev.arrears.audit.domain;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The chain's two HMACs, byte for byte as docs/audit.md writes them down for auditors who check with their own
 * tools. An entry's MAC is HMAC(key, 0x01 ‖ id ‖ occurred_at µs ‖ kind ‖ actor ‖ subject type ‖ subject id ‖
 * details), numbers as 8 bytes big-endian, texts as a 4-byte big-endian length and their UTF-8 bytes. Its link is
 * HMAC(key, 0x02 ‖ previous link ‖ position ‖ MAC); the first entry's previous link is {@link #GENESIS}. One
 * instance per thread.
 */
public final class Chain {

    /** The link before the first entry: SHA-256 of {@code arrears audit chain genesis v1}. */
    public static final byte[] GENESIS = sha256("arrears audit chain genesis v1");
    /** Length of a MAC and of a link, in bytes. */
    public static final int LENGTH = 32;

    private static final byte ENTRY = 0x01;
    private static final byte LINK = 0x02;

    private final Mac mac;
    private byte[] buffer = new byte[512];
    private int length;

    public Chain(ChainKey key) {
        this.mac = key.mac();
    }

    /** Returns the HMAC of an entry's content. */
    public byte[] entryMac(EntryContent e) {
        length = 0;
        put(ENTRY);
        putLong(e.id());
        putLong(e.occurredAtMicros());
        putText(e.kind());
        putText(e.actor());
        putText(e.subjectType());
        putText(e.subjectId());
        putText(e.details());
        mac.update(buffer, 0, length);
        return mac.doFinal();
    }

    /** Returns the link of the entry at a position, chained to the link before it. */
    public byte[] link(byte[] previous, long position, byte[] entryMac) {
        length = 0;
        put(LINK);
        putBytes(previous);
        putLong(position);
        putBytes(entryMac);
        mac.update(buffer, 0, length);
        return mac.doFinal();
    }

    /** Returns the keyed fingerprint of a text: its HMAC in a domain of its own, as lowercase hex. */
    public String fingerprint(String text) {
        length = 0;
        putText("arrears audit fingerprint v1");
        putText(EntryContent.clean(text));
        mac.update(buffer, 0, length);
        return hex(mac.doFinal());
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (v >>> shift);
        }
    }

    private void putBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensure(4);
        int n = bytes.length;
        buffer[length++] = (byte) (n >>> 24);
        buffer[length++] = (byte) (n >>> 16);
        buffer[length++] = (byte) (n >>> 8);
        buffer[length++] = (byte) n;
        putBytes(bytes);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** Returns the bytes as lowercase hex. */
    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    /** Returns the SHA-256 of a text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
