package dev.arrears.privacy.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text: e-mail addresses ({@code j***@example.com}), PRC resident ids
 * ({@code 1101**********1234}), US social security numbers ({@code ***-**-6789}), UK National Insurance numbers
 * ({@code QQ******C}) and phone numbers in E.164 and the common Chinese, US and UK national forms
 * ({@code +86138****5678}, {@code 138****5678}, {@code (21*) ***-0100}, {@code 020 **** 0958}). A phone keeps its
 * separators, at most its first five digits (country code and prefix, none with fewer than eight digits) and its
 * last four; at least four digits are always masked. Built for log lines, where most text holds nothing to mask:
 * e-mail addresses are found from their {@code @} by hand, and a number's precompiled pattern is tried only where
 * a token starts near a run of six or more digits and its first characters fit that pattern, so a line without
 * either costs one pass and no allocation. Dates, times, amounts, counts, UUIDs and IP addresses are left alone.
 */
public final class PersonalDataMask {

    /** Digits in one run (separators allowed) before the run may hold a phone number or an id. */
    private static final int DIGITS_WORTH_A_LOOK = 6;
    /** Longest local part of an e-mail address (RFC 5321). */
    private static final int LOCAL_PART_MAX = 64;

    /** Nothing that could continue the number may follow it. */
    private static final String NOT_AFTER = "(?![0-9A-Za-z])";

    // Each pattern is tried only at the start of a token whose first characters fit it (see numberAt).
    /** International: + or 00, then 7 to 15 digits with single separators or parentheses between them. */
    private static final Pattern INTERNATIONAL = Pattern.compile("(?:\\+|00)[1-9](?:[ .\\-()]{0,2}\\d){6,14}(?!\\d)");
    /** US national: (212) 555-0100, 212-555-0100, 212.555.0100, 1-212-555-0100. */
    private static final Pattern US = Pattern.compile(
            "(?:1[ .\\-])?(?:\\(\\d{3}\\) ?|\\d{3}[ .\\-])\\d{3}[ .\\-]\\d{4}(?!\\d)");
    /** Chinese mobile: 138 1234 5678, 138-1234-5678, 13812345678, 8613812345678. */
    private static final Pattern CN = Pattern.compile("(?:86[ \\-]?)?1[3-9]\\d(?:[ \\-]?\\d{4}){2}(?!\\d)");
    /** UK national: 0 and nine or ten digits, single spaces or dashes between them (020 7946 0958). */
    private static final Pattern UK = Pattern.compile("0[1-9](?:[ \\-]?\\d){8,9}(?!\\d)");
    /** PRC resident id: region (6), birth date yyyyMMdd (8), sequence (3), check digit or X. */
    private static final Pattern PRC_ID = Pattern.compile(
            "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]" + NOT_AFTER);
    /** US social security number. */
    private static final Pattern SSN = Pattern.compile("\\d{3}-\\d{2}-\\d{4}(?![0-9A-Za-z\\-])");
    /** UK National Insurance number: two letters, three pairs of digits, a letter A to D. */
    private static final Pattern NI_NUMBER = Pattern.compile("[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]" + NOT_AFTER);

    private PersonalDataMask() {
    }

