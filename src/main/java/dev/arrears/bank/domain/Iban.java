package dev.arrears.bank.domain;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * International bank account numbers (ISO 13616) and business identifier codes (ISO 9362), as mandates and the
 * creditor's own account name them. {@link #normalise(String)} removes spaces and upper-cases; {@link #problem}
 * says what is wrong with one (the shape, or the mod-97 check digits), or null when it is a valid IBAN.
 */
public final class Iban {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}");
    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /** Returns the IBAN without spaces, upper-cased; null stays null. */
    public static String normalise(String iban) {
        return iban == null ? null : iban.replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    /** Returns what is wrong with a normalised IBAN, or null when its shape and check digits are right. */
    public static String problem(String iban) {
        if (iban == null || !SHAPE.matcher(iban).matches()) {
            return "is not an IBAN: two letters of country, two check digits, then up to 30 letters and digits";
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1 ? null
                : "has wrong check digits (ISO 13616 mod 97): a digit is mistyped";
    }

    /** Returns the IBAN of a country code and a national account number (BBAN), with its check digits. */
    public static String withCheckDigits(String country, String bban) {
        String body = bban.replace(" ", "").toUpperCase(Locale.ROOT) + country.toUpperCase(Locale.ROOT) + "00";
        StringBuilder digits = new StringBuilder(body.length() * 2);
        for (char c : body.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
        return country.toUpperCase(Locale.ROOT) + (check < 10 ? "0" : "") + check
                + bban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Returns true when the text is a valid IBAN once normalised. */
    public static boolean valid(String iban) {
        return problem(normalise(iban)) == null;
    }

    /** Returns true when the upper-cased text is a BIC of 8 or 11 characters. */
    public static boolean validBic(String bic) {
        return bic != null && BIC.matcher(bic).matches();
    }
}
