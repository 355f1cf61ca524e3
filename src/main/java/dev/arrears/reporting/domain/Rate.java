package dev.arrears.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share: {@code numerator} of {@code denominator}, and as a percentage rounded half-up to one decimal (null when
 * nothing was counted, which the pages show as "—" rather than 0 %).
 */
public record Rate(long numerator, long denominator, BigDecimal percent) {

    /** The rate of nothing counted. */
    public static final Rate NONE = new Rate(0, 0);

    /** Creates the rate of two counts, with its percentage. */
    public Rate(long numerator, long denominator) {
        this(numerator, denominator, percent(numerator, denominator));
    }

    /** Returns the percentage with one decimal, or null when the denominator is 0. */
    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }

    /** Returns the sum of two rates' counts. */
    public Rate plus(Rate other) {
        return new Rate(numerator + other.numerator, denominator + other.denominator);
    }
}
