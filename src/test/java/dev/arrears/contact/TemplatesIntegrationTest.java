package dev.arrears.contact;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.PersonalDataRead;
import dev.arrears.strategy.Strategies;
import dev.arrears.strategy.TemplateCatalog;
import dev.arrears.strategy.ValidationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The templates façade against the embedded PostgreSQL: the shipped templates installed at start, versions and
 * activation with their events, rendering for a real ledger account, and the strategy validator using the stored
 * templates. Test templates have names of their own, so other tests sharing the database never see them.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RecordApplicationEvents
class TemplatesIntegrationTest {

    private static final String TAIL = " {{disclosures.debtCollector}}{{disclosures.optOut}}";

    @Autowired
    Templates templates;

    @Autowired
    Strategies strategies;

    @Autowired
    Ledger ledger;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEvents events;

    final String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final String name = "t_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');

    private static TemplateDraft sms(String zhCn, String zhTw, String en) {
        Map<String, Map<String, String>> locales = new LinkedHashMap<>();
        locales.put("zh-CN", Map.of("body", zhCn + TAIL));
        locales.put("zh-TW", Map.of("body", zhTw + TAIL));
        locales.put("en", Map.of("body", en + TAIL));
        return new TemplateDraft("test", null, locales);
    }

    /** A customer in Shanghai writing zh-CN with one overdue telecom bill of three lines (due 10 November 2026). */
    private long account(String locale) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C1", "张伟", CustomerType.PERSON, locale,
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.POSTAL, "上海市浦东新区世纪大道100号",
                Set.of(Channel.LETTER), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "A1", p + "C1", ProductLine.TELECOM_POSTPAID,
                Currency.getInstance("CNY"), AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), 500_000L)))
                .getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + "B1", p + "A1", LocalDate.of(2026, 10, 20),
                LocalDate.of(2026, 11, 10), Currency.getInstance("CNY"), 123_450L, List.of(
                new BillLine("月租套餐", LineCategory.SERVICE, 100_000L),
                new BillLine("国际漫游 <数据>", LineCategory.USAGE, 20_000L),
                new BillLine("逾期滞纳金", LineCategory.FEE, 3_450L)))));
        return id;
    }

    @Test
    void shippedTemplatesAreInstalledAndActive() {
        assertThat(templates.list()).extracting(t -> t.name() + "/" + t.channel())
                .contains("overdue_notice/SMS", "overdue_notice/LETTER", "demand_letter/EMAIL", "call_script/CALL");
        TemplateView view = templates.template("overdue_notice", Channel.SMS);
        assertThat(view.activeVersion()).isEqualTo(1);
        assertThat(view.activatedBy()).isEqualTo(Templates.SYSTEM);
        TemplateVersionView version = templates.version("overdue_notice", Channel.SMS, 1);
        assertThat(version.locales()).containsOnlyKeys("zh-CN", "zh-TW", "en");
        assertThat(version.maxSegments()).isEqualTo(3);
        assertThat(version.sha256()).hasSize(64);
    }

    @Test
    void strategyValidatorUsesTheStoredTemplates() {
        assertThat(context.getBeansOfType(TemplateCatalog.class)).hasSize(1).allSatisfy((bean, catalog) ->
                assertThat(catalog).isInstanceOf(StoredTemplateCatalog.class));
        for (String file : List.of("general", "telecom-consumer", "wallet-credit", "b2b-invoices")) {
            assertThat(strategies.validate(shipped(file)).errors()).as(file).isEmpty();
        }
        String unknown = """
                strategy: t-unknown-template
                appliesTo: "account.currency == 'XTS'"
                segments:
                  - name: all
                    ladder:
                      - { at: "due+1d", action: SMS, template: no_such_template }
                      - { at: "due+2d", action: PUSH, template: demand_letter }
                """;
        ValidationReport report = strategies.validate(unknown);
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(FieldError::pointer)
                .containsExactly("/segments/0/ladder/0/template", "/segments/0/ladder/1/template");
        assertThat(report.errors().getFirst().detail()).contains("unknown template 'no_such_template' for SMS");
    }

    @Test
    void newVersionIsStoredInactiveThenActivatedWithEvents() {
        TemplateVersionView v1 = templates.createVersion(name, Channel.SMS, sms("一号", "一號", "one"), "tester");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.active()).isFalse();
        assertThat(templates.knows(name, Channel.SMS)).isFalse();
        assertThatThrownBy(() -> templates.activeVersionId(name, Channel.SMS)).isInstanceOf(NotFoundException.class);

        templates.activate(name, Channel.SMS, 1, "tester");
        templates.createVersion(name, Channel.SMS, sms("二号", "二號", "two"), "tester");
        TemplateView view = templates.activate(name, Channel.SMS, 2, "approver");
        templates.activate(name, Channel.SMS, 2, "approver"); // again: nothing changes, no event

        assertThat(view.activeVersion()).isEqualTo(2);
        assertThat(view.activatedBy()).isEqualTo("approver");
        assertThat(templates.versions(name, Channel.SMS)).extracting(TemplateVersionView::version)
                .containsExactly(2, 1);
        List<TemplateChanged> changes = events.stream(TemplateChanged.class).filter(e -> e.name().equals(name))
                .toList();
        assertThat(changes).extracting(TemplateChanged::version, TemplateChanged::change, TemplateChanged::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, TemplateChanged.Change.CREATED, "tester"),
                        org.assertj.core.groups.Tuple.tuple(1, TemplateChanged.Change.ACTIVATED, "tester"),
                        org.assertj.core.groups.Tuple.tuple(2, TemplateChanged.Change.CREATED, "tester"),
                        org.assertj.core.groups.Tuple.tuple(2, TemplateChanged.Change.ACTIVATED, "approver"));
        assertThat(changes.get(2).sha256()).isEqualTo(templates.version(name, Channel.SMS, 2).sha256())
                .isNotEqualTo(changes.get(0).sha256());
        assertThat(templates.knows(name, Channel.SMS)).isTrue();
    }

    @Test
    void invalidVersionIsRefusedWithEveryProblemAndNothingStored() {
        TemplateDraft draft = new TemplateDraft(null, null, Map.of(
                "zh-CN", Map.of("body", "{{customer.nam}}" + TAIL),
                "en", Map.of("body", "Hi {{#bills}}" + TAIL)));
        assertThatThrownBy(() -> templates.createVersion(name, Channel.SMS, draft, "tester"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer)
                        .containsExactlyInAnyOrder("/locales/zh-CN/body", "/locales/en/body", "/locales/zh-TW"));
        assertThatThrownBy(() -> templates.template(name, Channel.SMS)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rendersTheActiveVersionForALedgerAccount() {
        long id = account("zh-CN");
        RenderContext context = templates.context(ledger.account(id, null).orElseThrow(), null, "US-REGF", "李娜");
        assertThat(context.locale()).isEqualTo("zh-CN");
        assertThat(context.today()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(context.paymentLink()).startsWith("http://localhost:8080/portal/");

        RenderedMessage sms = templates.render("overdue_notice", Channel.SMS, context);
        assertThat(sms.body()).startsWith("【Arrears】张伟您好，您2026年11月10日到期的¥1,234.50尚未付款")
                .contains(context.paymentLink() + " 本信息来自债务催收方。回复TD退订");
        assertThat(sms.hasOptOut()).isTrue();
        assertThat(sms.sms().encoding()).isEqualTo(RenderedMessage.Encoding.UCS_2);
        assertThat(sms.sms().segments()).isBetween(2, 3);

        RenderedMessage letter = templates.render("overdue_notice_bill", Channel.LETTER, context);
        assertThat(letter.html()).contains("<td>国际漫游 &lt;数据&gt;</td><td>使用费</td><td class=\"num\">¥200.00</td>")
                .contains("已逾期 13 天").contains("上海市浦东新区世纪大道100号").contains("本函来自债务催收方");
        assertThat(letter.hasOptOut()).isFalse();

        RenderedMessage email = templates.render("final_notice", Channel.EMAIL,
                templates.context(ledger.account(id, null).orElseThrow(), "en", null, null));
        assertThat(email.subject()).isEqualTo("Final notice: CN¥1,234.50 is 13 days overdue");
        assertThat(email.text()).contains("  - 逾期滞纳金 (Fee): CN¥34.50")
                .contains("Unsubscribe from these e-mails: http://localhost:8080/optout/")
                .doesNotContain("debt collector");
        assertThat(email.hasOptOut()).isTrue();
    }

    @Test
    void previewRendersAnyVersionAndAnnouncesThePersonalDataRead() {
        long id = account("zh-TW");
        templates.createVersion(name, Channel.SMS, sms("{{customer.name}}一", "{{customer.name}}一", "one"), "tester");
        templates.createVersion(name, Channel.SMS, sms("{{customer.name}}二", "{{customer.name}}二", "two"), "tester");
        templates.activate(name, Channel.SMS, 2, "tester");

        assertThat(templates.preview(name, Channel.SMS, null, id, null, null, null, "viewer").body())
                .isEqualTo("张伟二 回覆STOP停止接收");
        assertThat(templates.preview(name, Channel.SMS, 1, id, "en", null, null, "viewer").body())
                .isEqualTo("one Reply STOP to opt out");
        assertThat(events.stream(PersonalDataRead.class).filter(e -> e.actor().equals("viewer"))).hasSize(2);
        assertThatThrownBy(() -> templates.preview(name, Channel.SMS, 9, id, null, null, null, "viewer"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> templates.preview(name, Channel.SMS, null, Long.MAX_VALUE, null, null, null, "v"))
                .isInstanceOf(NotFoundException.class);
    }

    private static String shipped(String file) {
        try (var in = TemplatesIntegrationTest.class.getResourceAsStream("/strategies/" + file + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
