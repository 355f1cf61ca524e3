package dev.arrears.contact.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels as SMS. It goes in the GSM 03.38 default alphabet (GSM-7, 7-bit septets; a character of the
 * extension table such as {@code €} or {@code [} takes two) when every character has a place there, and in UCS-2
 * otherwise (any Chinese character, most emoji). A message fits one segment up to 160 septets or 70 UTF-16 units;
 * longer, it is concatenated and each part loses six of its 140 octets to the user data header, leaving 153
 * septets or 67 units. Parts never cut an escape sequence or a surrogate pair, so a part may hold one unit less.
 * Pure: shared by the templates (segment counting, length limits) and the SMPP sender (splitting).
 */
public final class SmsEncoding {

    /** The most septets in a single-segment GSM-7 message (140 octets × 8 / 7). */
    public static final int GSM7_SINGLE = 160;
    /** The most septets in one part of a concatenated GSM-7 message ((140 − 6 octets of UDH) × 8 / 7). */
    public static final int GSM7_PART = 153;
    /** The most UTF-16 units in a single-segment UCS-2 message (140 octets / 2). */
    public static final int UCS2_SINGLE = 70;
    /** The most UTF-16 units in one part of a concatenated UCS-2 message ((140 − 6) / 2). */
    public static final int UCS2_PART = 67;

    /** The character set a message is sent in; the SMPP data_coding follows from it. */
    public enum Alphabet {
        /** The GSM 03.38 default alphabet with its extension table; SMPP data_coding 0x00. */
        GSM7(GSM7_SINGLE, GSM7_PART, (byte) 0x00),
        /** UCS-2 (UTF-16 big-endian, surrogate pairs kept whole); SMPP data_coding 0x08. */
        UCS2(UCS2_SINGLE, UCS2_PART, (byte) 0x08);

        private final int single;
        private final int perPart;
        private final byte dataCoding;

        Alphabet(int single, int perPart, byte dataCoding) {
            this.single = single;
            this.perPart = perPart;
            this.dataCoding = dataCoding;
        }

        /** Returns the most units (septets or UTF-16 units) of a message that fits one segment. */
        public int single() {
            return single;
        }

        /** Returns the most units in one part of a concatenated message. */
        public int perPart() {
            return perPart;
        }

        /** Returns the SMPP data_coding octet of this alphabet. */
        public byte dataCoding() {
            return dataCoding;
        }
    }

    /**
     * A text cut into the parts it is sent as.
     *
     * @param alphabet the alphabet of every part
     * @param units    septets (GSM-7) or UTF-16 units (UCS-2) of the whole text
     * @param parts    the texts of the segments in order; one part when it fits a single segment
     */
    public record Segments(Alphabet alphabet, int units, List<String> parts) {

        public Segments {
            parts = List.copyOf(parts);
        }

        /** Returns the number of segments (SMS billed). */
        public int count() {
            return parts.size();
        }

        /** Returns whether the message needs a concatenation header. */
        public boolean concatenated() {
            return parts.size() > 1;
        }
    }

    private SmsEncoding() {
    }

    /** Returns GSM-7 when every character is in the default alphabet or its extension table, else UCS-2. */
    public static Alphabet alphabet(CharSequence text) {
        return Gsm7.encodable(text) ? Alphabet.GSM7 : Alphabet.UCS2;
    }

    /** Returns the septets (GSM-7) or UTF-16 units (UCS-2) the text takes in its alphabet. */
    public static int units(CharSequence text) {
        return alphabet(text) == Alphabet.GSM7 ? septets(text) : text.length();
    }

    /** Returns the number of segments the text is sent as (an empty text is one segment). */
    public static int segmentCount(CharSequence text) {
        Alphabet alphabet = alphabet(text);
        int units = alphabet == Alphabet.GSM7 ? septets(text) : text.length();
        if (units <= alphabet.single()) {
            return 1;
        }
        int count = 0;
        for (int start = 0; start < text.length(); start = partEnd(text, start, alphabet)) {
            count++;
        }
        return count;
    }

    /** Cuts the text into the parts it is sent as. */
    public static Segments segment(String text) {
        Alphabet alphabet = alphabet(text);
        int units = alphabet == Alphabet.GSM7 ? septets(text) : text.length();
        if (units <= alphabet.single()) {
            return new Segments(alphabet, units, List.of(text));
        }
        List<String> parts = new ArrayList<>(units / alphabet.perPart() + 1);
        int start = 0;
        while (start < text.length()) {
            int end = partEnd(text, start, alphabet);
            parts.add(text.substring(start, end));
            start = end;
        }
        return new Segments(alphabet, units, parts);
    }

    /** Returns the end (exclusive) of the part that starts at {@code start}: as many whole units as fit. */
    private static int partEnd(CharSequence text, int start, Alphabet alphabet) {
        int used = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            int width;
            int chars;
            if (alphabet == Alphabet.GSM7) {
                width = Gsm7.septets(c); // an escape sequence is one character of two septets: never cut
                chars = 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 2; // a surrogate pair stays in one part
                chars = 2;
            } else {
                width = 1;
                chars = 1;
            }
            if (used + width > alphabet.perPart()) {
                break;
            }
            used += width;
            i += chars;
        }
        return i;
    }

    private static int septets(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Gsm7.septets(text.charAt(i));
        }
        return count;
    }
}
