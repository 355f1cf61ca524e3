package dev.arrears.contact;

import dev.arrears.contact.template.CompiledTemplate;
import dev.arrears.contact.template.Locales;
import dev.arrears.contact.template.Samples;
import dev.arrears.contact.template.TemplateCheck;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.strategy.ShippedTemplates;
import dev.arrears.strategy.domain.ActionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped default templates: one for every template name and channel the shipped strategies may use (the
 * strategy module's list), each valid, and each rendering in every locale and jurisdiction for a sample account
 * with nothing left unrendered.
 */
class ShippedTemplatesTest {

    /** The longest links an installation on localhost makes: a token like {@code Portal.longestToken()}'s. */
    private static final String TOKEN = new PortalToken(new byte[32]).sign(new PortalToken.Claims((1L << 35) - 1,
            Instant.parse("2030-01-01T00:00:00Z"), (1L << 35) - 1, "XXX"));
    private static final Samples.Setup SETUP = new Samples.Setup("http://localhost:8080/portal/" + TOKEN,
            "http://localhost:8080/optout/" + TOKEN + "?channel=email",
            Map.of("en", "Arrears Demo Services", "zh-CN", "Arrears 演示服务", "zh-TW", "Arrears 示範服務"), "");

    static Stream<ShippedTemplateFiles.Shipped> shipped() {
        return ShippedTemplateFiles.all().stream();
    }

    @Test
    void shipsEveryTemplateTheShippedStrategiesMayName() {
        Set<String> expected = new TreeSet<>();
        ShippedTemplates.all().forEach((name, actions) -> actions.forEach(a -> expected.add(name + "/" + a.channel())));
        expected.add(Templates.CALL_SCRIPT + "/" + ActionKind.CALL_TASK.channel());
        expected.add(Templates.BILL + "/" + Channel.LETTER);
        Set<String> actual = new TreeSet<>();
        shipped().forEach(s -> actual.add(s.name() + "/" + s.channel()));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void isValid(ShippedTemplateFiles.Shipped template) {
        List<FieldError> errors = TemplateCheck.check(template.name(), template.channel(), template.draft(), SETUP);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void rendersInEveryLocaleAndJurisdiction(ShippedTemplateFiles.Shipped template) throws Exception {
        CompiledTemplate compiled = CompiledTemplate.compile(1, template.name(), template.channel(), 1,
                template.draft().maxSegments(), TemplateCheck.texts(template.channel(), template.draft()));
        for (String locale : Locales.ALL) {
            for (String jurisdiction : Arrays.asList("US-REGF", "UK-FCA", "CN-NIFA", null)) {
                RenderedMessage m = compiled.render(Samples.typical(locale, jurisdiction, SETUP));
                List<String> parts = new ArrayList<>();
                Stream.of(m.subject(), m.title(), m.body(), m.html(), m.text()).filter(p -> p != null)
                        .forEach(parts::add);
                assertThat(parts).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("{{")
                        .doesNotContain("}}"));
                if (template.channel() == Channel.SMS || template.channel() == Channel.EMAIL) {
                    assertThat(m.hasOptOut()).as("opt-out in %s %s", locale, jurisdiction).isTrue();
                }
                if ("US-REGF".equals(jurisdiction)) {
                    assertThat(String.join("\n", parts)).contains(switch (locale) {
                        case "en" -> "debt collector";
                        case "zh-CN" -> "债务催收方";
                        default -> "債務催收方";
                    });
                }
                if (template.channel() == Channel.SMS) {
                    assertThat(m.sms().withinLimit()).isTrue();
                }
                if (template.channel() == Channel.LETTER) {
                    // the PDF renderer reads letters as XML: they must be well-formed
                    DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(m.html().getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /**
     * Operators bill every segment: the notices most customers get, in Simplified Chinese, fit two UCS-2 segments
     * (134 characters) for an ordinary account — a three-character name, a four-digit amount, the demo creditor's
     * name and the link an installation on localhost makes for an account id in the tens of millions. (The zh-TW
     * texts are as short, but its opt-out line and NT$ take six more characters: three segments at these values.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overdue_notice", "second_notice"})
    void simplifiedChineseNoticesFitTwoSegmentsForAnOrdinaryAccount(String name) {
        String locale = "zh-CN";
        ShippedTemplateFiles.Shipped template = shipped()
                .filter(s -> s.name().equals(name) && s.channel() == Channel.SMS).findFirst().orElseThrow();
        CompiledTemplate compiled = CompiledTemplate.compile(1, name, Channel.SMS, 1, template.draft().maxSegments(),
                TemplateCheck.texts(Channel.SMS, template.draft()));
        String link = "http://localhost:8080/portal/" + new PortalToken(new byte[32]).sign(PortalToken.Claims.of(
                99_999_999L, Instant.parse("2030-01-01T00:00:00Z")));
        RenderContext typical = Samples.typical(locale, null, SETUP);
        RenderContext ordinary = new RenderContext(locale, null, typical.today(), "欧阳明",
                typical.postalAddress(), new RenderContext.Account("ACC-1001", typical.account().currency(),
                        987_654, 987_654, 134, LocalDate.of(2026, 12, 31)), typical.bills(), link,
                typical.optOutLink(), typical.collectorName(), typical.creditorName(), typical.creditorPhone(),
                null);

        RenderedMessage m = compiled.render(ordinary);

        assertThat(m.body()).contains("9,876.54").contains(link);
        assertThat(m.sms().segments()).as("%s (%d characters)", m.body(), m.body().length()).isEqualTo(2);
    }
}
