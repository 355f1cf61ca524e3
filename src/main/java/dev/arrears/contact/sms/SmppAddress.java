package dev.arrears.contact.sms;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

import java.util.regex.Pattern;

/**
 * An SMPP address with its type of number and numbering plan: an E.164 number ({@code +8613800138000}) goes as
 * international/ISDN digits without the plus, a short code as unknown/ISDN digits, a sender name as alphanumeric
 * (at most 11 characters, GSM 03.40). Received addresses of international type read back as E.164. Pure.
 */
record SmppAddress(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {

    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9 ._-]{1,11}");

    /** Returns whether the text is an E.164 number such as {@code +85291234567}. */
    static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** Returns the destination address of an E.164 number; throws when the number is not E.164. */
    static SmppAddress destination(String e164) {
        if (!isE164(e164)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
        return new SmppAddress(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, e164.substring(1));
    }

    /** Returns the source address of an E.164 number, a short code or a sender name; throws when none of them. */
    static SmppAddress source(String source) {
        if (isE164(source)) {
            return destination(source);
        }
        if (source != null && DIGITS.matcher(source).matches()) {
            return new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, source);
        }
        if (source != null && ALPHANUMERIC.matcher(source).matches()) {
            return new SmppAddress(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, source);
        }
        throw new IllegalArgumentException("not an E.164 number, short code or sender name of 1-11 characters: "
                + source);
    }

    /** Returns a received address as E.164 when its type is international, else as it came. */
    static String received(byte ton, String address) {
        if (ton == TypeOfNumber.INTERNATIONAL.value() && address != null && DIGITS.matcher(address).matches()) {
            return "+" + address;
        }
        return address;
    }
}
