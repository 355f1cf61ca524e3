package dev.arrears.scoring.model;

import java.util.List;
import java.util.Map;

/**
 * The bins of one feature as {@link Binning} learned them, with their weight of evidence (WOE, ln(share of goods /
 * share of bads), so a positive WOE is safer than average) and the feature's information value (IV). A numeric
 * feature has ascending {@code cuts}: value bin {@code i} holds values in [cuts[i-1], cuts[i]); a categorical one
 * maps each kept category to a bin, sends rare and unseen categories to {@code otherBin}. Missing values go to
 * {@code missingBin}, which may be a value bin when missing values were too rare for a bin of their own. A bin that
 * saw no training rows has WOE 0 (neutral).
 *
 * @param feature          column name
 * @param type             column type
 * @param bins             the bins in order (value bins first for numeric features)
 * @param cuts             numeric: the inner bin edges, ascending; categorical: empty
 * @param categories       categorical: category to bin index; numeric: empty
 * @param missingBin       index of the bin missing values fall into
 * @param otherBin         categorical: index of the bin of rare and unseen categories; numeric: -1
 * @param informationValue Σ (share of goods − share of bads) × WOE over the bins
 */
public record FeatureBins(String feature, Column.Type type, List<Bin> bins, double[] cuts,
                          Map<String, Integer> categories, int missingBin, int otherBin, double informationValue) {

    public FeatureBins {
        bins = List.copyOf(bins);
        cuts = cuts.clone();
        categories = Map.copyOf(categories);
        if (missingBin < 0 || missingBin >= bins.size() || otherBin >= bins.size()) {
            throw new IllegalArgumentException("feature " + feature + ": bin index out of range");
        }
        if (type == Column.Type.NUMERIC && cuts.length + 1 > bins.size()) {
            throw new IllegalArgumentException("feature " + feature + ": " + cuts.length + " cuts need "
                    + (cuts.length + 1) + " value bins");
        }
        for (int i = 1; i < cuts.length; i++) {
            if (!(cuts[i] > cuts[i - 1])) {
                throw new IllegalArgumentException("feature " + feature + ": cuts must ascend");
            }
        }
        for (Integer b : categories.values()) {
            if (b < 0 || b >= bins.size()) {
                throw new IllegalArgumentException("feature " + feature + ": bin index out of range");
            }
        }
        if (type == Column.Type.CATEGORICAL && otherBin < 0) {
            throw new IllegalArgumentException("feature " + feature + ": a categorical feature needs an other bin");
        }
    }

    @Override
    public double[] cuts() {
        return cuts.clone();
    }

    /** Returns the index of the bin a value falls into (the numeric value or the category, by the type). */
    public int binOf(double value, String category) {
        if (type == Column.Type.NUMERIC) {
            if (Double.isNaN(value)) {
                return missingBin;
            }
            int lo = 0;
            int hi = cuts.length;
            // number of cuts <= value is the value bin's index
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cuts[mid] <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
        if (category == null) {
            return missingBin;
        }
        Integer bin = categories.get(category);
        return bin == null ? otherBin : bin;
    }

    /** Returns the weight of evidence of the bin a value falls into. */
    public double woeOf(double value, String category) {
        return bins.get(binOf(value, category)).woe();
    }

    /** Returns the index of the bin the value at a row of a dataset falls into. */
    public int binOf(Dataset data, int row, int column) {
        return type == Column.Type.NUMERIC ? binOf(data.numeric(row, column), null)
                : binOf(Double.NaN, data.category(row, column));
    }
}
