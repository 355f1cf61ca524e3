package dev.arrears.contact.template;

import dev.arrears.contact.TemplateDraft;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation of a whole template version: locales, parts, positions, disclosures and the SMS segment limit. */
class TemplateCheckTest {

    private static final Samples.Setup SETUP = new Samples.Setup("https://pay.example.com/portal/" + "T".repeat(48),
            "https://pay.example.com/optout/" + "T".repeat(48) + "?channel=email",
            Map.of("en", "Demo Telecom", "zh-CN", "演示电信", "zh-TW", "示範電信"), "");
    private static final String SMS_TAIL = " {{disclosures.debtCollector}}{{disclosures.optOut}}";

    private static Map<String, Map<String, String>> sms(String zhCn, String zhTw, String en) {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        locales.put("zh-CN", Map.of("body", zhCn));
        locales.put("zh-TW", Map.of("body", zhTw));
        locales.put("en", Map.of("body", en));
        return locales;
    }

    private static List<FieldError> check(Channel channel, Integer max, Map<String, Map<String, String>> locales) {
        return TemplateCheck.check("test_template", channel, new TemplateDraft(null, max, locales), SETUP);
    }

    @Test
    void validSmsPasses() {
        assertThat(check(Channel.SMS, null, sms("{{customer.name}}您好" + SMS_TAIL, "{{customer.name}}您好" + SMS_TAIL,
                "Hi {{customer.name}}" + SMS_TAIL))).isEmpty();
    }

    @Test
    void unknownVariableIsReportedWithLocalePartLineAndColumn() {
        List<FieldError> errors = check(Channel.SMS, null, sms("您好" + SMS_TAIL,
                "您好，\n請於{{account.dueDat}}前繳款" + SMS_TAIL, "Hi" + SMS_TAIL));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/locales/zh-TW/body");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("3");
            assertThat(e.detail()).startsWith("unknown variable 'account.dueDat'; did you mean 'account.dueDate'?");
        });
    }

    @Test
    void unclosedSectionIsReportedAtItsOpeningTag() {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        String ok = "{{#bills}}{{number}}{{/bills}}{{disclosures.debtCollector}}";
        locales.put("zh-CN", Map.of("html", ok));
        locales.put("zh-TW", Map.of("html", ok));
        locales.put("en", Map.of("html", "<p>Dear {{customer.name}}</p>\n<table>\n"
                + "  {{#bills}}<tr><td>{{number}}</td></tr>\n</table>{{disclosures.debtCollector}}"));
        List<FieldError> errors = check(Channel.LETTER, null, locales);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/locales/en/html");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("3");
            assertThat(e.detail()).isEqualTo("{{#bills}} is not closed: add {{/bills}}");
        });
    }

    @Test
    void letterThatIsNotWellFormedXhtml_isReportedWithLineAndColumn() {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        String ok = "<html><body><p>{{customer.name}}</p><p>{{disclosures.debtCollector}}</p></body></html>";
        locales.put("zh-CN", Map.of("html", ok));
        locales.put("zh-TW", Map.of("html", ok));
        locales.put("en", Map.of("html", "<html><body>\n<p>Dear&nbsp;{{customer.name}}</p>\n"
                + "{{disclosures.debtCollector}}</body></html>"));
        List<FieldError> errors = check(Channel.LETTER, null, locales);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/locales/en/html");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.detail()).startsWith("not well-formed XHTML, which the PDF renderer needs").contains("nbsp");
        });
        locales.put("en", Map.of("html", ok));
        assertThat(check(Channel.LETTER, null, locales)).isEmpty();
    }

    @Test
    void missingAndUnknownLocalesAreErrors() {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        locales.put("zh-CN", Map.of("body", "a" + SMS_TAIL));
        locales.put("en", Map.of("body", "a" + SMS_TAIL));
        locales.put("fr", Map.of("body", "a" + SMS_TAIL));
        assertThat(check(Channel.SMS, null, locales)).extracting(FieldError::pointer, FieldError::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/locales/fr",
                                "unknown locale 'fr'; templates are written in zh-CN, zh-TW and en"),
                        org.assertj.core.groups.Tuple.tuple("/locales/zh-TW",
                                "missing: every template is written in zh-CN, zh-TW and en"));
    }

    @Test
    void partsMustBeThoseOfTheChannel() {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        String body = "{{disclosures.optOut}} {{disclosures.optOutLink}} {{disclosures.debtCollector}}";
        for (String l : Locales.ALL) {
            locales.put(l, Map.of("subject", "Hello", "html", body, "text", body));
        }
        locales.put("en", Map.of("subject", "Hello\nthere", "body", body, "text", body));
        assertThat(check(Channel.EMAIL, null, locales)).extracting(FieldError::pointer, FieldError::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/locales/en/body",
                                "not a part of an EMAIL template; its parts are subject, html and text"),
                        org.assertj.core.groups.Tuple.tuple("/locales/en/subject", "a subject is one line"),
                        org.assertj.core.groups.Tuple.tuple("/locales/en/html",
                                "missing: an EMAIL template has subject, html and text"));
    }

    @Test
    void smsMustCarryTheOptOutLineAndTheDebtCollectorNotice() {
        List<FieldError> errors = check(Channel.SMS, null, sms("您好" + SMS_TAIL, "您好" + SMS_TAIL, "Hi there"));
        assertThat(errors).extracting(FieldError::pointer).containsOnly("/locales/en/body");
        assertThat(errors).extracting(FieldError::detail)
                .anyMatch(d -> d.startsWith("must insert {{disclosures.optOut}}"))
                .anyMatch(d -> d.startsWith("must insert {{disclosures.debtCollector}}"));
    }

    @Test
    void smsOverItsSegmentLimitWithTheLongestValuesIsAnError() {
        String zh = "{{customer.name}}您好，" + "请尽快付款。".repeat(12) + "{{payment.link}}" + SMS_TAIL;
        List<FieldError> errors = check(Channel.SMS, 2, sms(zh, "您好" + SMS_TAIL, "Hi" + SMS_TAIL));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/locales/zh-CN/body");
            assertThat(e.detail()).contains("SMS segments").contains("UCS-2").contains("the limit is 2 (maxSegments)");
        });
        assertThat(check(Channel.SMS, 4, sms(zh, "您好" + SMS_TAIL, "Hi" + SMS_TAIL))).isEmpty();
    }

    @Test
    void maxSegmentsIsForSmsOnlyAndBounded() {
        String body = "{{disclosures.debtCollector}}";
        Map<String, Map<String, String>> push = new LinkedHashMap<>();
        Locales.ALL.forEach(l -> push.put(l, Map.of("title", "T", "body", body)));
        assertThat(check(Channel.PUSH, 3, push)).extracting(FieldError::pointer).containsExactly("/maxSegments");
        assertThat(check(Channel.SMS, 11, sms("a" + SMS_TAIL, "a" + SMS_TAIL, "a" + SMS_TAIL)))
                .extracting(FieldError::pointer).containsExactly("/maxSegments");
    }

    @Test
    void noLocalesAtAllIsOneError() {
        assertThat(check(Channel.CALL, null, null)).extracting(FieldError::pointer).containsExactly("/locales");
    }
}
