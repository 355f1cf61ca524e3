package dev.arrears.contact.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShortMessagesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void singlePartGoesWithoutHeader() {
        List<byte[]> payloads = ShortMessages.encode(SmsEncoding.segment("Hi €"), 7, false);

        assertThat(payloads).singleElement().satisfies(p -> assertThat(HEX.formatHex(p)).isEqualTo("4869201B65"));
    }

    @Test
    void longGsm7MessageGetsConcatenationHeaderPerPart() {
        List<byte[]> payloads = ShortMessages.encode(SmsEncoding.segment("x".repeat(200)), 0xA7, false);

        assertThat(payloads).hasSize(2);
        assertThat(HEX.formatHex(payloads.get(0), 0, 6)).isEqualTo("050003A70201");
        assertThat(HEX.formatHex(payloads.get(1), 0, 6)).isEqualTo("050003A70202");
        assertThat(payloads.get(0)).hasSize(6 + 153);
        assertThat(payloads.get(1)).hasSize(6 + 47);
    }

    @Test
    void ucs2PartsAreUtf16BigEndian() {
        List<byte[]> payloads = ShortMessages.encode(SmsEncoding.segment("退订"), 1, false);

        assertThat(HEX.formatHex(payloads.getFirst())).isEqualTo("90008BA2");
    }

    @ParameterizedTest(name = "packed={1}: {0}")
    @CsvSource({
            "'Pay HK$1,234.50 by 30 Nov [ref A-17] or call us. ', false",
            "'Pay HK$1,234.50 by 30 Nov [ref A-17] or call us. ', true",
            "'您的账单已逾期，请尽快付款。', false",
    })
    void everyPartDecodesBackAndReassembles(String sentence, boolean packed) {
        String text = sentence.repeat(sentence.length() > 20 ? 6 : 12);
        SmsEncoding.Segments segments = SmsEncoding.segment(text);
        List<byte[]> payloads = ShortMessages.encode(segments, 42, packed);
        PartAssembler assembler = new PartAssembler(10);
        PartAssembler.Assembled whole = null;

        for (int i = 0; i < payloads.size(); i++) {
            ShortMessages.Decoded decoded = ShortMessages.decode(segments.alphabet().dataCoding(), true,
                    payloads.get(i), packed);
            assertThat(decoded.text()).isEqualTo(segments.parts().get(i));
            assertThat(decoded.concatenation()).isEqualTo(new ShortMessages.Concatenation(42, payloads.size(), i + 1));
            whole = assembler.add("Arrears", "+85291234567", decoded.concatenation(), decoded.text(), "id" + i)
                    .orElse(null);
            assertThat(whole == null).isEqualTo(i < payloads.size() - 1);
        }
        assertThat(segments.count()).isGreaterThan(1);
        assertThat(whole.text()).isEqualTo(text);
        assertThat(whole.partIds()).hasSize(payloads.size()).first().isEqualTo("id0");
        assertThat(assembler.incomplete()).isZero();
    }

    @Test
    void readsSixteenBitReferenceHeader() {
        byte[] message = HEX.parseHex("0608040102030241");

        ShortMessages.Decoded decoded = ShortMessages.decode((byte) 0x00, true, message, false);

        assertThat(decoded.concatenation()).isEqualTo(new ShortMessages.Concatenation(0x0102, 3, 2));
        assertThat(decoded.text()).isEqualTo("A");
    }

    @Test
    void referenceOfAJobIsStable() {
        assertThat(ShortMessages.reference("job-123")).isEqualTo(ShortMessages.reference("job-123"))
                .isBetween(0, 255);
    }
}
