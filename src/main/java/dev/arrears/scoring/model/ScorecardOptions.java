package dev.arrears.scoring.model;

/**
 * How a {@link Scorecard} is trained and scaled.
 *
 * @param scale                 points scale (600 at 50:1, 20 to double the odds)
 * @param binning               binning of the features
 * @param minInformationValue   features with a lower IV are left out (0.02)
 * @param dropWrongSigns        drop, one at a time, features whose coefficient says a safer bin (higher WOE) is
 *                              riskier, refitting each time
 * @param regression            logistic regression settings
 */
public record ScorecardOptions(PointsScale scale, BinningOptions binning, double minInformationValue,
                               boolean dropWrongSigns, LogisticRegression.Options regression) {

    public ScorecardOptions {
        if (scale == null || binning == null || regression == null || !(minInformationValue >= 0)) {
            throw new IllegalArgumentException("scorecard options need a scale, binning, regression and IV >= 0");
        }
    }

    /** Returns the defaults. */
    public static ScorecardOptions defaults() {
        return new ScorecardOptions(PointsScale.defaults(), BinningOptions.defaults(), 0.02, true,
                LogisticRegression.Options.defaults());
    }

    /** Returns these options with the points scale given by base score, base odds and points to double the odds. */
    public ScorecardOptions withScale(double baseScore, double baseOdds, double pointsToDoubleOdds) {
        return new ScorecardOptions(new PointsScale(baseScore, baseOdds, pointsToDoubleOdds), binning,
                minInformationValue, dropWrongSigns, regression);
    }
}
