package dev.arrears.contact.letter;

import dev.arrears.contact.PortalToken;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.contact.ShippedLetters;
import dev.arrears.contact.template.Samples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PDF renderer with the CJK font of this machine (Debian's fonts-wqy-microhei, which CI installs): every shipped
 * letter renders in every locale, and the PDF's text holds the customer's name, the address and the bill lines.
 */
class PdfRendererTest {

    private static final String TOKEN = new PortalToken(new byte[32]).sign(new PortalToken.Claims(42L,
            Instant.parse("2030-01-01T00:00:00Z"), 1L, "XXX"));
    private static final Samples.Setup SETUP = new Samples.Setup("http://localhost:8080/portal/" + TOKEN,
            "http://localhost:8080/optout/" + TOKEN + "?channel=email",
            Map.of("en", "Arrears Demo Services", "zh-CN", "Arrears 演示服务", "zh-TW", "Arrears 示範服務"), "400 800 1234");

    private static PdfRenderer renderer;

    @BeforeAll
    static void fonts() {
        LetterFonts.CjkFont font = LetterFonts.resolve(null, null, LetterFonts.candidates(java.nio.file.Path.of("data",
                "fonts")));
        assertThat(font).as("a CJK font: apt-get install fonts-wqy-microhei").isNotNull();
        renderer = new PdfRenderer(new LetterFonts(font));
    }

    static Stream<String> letters() {
        return ShippedLetters.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("letters")
    void shippedLetter_rendersWithNameAddressAndBillLinesInEveryLocale(String name) throws IOException {
        for (String locale : List.of("zh-CN", "zh-TW", "en")) {
            RenderedMessage m = ShippedLetters.render(name, Samples.typical(locale, "US-REGF", SETUP));
            long started = System.nanoTime();
            PdfRenderer.Pdf pdf = renderer.render(m.html());
            long ms = (System.nanoTime() - started) / 1_000_000;
            String text = text(pdf.bytes());
            System.out.printf("%s %s: %d pages, %d bytes, %d ms%n", name, locale, pdf.pages(), pdf.bytes().length, ms);
            assertThat(pdf.pages()).isBetween(1, 3);
            switch (locale) {
                case "zh-CN" -> assertThat(text).contains("陈静").contains("月租套餐").contains("超出套餐流量")
                        .contains("上海市浦东新区世纪大道100号").contains("债务催收方");
                case "zh-TW" -> assertThat(text).contains("陳靜").contains("月租方案").contains("逾期滯納金")
                        .contains("臺北市大安區復興南路一段390號");
                default -> assertThat(text).contains("Chen Jing").contains("Monthly plan")
                        .contains("Data beyond the plan").contains("London E14 5AB").contains("debt collector");
            }
            assertThat(text).contains("INV-2026-10").contains("1 / " + pdf.pages());
        }
    }

    @Test
    void worstCaseLetter_breaksOntoMorePages() throws IOException {
        RenderedMessage m = ShippedLetters.render("demand_letter", Samples.worstCase("zh-CN", "US-REGF", SETUP));
        PdfRenderer.Pdf pdf = renderer.render(m.html());
        assertThat(text(pdf.bytes())).contains("深圳前海国际供应链管理有限公司").contains("国际漫游数据流量包（亚洲，1GB）");
    }

    @Test
    void chineseLetterWithoutFont_failsNamingTheFix() {
        PdfRenderer bare = new PdfRenderer(new LetterFonts((LetterFonts.CjkFont) null));
        RenderedMessage m = ShippedLetters.render("demand_letter", Samples.typical("zh-CN", null, SETUP));
        assertThatThrownBy(() -> bare.render(m.html())).isInstanceOf(PdfRenderer.PdfException.class)
                .hasMessageContaining("fonts-wqy-microhei").hasMessageContaining("arrears.letters.font");
    }

    @Test
    void englishLetterWithoutFont_renders() throws IOException {
        PdfRenderer bare = new PdfRenderer(new LetterFonts((LetterFonts.CjkFont) null));
        RenderedMessage m = ShippedLetters.render("demand_letter", Samples.typical("en", null, SETUP));
        PdfRenderer.Pdf pdf = bare.render(m.html());
        assertThat(text(pdf.bytes())).contains("Chen Jing").contains("Late payment fee").contains("£158.00");
    }

    @Test
    void malformedXhtml_failsWithTheParsersWords() {
        assertThatThrownBy(() -> renderer.render("<html><body><p>unclosed</body></html>"))
                .isInstanceOf(PdfRenderer.PdfException.class).hasMessageContaining("cannot render the PDF");
    }

    @Test
    void merge_keepsEveryPageInOrder() throws IOException {
        PdfRenderer.Pdf a = renderer.render(ShippedLetters.render("demand_letter",
                Samples.typical("en", null, SETUP)).html());
        PdfRenderer.Pdf b = renderer.render(ShippedLetters.render("final_notice",
                Samples.typical("zh-TW", null, SETUP)).html());
        PdfRenderer.Pdf merged = renderer.merge(List.of(a.bytes(), b.bytes()));
        assertThat(merged.pages()).isEqualTo(a.pages() + b.pages());
        String text = text(merged.bytes());
        assertThat(text.indexOf("Chen Jing")).isLessThan(text.indexOf("陳靜"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
