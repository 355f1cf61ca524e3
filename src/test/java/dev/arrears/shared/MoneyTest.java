package dev.arrears.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");

    @ParameterizedTest(name = "{0} {1} = {2} minor")
    @CsvSource({
            "12.34, CNY, 1234",
            "12.3, CNY, 1230",
            "12, CNY, 1200",
            "12.340, CNY, 1234",
            "0.01, CNY, 1",
            "0, CNY, 0",
            "-5.50, CNY, -550",
            "+5.50, CNY, 550",
            "' 7.25 ', CNY, 725",
            ".5, USD, 50",
            "1000, JPY, 1000",
            "1000.0, JPY, 1000",
            "1.234, KWD, 1234",
            "0.001, KWD, 1",
            "92233720368547758.07, CNY, 9223372036854775807",
            "-92233720368547758.08, CNY, -9223372036854775808",
    })
    void parsesDecimalStringsIntoExactMinorUnits(String amount, String currency, long minor) {
        assertThat(Money.parseMinor(amount, Currencies.of(currency))).isEqualTo(minor);
        assertThat(Money.parse(amount, Currencies.of(currency))).isEqualTo(Money.ofMinor(minor, currency));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "12.345, CNY, 2",
            "0.001, USD, 2",
            "1.5, JPY, 0",
            "1.2345, KWD, 3",
    })
    void refusesMoreDecimalsThanTheCurrencyHas(String amount, String currency, int digits) {
        assertThatThrownBy(() -> Money.parseMinor(amount, Currencies.of(currency)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + amount + "' has more than " + digits + " decimal places for " + currency);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"abc", "1e3", "1E3", "12,34", "1,234.56", "12.34.5", "--1", "+-1", "0x10", "12 34",
            "¥12", "12.34 CNY", "NaN", "Infinity", "١٢", "１２", ".", "-", "1_000"})
    void refusesTextThatIsNotAPlainDecimal(String amount) {
        assertThatThrownBy(() -> Money.parseMinor(amount, CNY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + amount + "' is not a decimal amount such as 12.34");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n"})
    void refusesMissingAmounts(String amount) {
        assertThatThrownBy(() -> Money.parseMinor(amount, CNY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount is missing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"92233720368547758.08", "-92233720368547758.09", "100000000000000000000",
            "99999999999999999999999999999999999999.99"})
    void refusesAmountsTooLargeForALong(String amount) {
        assertThatThrownBy(() -> Money.parseMinor(amount, CNY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest(name = "{0} minor {1} = {2}")
    @CsvSource({
            "1234, CNY, 12.34",
            "1230, CNY, 12.30",
            "5, CNY, 0.05",
            "0, CNY, 0.00",
            "-550, CNY, -5.50",
            "1000, JPY, 1000",
            "1234, KWD, 1.234",
            "9223372036854775807, CNY, 92233720368547758.07",
            "-9223372036854775808, KWD, -9223372036854775.808",
    })
    void formatsMinorUnitsWithTheCurrencyScale(long minor, String currency, String text) {
        Currency c = Currencies.of(currency);
        assertThat(Money.format(minor, c)).isEqualTo(text);
        assertThat(new Money(minor, c).amount()).isEqualTo(text);
        assertThat(new Money(minor, c).toString()).isEqualTo(text + " " + currency);
        assertThat(new Money(minor, c).toBigDecimal()).isEqualTo(new BigDecimal(text));
    }

    @Test
    void formatAndParseRoundTripForManyAmounts() {
        java.util.Random random = new java.util.Random(42);
        for (String code : new String[] {"CNY", "JPY", "KWD", "USD", "TWD"}) {
            Currency c = Currencies.of(code);
            for (int i = 0; i < 2_000; i++) {
                long minor = switch (i % 3) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextInt(1_000_000) - 500_000;
                    default -> random.nextInt(1000);
                };
                assertThat(Money.parseMinor(Money.format(minor, c), c)).as("%s %s", minor, code).isEqualTo(minor);
            }
        }
    }

    @Test
    void addsSubtractsAndComparesInOneCurrency() {
        Money a = Money.ofMinor(1234, "CNY");
        Money b = Money.ofMinor(66, "CNY");
        assertThat(a.plus(b)).isEqualTo(Money.ofMinor(1300, "CNY"));
        assertThat(a.minus(b)).isEqualTo(Money.ofMinor(1168, "CNY"));
        assertThat(b.minus(a).isNegative()).isTrue();
        assertThat(a.negate()).isEqualTo(Money.ofMinor(-1234, "CNY"));
        assertThat(a.compareTo(b)).isPositive();
        assertThat(b.compareTo(a)).isNegative();
        assertThat(a.compareTo(Money.ofMinor(1234, "CNY"))).isZero();
        assertThat(a.min(b)).isSameAs(b);
        assertThat(Money.zero(CNY).isZero()).isTrue();
        assertThat(a.isPositive()).isTrue();
    }

    @Test
    void refusesArithmeticBetweenCurrencies() {
        Money yuan = Money.ofMinor(100, "CNY");
        Money dollars = Money.ofMinor(100, "USD");
        assertThatThrownBy(() -> yuan.plus(dollars)).isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("currency USD does not match CNY");
        assertThatThrownBy(() -> yuan.minus(dollars)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> yuan.compareTo(dollars)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> yuan.min(dollars)).isInstanceOf(CurrencyMismatchException.class);
        assertThat(yuan).isNotEqualTo(new Money(100, USD));
    }

    @Test
    void refusesOverflowInsteadOfWrappingAround() {
        Money max = new Money(Long.MAX_VALUE, CNY);
        Money min = new Money(Long.MIN_VALUE, CNY);
        Money one = Money.ofMinor(1, "CNY");
        assertThatThrownBy(() -> max.plus(one)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(one)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(min::negate).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void requiresACurrency() {
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(NullPointerException.class);
    }
}
