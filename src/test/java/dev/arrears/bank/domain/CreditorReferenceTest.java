package dev.arrears.bank.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditorReferenceTest {

    @ParameterizedTest
    @CsvSource({"RF18539007547034, true", "RF18 5390 0754 7034, true", "rf18539007547034, true",
            "RF18000000000539007547034, true", "RF19539007547034, false", "RF18539007547035, false",
            "RF84ACC10002, true", "RF84ACC-10002, false", "ACC10002, false", "RF1, false"})
    void checkDigits_areValidated(String reference, boolean valid) {
        assertThat(CreditorReference.isValid(reference)).isEqualTo(valid);
    }

    @Test
    void of_computesTheCheckDigitsOfTheStandardExample() {
        assertThat(CreditorReference.of("539007547034")).isEqualTo("RF18539007547034");
        assertThat(CreditorReference.of("ACC10002")).isEqualTo("RF84ACC10002");
        assertThat(CreditorReference.body("RF84 ACC1 0002")).isEqualTo("ACC10002");
    }

    @Test
    void of_refusesBodiesThatAreNotLettersAndDigits() {
        assertThatThrownBy(() -> CreditorReference.of("ACC-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditorReference.of("A".repeat(22))).isInstanceOf(IllegalArgumentException.class);
    }
}
