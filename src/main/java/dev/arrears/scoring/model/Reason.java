package dev.arrears.scoring.model;

/**
 * Why a score is what it is, one feature at a time: the bin the account fell into and the points it earned there.
 * Reasons of a score are ordered from the one that lowered the score most (the top reason code) upwards.
 *
 * @param feature the column name
 * @param bin     a readable label of the bin ({@code [0.5, 0.8)}, {@code TELECOM_POSTPAID}, {@code missing})
 * @param points  points earned in that bin (scorecard) or the feature's contribution in points (challenger)
 */
public record Reason(String feature, String bin, double points) {
}
