package dev.arrears.scoring.model;

import java.util.List;

/**
 * A model's answer for one row: the probability of the bad outcome, the score in points (higher is safer) and the
 * reasons, worst first.
 *
 * @param probabilityBad probability of the target's bad value, 0 to 1
 * @param points         score in points on the model's scale (base score, points to double the odds)
 * @param reasons        per-feature points, the one that lowered the score most first
 */
public record Score(double probabilityBad, long points, List<Reason> reasons) {

    public Score {
        reasons = List.copyOf(reasons);
    }
}
