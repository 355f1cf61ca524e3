package dev.arrears.strategy.domain;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a ladder step falls: a number of days before or after the due date of the account's oldest unpaid bill
 * ({@code due-3d}, {@code due+7d}) or after the case opened ({@code open+2d}).
 */
public record Offset(Anchor anchor, int days) implements Comparable<Offset> {

    /** What an offset counts from. */
    public enum Anchor { DUE, OPEN }

    private static final Pattern FORM = Pattern.compile("(due|open)([+-])(\\d{1,4})d");

    /** Longest offset in days: about three years, far beyond any ladder. */
    public static final int MAX_DAYS = 1100;

    public Offset {
        if (anchor == Anchor.OPEN && days < 0) {
            throw new IllegalArgumentException("a case cannot act before it opens: open" + days + "d");
        }
        if (Math.abs(days) > MAX_DAYS) {
            throw new IllegalArgumentException("more than " + MAX_DAYS + " days: " + days);
        }
    }

    /** Parses {@code due-3d}, {@code due+0d}, {@code open+2d}; throws IllegalArgumentException with the reason. */
    public static Offset parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("an offset looks like due-3d, due+7d or open+2d, not '" + text + "'");
        }
        int days = Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
        return new Offset(m.group(1).equals("due") ? Anchor.DUE : Anchor.OPEN, days);
    }

    /** Returns the date of this offset, or null when its anchor is unknown. */
    public LocalDate dateFrom(LocalDate dueDate, LocalDate openedOn) {
        LocalDate base = anchor == Anchor.DUE ? dueDate : openedOn;
        return base == null ? null : base.plusDays(days);
    }

    /** Orders due offsets before open offsets, then by days. */
    @Override
    public int compareTo(Offset other) {
        int byAnchor = anchor.compareTo(other.anchor);
        return byAnchor != 0 ? byAnchor : Integer.compare(days, other.days);
    }

    @Override
    public String toString() {
        return (anchor == Anchor.DUE ? "due" : "open") + (days < 0 ? "-" : "+") + Math.abs(days) + "d";
    }
}
