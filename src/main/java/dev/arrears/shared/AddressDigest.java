package dev.arrears.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of a contact address (phone, e-mail, postal address, push token) after normalisation, kept instead of
 * the address once a customer's personal data is erased, so that an opt-out given at that address can still be
 * honoured: whoever holds an address computes its digest and compares. Phone numbers keep only their digits and a
 * leading {@code +}; everything else is trimmed, lower-cased and has its runs of white space collapsed.
 */
public final class AddressDigest {

    private AddressDigest() {
    }

    /** Returns the lower-case hex SHA-256 of the normalised address. */
    public static String of(String address) {
        return sha256Hex(normalise(address).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Returns the address as it is hashed: a phone as {@code +} and digits, anything else trimmed and lower-cased. */
    static String normalise(String address) {
        String trimmed = address.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9' || " +-().".indexOf(c) >= 0)) {
            StringBuilder phone = new StringBuilder(trimmed.length());
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c >= '0' && c <= '9' || c == '+' && phone.isEmpty()) {
                    phone.append(c);
                }
            }
            return phone.toString();
        }
        return trimmed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
