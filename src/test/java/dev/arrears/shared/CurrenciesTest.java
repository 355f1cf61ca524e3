package dev.arrears.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrenciesTest {

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"CNY, 2", "TWD, 2", "USD, 2", "GBP, 2", "JPY, 0", "KRW, 0", "KWD, 3", "BHD, 3"})
    void findsRealCurrenciesWithTheirMinorUnits(String code, int digits) {
        assertThat(Currencies.of(code).getCurrencyCode()).isEqualTo(code);
        assertThat(Currencies.fractionDigits(Currencies.of(code))).isEqualTo(digits);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"cny", "Cny", "CN", "CNYY", " CNY", "CNY ", "12A", "¥", "人民币"})
    void refusesTextThatIsNotAnUpperCaseCode(String code) {
        assertThatThrownBy(() -> Currencies.of(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + code + "' is not an ISO 4217 currency code such as CNY");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ABC", "ZZZ", "QQQ"})
    void refusesUnknownCodes(String code) {
        assertThatThrownBy(() -> Currencies.of(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown currency '" + code + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XDR", "XUA", "XSU", "BOV", "CHE", "CHW", "CLF", "COU",
            "MXV", "USN", "UYI"})
    void refusesFundsAndTestingCodes(String code) {
        assertThatThrownBy(() -> Currencies.of(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + code + "' is not a currency that bills can be issued in");
    }
}
