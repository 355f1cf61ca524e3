package dev.arrears.scoring.model;

/**
 * One bin of a feature: its readable label, the training rows that fell into it and its weight of evidence.
 *
 * @param label readable label ({@code [0.5, 0.8)}, {@code < 2}, {@code >= 10}, {@code missing}, a category)
 * @param goods training rows with the good outcome in the bin
 * @param bads  training rows with the bad outcome in the bin
 * @param woe   weight of evidence, ln(share of all goods / share of all bads); positive is safer than average
 */
public record Bin(String label, long goods, long bads, double woe) {
}
