package dev.arrears.bank.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IbanTest {

    @Test
    void knownIbansPass_withOrWithoutSpaces() {
        assertThat(Iban.valid("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(Iban.valid("GB82WEST12345698765432")).isTrue();
        assertThat(Iban.valid("fr1420041010050500013m02606")).isTrue();
        assertThat(Iban.normalise(" de89 3704 0044 0532 0130 00 ")).isEqualTo("DE89370400440532013000");
    }

    @Test
    void aMistypedDigitFailsTheCheck_andAWrongShapeSaysSo() {
        assertThat(Iban.problem("DE89370400440532013001")).contains("check digits");
        assertThat(Iban.problem("DE8937040044053201300")).contains("check digits");
        assertThat(Iban.problem("1234")).contains("is not an IBAN");
        assertThat(Iban.problem(null)).contains("is not an IBAN");
        assertThat(Iban.problem("DE89-3704")).contains("is not an IBAN");
    }

    @Test
    void bicsOf8Or11Characters() {
        assertThat(Iban.validBic("COBADEFF")).isTrue();
        assertThat(Iban.validBic("COBADEFFXXX")).isTrue();
        assertThat(Iban.validBic("COBADEFFXX")).isFalse();
        assertThat(Iban.validBic("CO1ADEFF")).isTrue();
        assertThat(Iban.validBic("COBA1EFF")).isFalse();
        assertThat(Iban.validBic(null)).isFalse();
    }

    @Test
    void checkDigitsAreComputedFromTheCountryAndTheBban() {
        assertThat(Iban.withCheckDigits("GB", "WEST12345698765432")).isEqualTo("GB82WEST12345698765432");
        assertThat(Iban.withCheckDigits("DE", "370400440532013000")).isEqualTo("DE89370400440532013000");
        assertThat(Iban.valid(Iban.withCheckDigits("GB", "DEMO00000000000001"))).isTrue();
    }
}
