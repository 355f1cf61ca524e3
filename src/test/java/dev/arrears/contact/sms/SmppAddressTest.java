package dev.arrears.contact.sms;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmppAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "+8613800138000, INTERNATIONAL, ISDN, 8613800138000",
            "+85291234567, INTERNATIONAL, ISDN, 85291234567",
            "10086, UNKNOWN, ISDN, 10086",
            "Arrears, ALPHANUMERIC, UNKNOWN, Arrears",
            "HK-Bank 01, ALPHANUMERIC, UNKNOWN, HK-Bank 01",
    })
    void sourcesGoWithTheirTypeOfNumber(String source, TypeOfNumber ton, NumberingPlanIndicator npi, String address) {
        assertThat(SmppAddress.source(source)).isEqualTo(new SmppAddress(ton, npi, address));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"TwelveLetter", "退订", "+0123456789", ""})
    void refusesSourcesThatAreNoneOfNumberShortCodeOrName(String source) {
        assertThatThrownBy(() -> SmppAddress.source(source)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{0}] e164={1}")
    @CsvSource({"+85291234567, true", "+1234567, true", "85291234567, false", "+852 9123 4567, false",
            "+1234567890123456, false", "+0852912345, false"})
    void recognisesE164Numbers(String number, boolean e164) {
        assertThat(SmppAddress.isE164(number)).isEqualTo(e164);
    }

    @ParameterizedTest(name = "ton {0} {1}")
    @CsvSource({"1, 85291234567, +85291234567", "0, 85291234567, 85291234567", "1, Arrears, Arrears",
            "5, Arrears, Arrears"})
    void readsReceivedInternationalNumbersAsE164(byte ton, String address, String read) {
        assertThat(SmppAddress.received(ton, address)).isEqualTo(read);
    }
}
