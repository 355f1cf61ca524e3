package dev.arrears.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of one currency, held as a count of the currency's minor units (fen, cents).
 * Arithmetic between two currencies is refused; there is no floating point anywhere on the way in or out.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** Returns zero in the given currency. */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Returns an amount of minor units in the currency with the given ISO 4217 code. */
    public static Money ofMinor(long minor, String currencyCode) {
        return new Money(minor, Currencies.of(currencyCode));
    }

    /** Parses a decimal string in major units ("12.34") exactly; more decimals than the currency has are refused. */
    public static Money parse(String amount, Currency currency) {
        return new Money(parseMinor(amount, currency), currency);
    }

    /** Parses a decimal string in major units into minor units of the currency, refusing excess precision. */
    public static long parseMinor(String amount, Currency currency) {
        long fast = plainMinor(amount, Currencies.fractionDigits(currency));
        if (fast >= 0) {
            return fast;
        }
        BigDecimal value = parseDecimal(amount);
        int digits = Currencies.fractionDigits(currency);
        if (value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("'" + amount + "' has more than " + digits
                    + " decimal places for " + currency.getCurrencyCode());
        }
        try {
            return value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + amount + "' is too large for an amount in "
                    + currency.getCurrencyCode());
        }
    }

    /** Parses a plain decimal string ("12.34", "-5", ".5"); exponents, separators and blanks are refused. */
    public static BigDecimal parseDecimal(String amount) {
        if (amount == null || amount.isBlank()) {
            throw new IllegalArgumentException("amount is missing");
        }
        String text = amount.strip();
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + amount + "' is not a decimal amount such as 12.34");
        }
        return new BigDecimal(text);
    }

    /**
     * Returns the minor units of a plain unsigned ASCII decimal ("1234.5") with at most {@code digits} decimals
     * and at most 15 integer digits, or -1 when the text needs the careful path (signs, blanks, errors, size).
     */
    private static long plainMinor(String text, int digits) {
        if (text == null) {
            return -1;
        }
        int n = text.length();
        if (n == 0 || n > 20) {
            return -1;
        }
        long units = 0;
        int integerDigits = 0;
        int i = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                break;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            units = units * 10 + (c - '0');
            integerDigits++;
        }
        if (integerDigits == 0 || integerDigits > 15) {
            return -1;
        }
        int decimals = 0;
        if (i < n) {
            for (i++; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || ++decimals > digits) {
                    return -1;
                }
                units = units * 10 + (c - '0');
            }
            if (decimals == 0) {
                return -1;
            }
        }
        for (; decimals < digits; decimals++) {
            units *= 10;
        }
        return units;
    }

    /** Formats minor units as a plain decimal string in major units with the currency's scale ("12.30"). */
    public static String format(long minor, Currency currency) {
        return BigDecimal.valueOf(minor, Currencies.fractionDigits(currency)).toPlainString();
    }

    /** Returns the amount as a plain decimal string in major units with the currency's scale. */
    public String amount() {
        return format(minor, currency);
    }

    /** Returns the amount as a BigDecimal in major units with the currency's scale. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minor, Currencies.fractionDigits(currency));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, same(other).minor), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, same(other).minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    /** Returns the smaller of the two amounts of the same currency. */
    public Money min(Money other) {
        return minor <= same(other).minor ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minor, same(other).minor);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return amount() + " " + currency.getCurrencyCode();
    }
}
