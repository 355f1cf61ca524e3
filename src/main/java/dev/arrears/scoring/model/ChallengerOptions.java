package dev.arrears.scoring.model;

/**
 * How the {@link Challenger} (gradient-boosted trees) is trained.
 *
 * @param trees         boosting rounds (150)
 * @param maxDepth      depth of each tree, 1 to 8 (3)
 * @param learningRate  shrinkage of each tree's leaf values (0.1)
 * @param minLeafRows   fewest sampled rows a leaf may hold (20)
 * @param leafRidge     L2 penalty on leaf values, λ in −G/(H+λ) (1)
 * @param subsample     share of rows each tree sees, drawn with the seed, (0, 1] (0.8)
 * @param maxBins       most quantile bins of a numeric column and categories of a categorical one, 2 to 250 (64)
 * @param scale         points scale for scores and reason points
 */
public record ChallengerOptions(int trees, int maxDepth, double learningRate, int minLeafRows, double leafRidge,
                                double subsample, int maxBins, PointsScale scale) {

    public ChallengerOptions {
        if (trees < 1 || maxDepth < 1 || maxDepth > 8 || !(learningRate > 0) || minLeafRows < 1
                || !(leafRidge >= 0) || !(subsample > 0 && subsample <= 1) || maxBins < 2 || maxBins > 250
                || scale == null) {
            throw new IllegalArgumentException("challenger options out of range: trees >= 1, depth 1-8, rate > 0, "
                    + "min leaf >= 1, ridge >= 0, subsample (0, 1], bins 2-250");
        }
    }

    /** Returns the defaults: 150 trees of depth 3, rate 0.1, leaves of 20 rows, λ 1, 80% rows, 64 bins. */
    public static ChallengerOptions defaults() {
        return new ChallengerOptions(150, 3, 0.1, 20, 1.0, 0.8, 64, PointsScale.defaults());
    }
}