    /** Returns the text with its personal data masked; the same instance when there was none (null stays null). */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return numbers(emails(text));
    }

    /**
     * Returns false when the text cannot hold anything {@link #mask} masks: no {@code @} and no run of six digits
     * (spaces, dots, dashes, parentheses and plus signs may separate them). One pass, no allocation.
     */
    public static boolean mayContain(CharSequence text) {
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return true;
            }
            if (isDigit(c)) {
                if (++digits >= DIGITS_WORTH_A_LOOK) {
                    return true;
                }
            } else if (!isSeparator(c)) {
                digits = 0;
            }
        }
        return false;
    }

    /** Masks every e-mail address: the first character of the local part stays, the domain stays. */
    private static String emails(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        for (; at >= 0; at = text.indexOf('@', at + 1)) {
            int from = at;
            while (from > copied && at - from < LOCAL_PART_MAX && isLocal(text.charAt(from - 1))) {
                from--;
            }
            int to = domainEnd(text, at + 1);
            if (from == at || to < 0) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, from).append(text.charAt(from)).append("***").append(text, at, to);
            copied = to;
            at = to - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Returns the end of a domain of two or more labels with an alphabetic top level, or -1 when none starts here. */
    private static int domainEnd(String text, int start) {
        int end = start;
        int lastDot = -1;
        int n = text.length();
        while (end < n) {
            char c = text.charAt(end);
            boolean dotBetweenLabels = c == '.' && end > start && text.charAt(end - 1) != '.' && end + 1 < n
                    && isLabel(text.charAt(end + 1));
            if (dotBetweenLabels) {
                lastDot = end;
            } else if (!isLabel(c)) {
                break;
            }
            end++;
        }
        if (lastDot < 0 || end - lastDot - 1 < 2) {
            return -1;
        }
        for (int i = lastDot + 1; i < end; i++) {
            if (!Character.isLetter(text.charAt(i)) || text.charAt(i) > 'z') {
                return -1;
            }
        }
        return end;
    }

    /** Masks phone numbers and national ids, looking only around runs of six or more digits. */
    private static String numbers(String text) {
        if (!mayContain(text)) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) && text.charAt(i) != '+' && text.charAt(i) != '(') {
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            while (end < n && (isDigit(text.charAt(end)) || isSeparator(text.charAt(end)))) {
                digits += isDigit(text.charAt(end)) ? 1 : 0;
                end++;
            }
            // Phones and ids have seven digits or more; six are worth a look only after the letters of an NI number.
            if (digits > DIGITS_WORTH_A_LOOK || digits == DIGITS_WORTH_A_LOOK && afterLetter(text, i)) {
                // Three characters before for the letters of an NI number and a space, one after for its last
                // letter or an X. A number starts only where a token starts.
                int from = Math.max(copied, i - 3);
                int to = Math.min(n, end + 1);
                for (int start = from; start < to; start++) {
                    if (start > 0 && isTokenPart(text.charAt(start - 1))) {
                        continue;
                    }
                    Matcher m = numberAt(text, start, to, digits);
                    if (m != null) {
                        if (out == null) {
                            out = new StringBuilder(text.length() + 8);
                        }
                        out.append(text, copied, start);
                        replace(m, out);
                        copied = m.end();
                        start = copied - 1;
                    }
                }
                end = Math.max(end, copied);
            }
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /**
     * Returns the matcher of the phone number or id that starts at {@code start}, or null. Only the patterns whose
     * first characters fit are tried (a date such as 2026-05-01 fits none), in the order ids before phones.
     */
    private static Matcher numberAt(String text, int start, int to, int digits) {
        char c = text.charAt(start);
        char next = start + 1 < text.length() ? text.charAt(start + 1) : ' ';
        char fourth = start + 3 < text.length() ? text.charAt(start + 3) : ' ';
        if (c == '+' || c == '0' && next == '0') {
            return lookingAt(INTERNATIONAL, text, start, to);
        }
        if (c == '(') {
            return lookingAt(US, text, start, to);
        }
        if (c >= 'A' && c <= 'Z') {
            return lookingAt(NI_NUMBER, text, start, to);
        }
        if (!isDigit(c)) {
            return null;
        }
        Matcher m = null;
        if (digits >= 17 && c != '0') {
            m = lookingAt(PRC_ID, text, start, to);
        }
        if (m == null && fourth == '-') {
            m = lookingAt(SSN, text, start, to);
        }
        if (m == null && (isSeparator(fourth) || c == '1' && isSeparator(next))) {
            m = lookingAt(US, text, start, to);
        }
        if (m == null && (c == '1' || c == '8' && next == '6')) {
            m = lookingAt(CN, text, start, to);
        }
        if (m == null && c == '0') {
            m = lookingAt(UK, text, start, to);
        }
        return m;
    }

    /** Returns a matcher of the pattern matched at {@code start}, seeing the text around the region, or null. */
    private static Matcher lookingAt(Pattern pattern, String text, int start, int to) {
        Matcher m = pattern.matcher(text).region(start, to).useTransparentBounds(true).useAnchoringBounds(false);
        return m.lookingAt() ? m : null;
    }

    /** Appends the masked form of the number the matcher found. */
    private static void replace(Matcher m, StringBuilder out) {
        String found = m.group();
        if (m.pattern() == PRC_ID) {
            out.append(found, 0, 4).append("*".repeat(10)).append(found, 14, 18);
        } else if (m.pattern() == SSN) {
            out.append("***-**-").append(found, 7, 11);
        } else if (m.pattern() == NI_NUMBER) {
            out.append(found, 0, 2).append(stars(found.substring(2, found.length() - 1)))
                    .append(found.charAt(found.length() - 1));
        } else {
            phone(found, out);
        }
    }

    /** Appends a phone number with its middle digits masked and its separators kept. */
    private static void phone(String found, StringBuilder out) {
        // An international prefix (+ or 00) is kept and not counted: the country code starts after it.
        int from = found.startsWith("00") ? 2 : 0;
        int digits = 0;
        for (int i = from; i < found.length(); i++) {
            if (isDigit(found.charAt(i))) {
                digits++;
            }
        }
        int front = digits >= 8 ? Math.min(5, digits - 8) : 0;
        int back = digits >= 8 ? 4 : Math.max(0, digits - 4);
        out.append(found, 0, from);
        int seen = 0;
        for (int i = from; i < found.length(); i++) {
            char c = found.charAt(i);
            if (isDigit(c)) {
                out.append(seen < front || seen >= digits - back ? c : '*');
                seen++;
            } else {
                out.append(c);
            }
        }
    }

    /** Returns the part with its digits replaced by stars. */
    private static StringBuilder stars(String part) {
        StringBuilder masked = new StringBuilder(part);
        for (int i = 0; i < masked.length(); i++) {
            if (isDigit(masked.charAt(i))) {
                masked.setCharAt(i, '*');
            }
        }
        return masked;
    }

    /** Returns true when an upper-case letter comes right before position i, or before the space there. */
    private static boolean afterLetter(String text, int i) {
        int before = i > 0 && text.charAt(i - 1) == ' ' ? i - 2 : i - 1;
        return before >= 0 && text.charAt(before) >= 'A' && text.charAt(before) <= 'Z';
    }

    /** Returns true for a character that may not come right before a number: it would be part of a longer token. */
    private static boolean isTokenPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '+' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
    }

    /** Returns true for a character of an e-mail local part (the common unquoted ones). */
    private static boolean isLocal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '_' || c == '%'
                || c == '+' || c == '-';
    }

    /** Returns true for a character of a domain label. */
    private static boolean isLabel(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '-';
    }
}
