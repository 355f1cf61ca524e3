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

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
