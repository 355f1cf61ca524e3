package dev.arrears.scoring.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Grade cut-offs on the points scale, best grade first: a score gets the first grade whose minimum it reaches,
 * else the fallback grade. Configured as {@code arrears.scoring.grades=A:680,B:620,C:560,D:500,E} (the interim
 * rule's defaults; the last entry, without a minimum, is the fallback).
 *
 * @param cuts     grades with their minimum points, in descending order of minimum
 * @param fallback the grade below the last cut
 */
public record Grades(List<Cut> cuts, String fallback) {

    /** A grade and the least points that earn it. */
    public record Cut(String grade, long minPoints) {
    }

    /** The interim rule's cut-offs: A ≥ 680, B ≥ 620, C ≥ 560, D ≥ 500, else E. */
    public static final Grades DEFAULT = parse("A:680,B:620,C:560,D:500,E");

    public Grades {
        cuts = List.copyOf(cuts);
        for (int i = 1; i < cuts.size(); i++) {
            if (cuts.get(i).minPoints() >= cuts.get(i - 1).minPoints()) {
                throw new IllegalArgumentException("grade cut-offs must fall from best to worst: " + cuts);
            }
        }
        if (fallback == null || fallback.isBlank()) {
            throw new IllegalArgumentException("the grades need a last grade without a minimum, e.g. ...,E");
        }
    }

    /** Parses {@code A:680,B:620,C:560,D:500,E}. */
    public static Grades parse(String text) {
        String[] parts = text.split(",");
        List<Cut> cuts = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String[] kv = parts[i].strip().split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("a grade cut-off reads GRADE:MIN_POINTS, not '" + parts[i] + "'");
            }
            try {
                cuts.add(new Cut(kv[0].strip(), Long.parseLong(kv[1].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the minimum of grade " + kv[0] + " is not a whole number: "
                        + kv[1]);
            }
        }
        String last = parts[parts.length - 1].strip();
        if (last.contains(":")) {
            throw new IllegalArgumentException("the last grade has no minimum (e.g. ...,D:500,E), not '" + last + "'");
        }
        return new Grades(cuts, last);
    }

    /** Returns the grade of a score in points. */
    public String of(long points) {
        for (Cut cut : cuts) {
            if (points >= cut.minPoints()) {
                return cut.grade();
            }
        }
        return fallback;
    }

    /** Returns the rank of a grade, 0 for the best; null for a grade not among these. */
    public Integer rank(String grade) {
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).grade().equals(grade)) {
                return i;
            }
        }
        return fallback.equals(grade) ? cuts.size() : null;
    }

    /** Returns how many grades there are, the fallback included. */
    public int count() {
        return cuts.size() + 1;
    }
}
