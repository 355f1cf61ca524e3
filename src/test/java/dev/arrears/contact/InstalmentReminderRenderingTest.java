package dev.arrears.contact;

import dev.arrears.contact.RenderContext.Account;
import dev.arrears.contact.template.CompiledTemplate;
import dev.arrears.contact.template.TemplateCheck;
import dev.arrears.shared.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code instalment_reminder} in its three languages: the instalment's amount and the plan's remaining
 * balance written per locale from minor units, its due date as a long date, its number of the count, the link; and
 * empty instalment variables when a message is about no instalment.
 */
class InstalmentReminderRenderingTest {

    private static final String LINK = "https://pay.example.com/portal/AQEtoken";

    private static RenderContext context(String locale, RenderContext.Instalment instalment) {
        return new RenderContext(locale, "CN-NIFA", LocalDate.of(2026, 12, 20), "陈伟", "",
                new Account("ACC-7", "CNY", 300_000, 0, 0, null), List.of(), LINK, LINK + "/optout", null,
                "Arrears", "", instalment);
    }

    private static RenderedMessage render(Channel channel, RenderContext context) {
        ShippedTemplateFiles.Shipped shipped = ShippedTemplateFiles.all().stream()
                .filter(s -> s.name().equals("instalment_reminder") && s.channel() == channel).findFirst()
                .orElseThrow();
        return CompiledTemplate.compile(1, shipped.name(), channel, 1, shipped.draft().maxSegments(),
                TemplateCheck.texts(channel, shipped.draft())).render(context);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | 分期第2/3期¥1,234.50于2026年12月23日到期，剩余¥2,469.00。付款：https://pay.example.com/portal/AQEtoken
            zh-TW | 分期第2/3期CN¥1,234.50於2026年12月23日到期，剩餘CN¥2,469.00。繳款：https://pay.example.com/portal/AQEtoken
            en    | instalment 2 of 3 of your plan, CN¥1,234.50, is due on 23 December 2026 (CN¥2,469.00 left on the plan). Pay here: https://pay.example.com/portal/AQEtoken
            """)
    void smsSaysTheInstalmentInTheCustomersLanguage(String locale, String expected) {
        RenderedMessage m = render(Channel.SMS, context(locale,
                new RenderContext.Instalment(2, 3, LocalDate.of(2026, 12, 23), 123_450, 246_900)));
        assertThat(m.body()).contains(expected);
        assertThat(m.hasOptOut()).isTrue();
        assertThat(m.sms().withinLimit()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | 分期第1/6期将于2026年12月23日到期 | 第 1 期（共 6 期）应付 <strong>¥450.00</strong>，将于 <strong>2026年12月23日</strong> 到期 | 分期计划还剩 ¥2,700.00 待付
            zh-TW | 分期第1/6期將於2026年12月23日到期 | 第 1 期（共 6 期）應繳 <strong>CN¥450.00</strong>，將於 <strong>2026年12月23日</strong> 到期 | 分期計畫還剩 CN¥2,700.00 待繳
            en    | Instalment 1 of 6 is due on 23 December 2026 | <strong>CN¥450.00</strong>, is due on <strong>23 December 2026</strong> | CN¥2,700.00 is left to pay on the plan
            """)
    void emailSaysTheInstalmentInTheCustomersLanguage(String locale, String subject, String html, String left) {
        RenderedMessage m = render(Channel.EMAIL, context(locale,
                new RenderContext.Instalment(1, 6, LocalDate.of(2026, 12, 23), 45_000, 270_000)));
        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.html()).contains(html).contains(left).contains("href=\"" + LINK + "\"");
        assertThat(m.text()).contains(left.replace("<strong>", "").replace("</strong>", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | 分期第3/3期即将到期 | ¥99.99将于2027年2月1日到期，计划剩余¥99.99。
            zh-TW | 分期第3/3期即將到期 | CN¥99.99將於2027年2月1日到期，計畫剩餘CN¥99.99。
            en    | Instalment 3 of 3 due soon | CN¥99.99 is due on 1 February 2027; CN¥99.99 left on your plan.
            """)
    void pushSaysTheInstalmentInTheCustomersLanguage(String locale, String title, String body) {
        RenderedMessage m = render(Channel.PUSH, context(locale,
                new RenderContext.Instalment(3, 3, LocalDate.of(2027, 2, 1), 9_999, 9_999)));
        assertThat(m.title()).isEqualTo(title);
        assertThat(m.body()).startsWith(body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zh-CN", "zh-TW", "en"})
    void withoutAnInstalmentTheVariablesAreEmpty(String locale) {
        RenderedMessage m = render(Channel.PUSH, context(locale, null));
        assertThat(m.body()).doesNotContain("¥").doesNotContain("2026");
    }
}
