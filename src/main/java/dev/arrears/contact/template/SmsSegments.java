package dev.arrears.contact.template;

import dev.arrears.contact.RenderedMessage.Encoding;

/**
 * Counts how an SMS body travels: GSM 03.38 7-bit when every character is in the default alphabet or its extension
 * table (an extension character takes an escape septet too), else UCS-2. One segment holds 160 septets or 70 UCS-2
 * code units; longer messages are concatenated with a user data header, leaving 153 septets or 67 units per
 * segment, and a segment never ends inside an escape pair or a surrogate pair. Pure; the SMPP sender splits by the
 * same rules. (The template module's own counter until the SMS package's encoder is merged.)
 */
public final class SmsSegments {

    /** The GSM 03.38 default alphabet, in code order (0x1B, the escape, is left out: it is not a character). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each costs an escape septet plus its own. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private static final boolean[] BASIC_LOOKUP = new boolean[0x2000];
    private static final boolean[] EXTENSION_LOOKUP = new boolean[0x2100];

    static {
        for (int i = 0; i < BASIC.length(); i++) {
            char c = BASIC.charAt(i);
            if (i != 0x1B && c != '\u0000') {
                BASIC_LOOKUP[c] = true;
            }
        }
        for (char c : EXTENSION.toCharArray()) {
            EXTENSION_LOOKUP[c] = true;
        }
    }

    /** The count for one body: encoding, septets or code units, segments. */
    public record Count(Encoding encoding, int units, int segments) {
    }

    private SmsSegments() {
    }

    /** Counts a body. */
    public static Count count(CharSequence text) {
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            gsm = basic(c) || extension(c);
        }
        return gsm ? countGsm(text) : countUcs2(text);
    }

    /** Returns true when the character is in the GSM 7-bit default alphabet (one septet). */
    public static boolean basic(char c) {
        return c < BASIC_LOOKUP.length && BASIC_LOOKUP[c];
    }

    /** Returns true when the character is in the GSM extension table (two septets). */
    public static boolean extension(char c) {
        return c < EXTENSION_LOOKUP.length && EXTENSION_LOOKUP[c];
    }

    private static Count countGsm(CharSequence text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += basic(text.charAt(i)) ? 1 : 2;
        }
        if (septets <= 160) {
            return new Count(Encoding.GSM_7, septets, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = basic(text.charAt(i)) ? 1 : 2;
            if (used + cost > 153) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new Count(Encoding.GSM_7, septets, segments);
    }

    private static Count countUcs2(CharSequence text) {
        int units = text.length();
        if (units <= 70) {
            return new Count(Encoding.UCS_2, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + cost > 67) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost - 1;
        }
        return new Count(Encoding.UCS_2, units, segments);
    }
}
