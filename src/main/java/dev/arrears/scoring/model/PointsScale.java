package dev.arrears.scoring.model;

/**
 * The points scale shared by every model: {@code baseScore} points at good:bad odds of {@code baseOdds}, and
 * {@code pointsToDoubleOdds} more points each time the odds of good double. Points = offset + factor × ln(odds of
 * good), with factor = pointsToDoubleOdds / ln 2 and offset = baseScore − factor × ln(baseOdds).
 *
 * @param baseScore          points at the base odds (600)
 * @param baseOdds           good:bad odds that earn the base score (50, i.e. 50:1)
 * @param pointsToDoubleOdds points added when the odds of good double (20)
 */
public record PointsScale(double baseScore, double baseOdds, double pointsToDoubleOdds) {

    public PointsScale {
        if (!(baseOdds > 0) || !(pointsToDoubleOdds > 0) || !Double.isFinite(baseScore)) {
            throw new IllegalArgumentException("the points scale needs odds > 0 and points to double > 0");
        }
    }

    /** Returns the usual scale: 600 points at 50:1, 20 points to double the odds. */
    public static PointsScale defaults() {
        return new PointsScale(600, 50, 20);
    }

    /** Returns the points per unit of ln(odds of good). */
    public double factor() {
        return pointsToDoubleOdds / Math.log(2);
    }

    /** Returns the points at even odds. */
    public double offset() {
        return baseScore - factor() * Math.log(baseOdds);
    }

    /** Returns the points of a log-odds of the bad outcome. */
    public double points(double logitBad) {
        return offset() - factor() * logitBad;
    }
}
