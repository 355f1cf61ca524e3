package dev.arrears.scoring.model;

/**
 * How {@link Binning} cuts a feature into bins.
 *
 * @param preBins   fine quantile bins of a numeric column before merging (20 gives 5% steps)
 * @param minShare  smallest share of the rows a bin may hold, 0 to 0.5 (categories below it join {@code other})
 * @param smoothing count added to the goods and the bads of every bin so a bin without goods or bads keeps a
 *                  finite weight of evidence (0.5 by default; 0 gives the textbook values)
 */
public record BinningOptions(int preBins, double minShare, double smoothing) {

    public BinningOptions {
        if (preBins < 2 || preBins > 1000) {
            throw new IllegalArgumentException("preBins is 2 to 1000, not " + preBins);
        }
        if (!(minShare >= 0 && minShare <= 0.5)) {
            throw new IllegalArgumentException("minShare is 0 to 0.5, not " + minShare);
        }
        if (!(smoothing >= 0)) {
            throw new IllegalArgumentException("smoothing is 0 or more, not " + smoothing);
        }
    }

    /** Returns the defaults: 20 pre-bins, 5% minimum share, smoothing 0.5. */
    public static BinningOptions defaults() {
        return new BinningOptions(20, 0.05, 0.5);
    }
}
