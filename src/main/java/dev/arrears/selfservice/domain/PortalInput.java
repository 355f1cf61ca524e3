package dev.arrears.selfservice.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What a customer may type or choose on the portal, checked as plain functions: the reasons a dispute can give, the
 * categories of a complaint, the 1–5 rating, and the longest free texts (in characters, after trimming). Each check
 * returns the cleaned value, or empty when the input is not acceptable.
 */
public final class PortalInput {

    /** Longest text of a dispute, in characters. */
    public static final int MAX_DISPUTE_TEXT = 500;
    /** Longest text of a complaint, in characters (the {@code complaint.text} check). */
    public static final int MAX_COMPLAINT_TEXT = 2000;
    /** Longest comment with a rating, in characters (the {@code portal_feedback.comment} check). */
    public static final int MAX_COMMENT = 1000;

    private PortalInput() {
    }

    /** Why a customer disputes a debt. */
    public enum DisputeReason { NOT_MINE, ALREADY_PAID, WRONG_AMOUNT, SERVICE_NOT_RECEIVED, CANCELLED, OTHER }

    /** What a complaint is about. */
    public enum ComplaintCategory { BILLING, COLLECTION_CONDUCT, CONTACT_FREQUENCY, PAYMENT, SERVICE, PRIVACY, OTHER }

    /** Returns the constant of an enum named by the input (case-insensitive), or empty. */
    public static <E extends Enum<E>> Optional<E> choice(String input, Class<E> type) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, input.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Returns the trimmed text when it has 1 to {@code max} characters (code points), else empty. */
    public static Optional<String> text(String input, int max) {
        if (input == null) {
            return Optional.empty();
        }
        String t = input.strip();
        if (t.isEmpty() || t.codePointCount(0, t.length()) > max || t.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Returns the trimmed optional text (null when blank) when it has at most {@code max} characters, else empty. */
    public static Optional<Optional<String>> optionalText(String input, int max) {
        if (input == null || input.isBlank()) {
            return Optional.of(Optional.empty());
        }
        return text(input, max).map(Optional::of);
    }

    /** Returns a rating of 1 to 5 from its decimal text, or empty. */
    public static Optional<Integer> rating(String input) {
        if (input == null || !input.strip().matches("[1-5]")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(input.strip()));
    }
}
