package dev.arrears.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AddressDigestTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            +86 138 1234 5678            => +8613812345678
            +1 (212) 555-0100            => +12125550100
            020 7946 0958                => 02079460958
            '  Jane.Doe@Example.COM '    => jane.doe@example.com
            '1 Chang''an   Avenue,  Beijing' => 1 chang'an avenue, beijing
            """)
    void normalisesPhonesToDigitsAndTheRestToLowerCase(String address, String normalised) {
        assertThat(AddressDigest.normalise(address)).isEqualTo(normalised);
    }

    @Test
    void sameAddressWrittenDifferently_hasOneDigest() {
        assertThat(AddressDigest.of("+86 138-1234-5678")).isEqualTo(AddressDigest.of("+8613812345678"))
                .isEqualTo(AddressDigest.sha256Hex("+8613812345678".getBytes(StandardCharsets.UTF_8)));
        assertThat(AddressDigest.of("Jane@Example.com")).isEqualTo(AddressDigest.of("jane@example.com"))
                .isNotEqualTo(AddressDigest.of("+8613812345678"));
    }

    @Test
    void sha256Hex_matchesTheKnownDigestOfAbc() {
        assertThat(AddressDigest.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
