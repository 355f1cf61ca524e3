package dev.arrears.scoring.model;

import java.util.List;

/**
 * A trained model: scores one row given as arrays aligned with {@link #columns()} (numeric values at the indexes of
 * numeric columns, NaN when missing; categories at the indexes of categorical columns, null when missing; the other
 * array's entry at each index is ignored). Implementations are immutable and safe to share between threads.
 */
public interface Model {

    /** Returns the kind of model: {@code scorecard} or {@code challenger}. */
    String kind();

    /** Returns the input columns in the order the arrays of {@link #score} follow. */
    List<Column> columns();

    /** Returns the probability of the bad outcome for one row. */
    double probabilityBad(double[] numeric, String[] categories);

    /** Returns the full score of one row: probability, points and reasons worst first. */
    Score score(double[] numeric, String[] categories);
}
