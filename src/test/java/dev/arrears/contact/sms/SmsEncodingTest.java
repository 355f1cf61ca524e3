package dev.arrears.contact.sms;

import dev.arrears.contact.sms.SmsEncoding.Alphabet;
import dev.arrears.contact.sms.SmsEncoding.Segments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SmsEncodingTest {

    private static final String CHINESE = "您的账单已逾期请尽快付款谢谢";

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("empty", "", Alphabet.GSM7, 0, 1, List.of(0)),
                arguments("short English", "Hello", Alphabet.GSM7, 5, 1, List.of(5)),
                arguments("160 septets fit one", "a".repeat(160), Alphabet.GSM7, 160, 1, List.of(160)),
                arguments("161 septets need two", "a".repeat(161), Alphabet.GSM7, 161, 2, List.of(153, 8)),
                arguments("two full parts", "a".repeat(306), Alphabet.GSM7, 306, 2, List.of(153, 153)),
                arguments("one more septet, a third part", "a".repeat(307), Alphabet.GSM7, 307, 3,
                        List.of(153, 153, 1)),
                arguments("400 English characters", "x".repeat(400), Alphabet.GSM7, 400, 3, List.of(153, 153, 94)),
                arguments("extension characters count two", "[€]", Alphabet.GSM7, 6, 1, List.of(6)),
                arguments("80 euros fill one segment", "€".repeat(80), Alphabet.GSM7, 160, 1, List.of(160)),
                arguments("81 euros: 76 per part, escape never split", "€".repeat(81), Alphabet.GSM7, 162, 2,
                        List.of(152, 10)),
                arguments("escape at the cut moves to the next part", "a".repeat(152) + "€" + "b".repeat(10),
                        Alphabet.GSM7, 164, 2, List.of(152, 12)),
                arguments("GSM accents and Greek stay GSM-7", "Çé ΔΩ ñ £$¥ §¿¡", Alphabet.GSM7, 15, 1, List.of(15)),
                arguments("lower-case c cedilla is not GSM-7", "ç", Alphabet.UCS2, 1, 1, List.of(1)),
                arguments("a raw escape is not text", "\u001B", Alphabet.UCS2, 1, 1, List.of(1)),
                arguments("short Chinese", "你好", Alphabet.UCS2, 2, 1, List.of(2)),
                arguments("70 UCS-2 units fit one", "退".repeat(70), Alphabet.UCS2, 70, 1, List.of(70)),
                arguments("71 UCS-2 units need two", "退".repeat(71), Alphabet.UCS2, 71, 2, List.of(67, 4)),
                arguments("150 Chinese characters", "订".repeat(150), Alphabet.UCS2, 150, 3, List.of(67, 67, 16)),
                arguments("one Chinese character makes all UCS-2", "a".repeat(100) + "中", Alphabet.UCS2, 101, 2,
                        List.of(67, 34)),
                arguments("surrogate pair never split", "a".repeat(66) + "😀" + "b".repeat(10), Alphabet.UCS2, 78, 2,
                        List.of(66, 12)),
                arguments("emoji fits when whole", "a".repeat(65) + "😀", Alphabet.UCS2, 67, 1, List.of(67)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void segmentsTextsByAlphabetAndLimits(String name, String text, Alphabet alphabet, int units, int count,
                                          List<Integer> partUnits) {
        Segments segments = SmsEncoding.segment(text);

        assertThat(segments.alphabet()).isEqualTo(alphabet);
        assertThat(SmsEncoding.alphabet(text)).isEqualTo(alphabet);
        assertThat(segments.units()).isEqualTo(units);
        assertThat(SmsEncoding.units(text)).isEqualTo(units);
        assertThat(segments.count()).isEqualTo(count);
        assertThat(SmsEncoding.segmentCount(text)).isEqualTo(count);
        assertThat(segments.parts()).extracting(part -> unitsIn(part, alphabet)).isEqualTo(partUnits);
        assertThat(String.join("", segments.parts())).isEqualTo(text);
    }

    @Test
    void alphabetsCarryTheirSmppDataCoding() {
        assertThat(Alphabet.GSM7.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(Alphabet.UCS2.dataCoding()).isEqualTo((byte) 0x08);
    }

    @Test
    void randomTextsSplitIntoPartsThatFitAndJoinBack() {
        Random random = new Random(20261202);
        String gsm = "abc XYZ 0123 .,;!? €[]{}^~|\\ éàüß ΔΣ";
        String[] mixed = {"a", "Z", " ", "€", "[", "é", "你", "好", "退", "订", "😀", "👍"};
        for (int round = 0; round < 2_000; round++) {
            int length = random.nextInt(500);
            boolean gsmOnly = random.nextBoolean();
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.append(gsmOnly ? String.valueOf(gsm.charAt(random.nextInt(gsm.length())))
                        : mixed[random.nextInt(mixed.length)]);
            }
            String s = text.toString();
            Segments segments = SmsEncoding.segment(s);

            assertThat(String.join("", segments.parts())).isEqualTo(s);
            assertThat(SmsEncoding.segmentCount(s)).isEqualTo(segments.count());
            int limit = segments.concatenated() ? segments.alphabet().perPart() : segments.alphabet().single();
            for (String part : segments.parts()) {
                assertThat(unitsIn(part, segments.alphabet())).isLessThanOrEqualTo(limit);
                assertThat(!part.isEmpty() && Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
            }
        }
    }

    private static int unitsIn(String part, Alphabet alphabet) {
        if (alphabet == Alphabet.UCS2) {
            return part.length();
        }
        int septets = 0;
        for (char c : part.toCharArray()) {
            septets += Gsm7.septets(c);
        }
        return septets;
    }
}
