package dev.arrears.contact.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gsm7Test {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "@; 00",
            "$; 02",
            "A; 41",
            "¤; 24",
            "à; 7F",
            "Δ; 10",
            "€; 1B65",
            "{}; 1B281B29",
            "[~]; 1B3C1B3D1B3E",
            "a^b; 611B1462",
            "|\\; 1B401B2F",
    })
    void encodesCharactersToTheirSeptets(String text, String septets) {
        assertThat(HEX.formatHex(Gsm7.encode(text))).isEqualTo(septets);
        assertThat(Gsm7.decode(HEX.parseHex(septets), 0, septets.length() / 2)).isEqualTo(text);
    }

    @Test
    void everyCharacterOfBothTablesRoundTrips() {
        String all = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€";
        byte[] septets = Gsm7.encode(all);

        assertThat(Gsm7.encodable(all)).isTrue();
        assertThat(septets).hasSize(127 + 2 * 10);
        assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo(all);
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Gsm7.encode("ok 你"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not in the GSM 03.38 alphabet: U+4F60 at 3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "hellohello, E8329BFD4697D9EC37",
            "1234567, 31D98C56B3DD1A",
            "12345678, 31D98C56B3DD70",
    })
    void packsSeptetsLeastSignificantBitFirst(String text, String packed) {
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encode(text), 0))).isEqualTo(packed);
        byte[] septets = Gsm7.unpack(HEX.parseHex(packed), 0, 0);
        assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo(text);
    }

    @Test
    void packedSeptetsRoundTripWithAndWithoutFillBits() {
        Random random = new Random(7);
        for (int fill = 0; fill < 7; fill++) {
            for (int length = 0; length <= 200; length++) {
                byte[] septets = new byte[length];
                for (int i = 0; i < length; i++) {
                    septets[i] = (byte) (random.nextInt(127) + 1);
                    if (septets[i] == 0x0D) {
                        septets[i] = 0x0E; // a trailing CR at an octet boundary reads as padding (TS 23.038)
                    }
                }
                byte[] packed = Gsm7.pack(septets, fill);
                assertThat(packed).hasSize((fill + length * 7 + 7) / 8);
                assertThat(Gsm7.unpack(packed, 0, fill)).as("fill %d length %d", fill, length).isEqualTo(septets);
            }
        }
    }
}
