package dev.arrears.contact.template;

import dev.arrears.contact.RenderedMessage.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts, dates and category names per locale, and SMS encodings and segment counts. */
class FormatsTest {

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | CNY | 123450      | ¥1,234.50
            zh-CN | USD | 5           | US$0.05
            zh-CN | TWD | 100000      | NT$1,000.00
            zh-TW | TWD | 123450      | NT$1,234.50
            zh-TW | CNY | 99          | CN¥0.99
            en    | CNY | 123450      | CN¥1,234.50
            en    | USD | 123456789   | $1,234,567.89
            en    | GBP | -500        | -£5.00
            en    | JPY | 1234567     | ¥1,234,567
            en    | KWD | 1234567     | KWD1,234.567
            zh-CN | CNY | 0           | ¥0.00
            en    | EUR | 100000000000 | €1,000,000,000.00
            """)
    void formatsAmountsExactlyFromMinorUnits(String locale, String currency, long minor, String expected) {
        assertThat(Formats.of(locale).money(minor, currency)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"zh-CN, CNY", "zh-CN, USD", "en, USD", "en, GBP", "en, CNY", "zh-TW, USD", "en, JPY"})
    void agreesWithTheJdkCurrencyFormat(String locale, String currency) {
        Locale l = Locale.forLanguageTag(locale);
        NumberFormat jdk = NumberFormat.getCurrencyInstance(l);
        Currency c = Currency.getInstance(currency);
        jdk.setCurrency(c);
        jdk.setMinimumFractionDigits(c.getDefaultFractionDigits());
        jdk.setMaximumFractionDigits(c.getDefaultFractionDigits());
        for (long minor : new long[]{0, 1, 99, 123_450, 98_765_432_100L, -4_200}) {
            assertThat(Formats.of(locale).money(minor, currency))
                    .isEqualTo(jdk.format(BigDecimal.valueOf(minor, c.getDefaultFractionDigits())));
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"zh-CN, 2026年12月2日", "zh-TW, 2026年12月2日", "en, 2 December 2026"})
    void writesLongDates(String locale, String expected) {
        assertThat(Formats.of(locale).date(LocalDate.of(2026, 12, 2))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({"zh-CN, SERVICE, 服务费", "zh-TW, TAX, 稅費", "en, INTEREST, Interest", "en, ROAMING, ROAMING"})
    void namesLineCategories(String locale, String code, String expected) {
        assertThat(Formats.of(locale).category(code)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"zh-CN, zh-CN", "zh-Hant-HK, zh-TW", "zh-TW, zh-TW", "zh-SG, zh-CN", "zh, zh-CN", "en-GB, en",
            "fr-FR, en", "'', en"})
    void mapsLanguageTagsToTheClosestSupportedLocale(String tag, String expected) {
        assertThat(Locales.closest(tag)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{3} chars of ''{0}'' → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a   | GSM_7 | 1 | 160
            a   | GSM_7 | 2 | 161
            a   | GSM_7 | 2 | 306
            a   | GSM_7 | 3 | 307
            €   | GSM_7 | 1 | 80
            €   | GSM_7 | 2 | 81
            é   | GSM_7 | 1 | 160
            中  | UCS_2 | 1 | 70
            中  | UCS_2 | 2 | 71
            中  | UCS_2 | 2 | 134
            中  | UCS_2 | 3 | 135
            """)
    void countsSegments(String unit, Encoding encoding, int segments, int count) {
        SmsSegments.Count c = SmsSegments.count(unit.repeat(count));
        assertThat(c.encoding()).isEqualTo(encoding);
        assertThat(c.segments()).isEqualTo(segments);
    }

    @Test
    void extensionCharactersCountTwiceAndAreNotSplit() {
        // 152 plain septets then '{' (2 septets): the escape pair moves whole into the second segment
        SmsSegments.Count c = SmsSegments.count("a".repeat(152) + "{" + "a".repeat(10));
        assertThat(c.units()).isEqualTo(164);
        assertThat(c.segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(152) + "{".repeat(77)).segments()).isEqualTo(3);
    }

    @Test
    void oneChineseCharacterMakesTheWholeMessageUcs2() {
        SmsSegments.Count c = SmsSegments.count("Reply STOP to opt out " + "陈");
        assertThat(c.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(c.units()).isEqualTo(23);
    }

    @Test
    void surrogatePairsAreNotSplitAcrossSegments() {
        // 66 units then a two-unit emoji: it does not fit in the first segment's 67 units
        SmsSegments.Count c = SmsSegments.count("中".repeat(66) + "😀" + "中".repeat(3));
        assertThat(c.units()).isEqualTo(71);
        assertThat(c.segments()).isEqualTo(2);
        assertThat(SmsSegments.count("中".repeat(66) + "😀".repeat(34)).segments()).isEqualTo(3);
    }
}
