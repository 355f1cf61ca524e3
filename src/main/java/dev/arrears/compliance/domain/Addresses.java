package dev.arrears.compliance.domain;

/**
 * Compares contact addresses as people write them: case-insensitively, ignoring white space, and for phone
 * numbers (no {@code @}) also the separators {@code - . ( )}, so {@code +1 (212) 555-0100} is
 * {@code +12125550100}. Allocates nothing: the guard compares addresses on every call it checks.
 */
final class Addresses {

    private Addresses() {
    }

    /** Returns true when two addresses name the same mailbox or number. */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true; // the usual case: both stored in the same form
        }
        boolean phone = a.indexOf('@') < 0 && b.indexOf('@') < 0;
        int i = 0;
        int j = 0;
        while (true) {
            i = skip(a, i, phone);
            j = skip(b, j, phone);
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            char x = a.charAt(i++);
            char y = b.charAt(j++);
            if (x != y && Character.toLowerCase(x) != Character.toLowerCase(y)) {
                return false;
            }
        }
    }

    private static int skip(String s, int at, boolean phone) {
        while (at < s.length()) {
            char c = s.charAt(at);
            if (!Character.isWhitespace(c) && !(phone && (c == '-' || c == '.' || c == '(' || c == ')'))) {
                break;
            }
            at++;
        }
        return at;
    }
}
