package dev.arrears.contact.sms;

import dev.arrears.contact.sms.SmsEncoding.Alphabet;
import dev.arrears.contact.sms.SmsEncoding.Segments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The short_message octets of SMPP PDUs: a segmented text turned into one payload per part (a user data header
 * with the concatenation element 0x00 in front of each part of a long message; GSM-7 unpacked, one septet per
 * octet, or packed behind fill bits when the SMSC asks for it; UCS-2 as UTF-16BE), and received octets decoded
 * back to text per data_coding, with the concatenation header read when esm_class has UDHI. Pure.
 */
final class ShortMessages {

    /** esm_class bit: the short_message starts with a user data header (GSM 03.40 UDHI). */
    static final byte ESM_UDHI = 0x40;
    /** esm_class message type bits for an SMSC delivery receipt (SMPP 3.4 5.2.12). */
    static final byte ESM_DELIVERY_RECEIPT = 0x04;
    /** Octets of the concatenation header: UDHL, IEI 0x00, IEDL 3, reference, total, sequence. */
    static final int CONCATENATION_UDH_LENGTH = 6;

    /** Where one received part belongs in a concatenated message. */
    record Concatenation(int reference, int total, int sequence) {
    }

    /** A received short_message as text, with its concatenation header when it is one part of several. */
    record Decoded(String text, Concatenation concatenation) {

        boolean concatenated() {
            return concatenation != null && concatenation.total() > 1;
        }
    }

    private ShortMessages() {
    }

    /** Returns the concatenation reference of a job: stable across resends so that resumed parts reassemble. */
    static int reference(String jobKey) {
        int h = jobKey.hashCode();
        h ^= h >>> 16;
        h ^= h >>> 8;
        return h & 0xFF;
    }

    /** Encodes each part of the segmented text as the short_message octets of one submit_sm. */
    static List<byte[]> encode(Segments segments, int reference, boolean packedGsm7) {
        List<byte[]> payloads = new ArrayList<>(segments.count());
        int total = segments.count();
        for (int i = 0; i < total; i++) {
            String part = segments.parts().get(i);
            byte[] header = segments.concatenated() ? concatenationHeader(reference, total, i + 1) : new byte[0];
            byte[] body;
            if (segments.alphabet() == Alphabet.UCS2) {
                body = part.getBytes(StandardCharsets.UTF_16BE);
            } else if (packedGsm7) {
                body = Gsm7.pack(Gsm7.encode(part), fillBits(header.length));
            } else {
                body = Gsm7.encode(part);
            }
            byte[] payload = new byte[header.length + body.length];
            System.arraycopy(header, 0, payload, 0, header.length);
            System.arraycopy(body, 0, payload, header.length, body.length);
            payloads.add(payload);
        }
        return payloads;
    }

    /** Returns the six-octet user data header of part {@code sequence} (1-based) of {@code total}. */
    static byte[] concatenationHeader(int reference, int total, int sequence) {
        return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    }

    /** Decodes a received short_message per SMPP data_coding; reads the UDH when {@code udhi} is set. */
    static Decoded decode(byte dataCoding, boolean udhi, byte[] message, boolean packedGsm7) {
        int offset = 0;
        Concatenation concatenation = null;
        if (udhi && message.length > 0) {
            int headerLength = (message[0] & 0xFF) + 1;
            concatenation = concatenation(message, Math.min(headerLength, message.length));
            offset = Math.min(headerLength, message.length);
        }
        return new Decoded(text(dataCoding, message, offset, packedGsm7), concatenation);
    }

    private static String text(byte dataCoding, byte[] message, int offset, boolean packedGsm7) {
        int coding = dataCoding & 0xFF;
        boolean gsm7 = coding == 0x00 || (coding & 0xF0) == 0xF0 && (coding & 0x04) == 0;
        if (gsm7) {
            if (packedGsm7) {
                byte[] septets = Gsm7.unpack(message, offset, fillBits(offset));
                return Gsm7.decode(septets, 0, septets.length);
            }
            return Gsm7.decode(message, offset, message.length);
        }
        return switch (coding) {
            case 0x08 -> new String(message, offset, (message.length - offset) & ~1, StandardCharsets.UTF_16BE);
            case 0x01 -> new String(message, offset, message.length - offset, StandardCharsets.US_ASCII);
            default -> new String(message, offset, message.length - offset, StandardCharsets.ISO_8859_1);
        };
    }

    /** Returns the bits that pad a header of {@code headerOctets} to a septet boundary (TS 23.040 9.2.3.24). */
    private static int fillBits(int headerOctets) {
        return (7 - (headerOctets * 8) % 7) % 7;
    }

    /** Reads the 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference concatenation element of a UDH, or null. */
    private static Concatenation concatenation(byte[] message, int headerEnd) {
        int at = 1;
        while (at + 1 < headerEnd) {
            int iei = message[at] & 0xFF;
            int length = message[at + 1] & 0xFF;
            int data = at + 2;
            if (data + length > headerEnd) {
                return null;
            }
            if (iei == 0x00 && length == 3) {
                return new Concatenation(message[data] & 0xFF, message[data + 1] & 0xFF, message[data + 2] & 0xFF);
            }
            if (iei == 0x08 && length == 4) {
                int reference = (message[data] & 0xFF) << 8 | message[data + 1] & 0xFF;
                return new Concatenation(reference, message[data + 2] & 0xFF, message[data + 3] & 0xFF);
            }
            at = data + length;
        }
        return null;
    }
}
