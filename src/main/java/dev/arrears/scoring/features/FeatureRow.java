package dev.arrears.scoring.features;

/**
 * The features of one account as of a date, as the arrays a model takes: numeric values at the indexes of numeric
 * columns of {@link Features#COLUMNS} (NaN when missing), categories at the indexes of categorical ones (null when
 * missing).
 *
 * @param accountId  the account
 * @param numeric    values aligned with {@link Features#COLUMNS}
 * @param categories categories aligned with {@link Features#COLUMNS}
 */
public record FeatureRow(long accountId, double[] numeric, String[] categories) {

    /** Returns a numeric feature by name. */
    public double value(String name) {
        return numeric[Features.index(name)];
    }

    /** Returns a categorical feature by name. */
    public String category(String name) {
        return categories[Features.index(name)];
    }
}
