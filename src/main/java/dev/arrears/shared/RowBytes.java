package dev.arrears.shared;

import java.util.Arrays;

/**
 * The byte buffer under the COPY writers ({@link CopyRows}, {@link BinaryCopyRows}): raw bytes, ASCII, decimal
 * digits and UTF-8 written straight into a growing array that the writer sends in pieces.
 */
public abstract class RowBytes {

    /** The writers send what is buffered once it holds more than this. */
    static final int FLUSH_AT = 1 << 18;

    byte[] buffer = new byte[FLUSH_AT + (1 << 16)];
    int length;

    RowBytes() {
    }

    /** Makes room for {@code more} bytes (plus a little slack). */
    final void ensure(int more) {
        if (length + more + 8 > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more + 8));
        }
    }

    /** Writes one raw byte. */
    protected final void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    /** Writes raw ASCII text (no escaping: the caller knows what it holds). */
    protected final void putAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    /** Writes a long in decimal digits. */
    protected final void putDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            putAscii(Long.toString(value));
            return;
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int start = length;
        do {
            put((byte) ('0' + (value % 10)));
            value /= 10;
        } while (value > 0);
        for (int a = start, b = length - 1; a < b; a++, b--) {
            byte t = buffer[a];
            buffer[a] = buffer[b];
            buffer[b] = t;
        }
    }

    /**
     * Writes the non-ASCII character at {@code i} as UTF-8 (a surrogate pair as one code point, a lone surrogate
     * as {@code ?}); returns the number of chars it took, 1 or 2.
     */
    protected final int putUtf8(String value, int i) {
        char c = value.charAt(i);
        if (c < 0x800) {
            put((byte) (0xC0 | (c >> 6)));
            put((byte) (0x80 | (c & 0x3F)));
            return 1;
        }
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, value.charAt(i + 1));
            put((byte) (0xF0 | (cp >> 18)));
            put((byte) (0x80 | ((cp >> 12) & 0x3F)));
            put((byte) (0x80 | ((cp >> 6) & 0x3F)));
            put((byte) (0x80 | (cp & 0x3F)));
            return 2;
        }
        if (Character.isSurrogate(c)) {
            put((byte) '?');
            return 1;
        }
        put((byte) (0xE0 | (c >> 12)));
        put((byte) (0x80 | ((c >> 6) & 0x3F)));
        put((byte) (0x80 | (c & 0x3F)));
        return 1;
    }
}
