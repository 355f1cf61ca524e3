package dev.arrears.contact.sms;

import java.util.Arrays;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table: characters to septets and back, and the
 * packing of septets into octets. Septets are handled unpacked (one per octet, as SMPP carries them with
 * data_coding 0x00 unless the SMSC asks for packing); an extension character is the escape septet 0x1B followed
 * by its code, so it costs two septets. Pure and thread-safe.
 */
final class Gsm7 {

    /** The escape septet that announces a character of the extension table. */
    static final int ESCAPE = 0x1B;

    /** Carriage return: the padding septet when packing would leave seven spare bits (TS 23.038 6.1.2.3.1). */
    private static final int CR = 0x0D;

    /** The default alphabet in code order; position 0x1B is the escape and never maps a character. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The extension table: character and the code that follows the escape. */
    private static final char[] EXTENSION_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'};
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** Lookup by char below U+0400 (every character of both tables but the euro): code, EXT|code, or -1. */
    private static final int EXT = 0x100;
    private static final int[] CODES = new int[0x400];
    private static final int EURO_CODE = EXT | 0x65;
    private static final char[] BASIC_BY_CODE = BASIC.toCharArray();
    private static final char[] EXTENSION_BY_CODE = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM 03.38 default alphabet must have 128 entries, has " + BASIC.length());
        }
        Arrays.fill(CODES, -1);
        for (int code = 0; code < 128; code++) {
            if (code != ESCAPE) {
                CODES[BASIC.charAt(code)] = code;
            }
        }
        for (int i = 0; i < EXTENSION_CHARS.length; i++) {
            char c = EXTENSION_CHARS[i];
            if (c < CODES.length) {
                CODES[c] = EXT | EXTENSION_CODES[i];
            }
            EXTENSION_BY_CODE[EXTENSION_CODES[i]] = c;
        }
    }

    private Gsm7() {
    }

    /** Returns the septets a character takes (1 in the default alphabet, 2 in the extension table), or 0 if none. */
    static int septets(char c) {
        int code = code(c);
        return code < 0 ? 0 : (code & EXT) != 0 ? 2 : 1;
    }

    /** Returns whether every character of the text is in the default alphabet or its extension table. */
    static boolean encodable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (code(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Encodes a text into unpacked septets, one per octet, escaping extension characters. */
    static byte[] encode(CharSequence text) {
        byte[] out = new byte[septetCount(text)];
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int code = code(c);
            if (code < 0) {
                throw new IllegalArgumentException("not in the GSM 03.38 alphabet: U+%04X at %d".formatted((int) c, i));
            }
            if ((code & EXT) != 0) {
                out[at++] = ESCAPE;
            }
            out[at++] = (byte) (code & 0x7F);
        }
        return out;
    }

    /** Decodes unpacked septets {@code [from, to)}; an unknown escape code decodes as a space (TS 23.038). */
    static String decode(byte[] septets, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESCAPE && i + 1 < to) {
                char c = EXTENSION_BY_CODE[septets[++i] & 0x7F];
                text.append(c == 0 ? ' ' : c);
            } else if (code != ESCAPE) {
                text.append(BASIC_BY_CODE[code]);
            }
        }
        return text.toString();
    }

    /**
     * Packs septets into octets, least significant bit first, after {@code fillBits} zero bits (the padding that
     * aligns the first septet to a septet boundary behind a user data header); pads with CR when seven bits would
     * be left over, so that the receiver does not read a trailing '@'.
     */
    static byte[] pack(byte[] septets, int fillBits) {
        int count = septets.length;
        boolean pad = (fillBits + count * 7) % 8 == 1;
        if (pad) {
            septets = Arrays.copyOf(septets, count + 1);
            septets[count++] = CR;
        }
        byte[] out = new byte[(fillBits + count * 7 + 7) / 8];
        int bit = fillBits;
        for (int i = 0; i < count; i++) {
            int value = septets[i] & 0x7F;
            int index = bit / 8;
            int shift = bit % 8;
            out[index] |= (byte) (value << shift);
            if (shift > 1) {
                out[index + 1] |= (byte) (value >> (8 - shift));
            }
            bit += 7;
        }
        return out;
    }

    /** Unpacks octets {@code [offset, end)} of packed septets that start after {@code fillBits}; drops CR padding. */
    static byte[] unpack(byte[] packed, int offset, int fillBits) {
        int bits = (packed.length - offset) * 8 - fillBits;
        int count = Math.max(bits / 7, 0);
        byte[] out = new byte[count];
        int bit = offset * 8 + fillBits;
        for (int i = 0; i < count; i++) {
            int index = bit / 8;
            int shift = bit % 8;
            int value = (packed[index] & 0xFF) >> shift;
            if (shift > 1) {
                value |= (packed[index + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (value & 0x7F);
            bit += 7;
        }
        boolean paddedToOctet = (fillBits + count * 7) % 8 == 0 && bits % 7 == 0;
        if (count > 0 && paddedToOctet && out[count - 1] == CR) {
            return Arrays.copyOf(out, count - 1);
        }
        return out;
    }

    private static int septetCount(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Math.max(septets(text.charAt(i)), 1);
        }
        return count;
    }

    private static int code(char c) {
        if (c < CODES.length) {
            return CODES[c];
        }
        return c == '€' ? EURO_CODE : -1;
    }
}
