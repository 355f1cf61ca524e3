package dev.arrears.bank.domain;

import java.util.Locale;

/**
 * ISO 11649 structured creditor references: {@code RF}, two check digits, and up to 21 letters and digits that the
 * creditor chooses (Arrears uses an account's or a bill's external reference, when it is letters and digits only).
 * The check digits make mistyped references detectable: moving {@code RFnn} to the end and reading letters as
 * numbers (A = 10 … Z = 35) gives a number whose remainder by 97 is 1.
 */
public final class CreditorReference {

    private CreditorReference() {
    }

    /** Returns true when the text (spaces ignored, any case) looks like an RF reference: RF, digits, body. */
    public static boolean looksLikeOne(String text) {
        String s = compact(text);
        return s.length() >= 5 && s.length() <= 25 && s.startsWith("RF") && Character.isDigit(s.charAt(2))
                && Character.isDigit(s.charAt(3));
    }

    /** Returns true when the text is an RF reference with valid check digits. */
    public static boolean isValid(String text) {
        String s = compact(text);
        if (!looksLikeOne(s) || !s.substring(4).chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            return false;
        }
        return mod97(s.substring(4) + s.substring(0, 4)) == 1;
    }

    /** Returns the creditor's part of a valid reference (after RF and the check digits), upper-case. */
    public static String body(String text) {
        return compact(text).substring(4);
    }

    /** Returns the RF reference for a body of 1 to 21 letters and digits, such as {@code RF18ACC1234}. */
    public static String of(String body) {
        String b = compact(body);
        if (b.isEmpty() || b.length() > 21 || !b.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("an RF reference body is 1 to 21 letters and digits: '" + body + "'");
        }
        int check = 98 - mod97(b + "RF00");
        return "RF" + (check < 10 ? "0" : "") + check + b;
    }

    private static String compact(String text) {
        return text == null ? "" : text.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Returns the remainder by 97 of the number the characters spell (letters as two digits, A = 10). */
    private static int mod97(String chars) {
        int remainder = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder;
    }
}
