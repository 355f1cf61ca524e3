package dev.arrears.contact.template;

import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The template syntax: what parses, what is refused and where, and how block tags on their own lines vanish. */
class SyntaxTest {

    private static final Samples.Setup SETUP = new Samples.Setup("https://pay.example.com/portal/TOKEN",
            "https://pay.example.com/optout/TOKEN?channel=email", Map.of("en", "Demo Telecom", "zh-CN", "演示电信",
            "zh-TW", "示範電信"), "400 800 1234");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # template                                            | line | column | detail starts with
            Hello {{customer.nmae}}                                | 1    | 7      | unknown variable 'customer.nmae'; did you mean 'customer.name'?
            "line one\\n  {{#bills}}\\n  {{amount}}\\n{{/bills}}"   | 3    | 3      | 'amount' is a field of each line
            "{{#bills}}\\n{{#lines}}{{description}}\\n{{/bills}}"   | 3    | 1      | {{/bills}} comes while {{#lines}} opened at line 2, column 1 is still open: add {{/lines}} before it
            {{#bills}}x{{/lines}}{{/bills}}                         | 1    | 12     | {{/lines}} does not close {{#bills}} opened at line 1, column 1
            "Dear {{customer.name}},\\n{{#bills}}{{number}}"        | 2    | 1      | {{#bills}} is not closed: add {{/bills}}
            {{#if account.overdue}}late                             | 1    | 1      | {{#if account.overdue}} is not closed: add {{/if}}
            {{/bills}}                                              | 1    | 1      | {{/bills}} closes nothing
            {{bills}}                                               | 1    | 1      | 'bills' is a list
            {{account.overdue}}                                     | 1    | 1      | 'account.overdue' is a yes/no flag
            {{#customer.name}}x{{/customer.name}}                   | 1    | 1      | 'customer.name' is not a list
            a {{else}} b                                            | 1    | 3      | {{else}} outside {{#if …}}
            "x\\ny {{customer.name"                                 | 2    | 3      | '{{' is not closed by '}}'
            {{{customer.name}}}                                     | 1    | 1      | unescaped output
            {{^bills}}none{{/bills}}                                | 1    | 1      | inverted sections
            {{> footer}}                                            | 1    | 1      | partials
            {{ }}                                                   | 1    | 1      | empty tag
            {{customer name}}                                       | 1    | 1      | 'customer name' is not a variable name
            {{#if}}x{{/if}}                                         | 1    | 1      | {{#if}} needs a variable
            "回复{{customer.nam}}"                                   | 1    | 3      | unknown variable 'customer.nam'
            """)
    void reportsProblemsAtTheirTag(String template, int line, int column, String detail) {
        Syntax.Parsed parsed = Syntax.parse(template.replace("\\n", "\n"));
        assertThat(parsed.valid()).isFalse();
        Syntax.Problem first = parsed.problems().getFirst();
        assertThat(first.detail()).startsWith(detail);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.column()).isEqualTo(column);
    }

    @Test
    void columnsCountCodePointsNotChars() {
        // 𠮷 is one code point but two chars: the tag after it is at column 3
        Syntax.Parsed parsed = Syntax.parse("𠮷 {{nope}}");
        assertThat(parsed.problems().getFirst().column()).isEqualTo(3);
    }

    @Test
    void itemFieldsResolveInsideTheirSections() {
        Syntax.Parsed parsed = Syntax.parse("""
                {{#bills}}
                {{number}} {{dueDate}} {{outstanding}}
                {{#lines}}
                - {{description}} ({{category}}) {{amount}} {{customer.name}}
                {{/lines}}
                {{/bills}}""");
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void blockTagsOnTheirOwnLinesLeaveNoBlankLines() {
        String out = renderBody("""
                Bills:
                {{#bills}}
                  {{number}}
                  {{#lines}}
                  - {{description}}: {{amount}}
                  {{/lines}}
                {{/bills}}
                {{#if collector.name}}
                Your contact: {{collector.name}}
                {{else}}
                No contact.
                {{/if}}
                End. {{disclosures.optOut}}{{disclosures.debtCollector}}""", "en");
        assertThat(out).isEqualTo("""
                Bills:
                  INV-2026-10
                  - Monthly plan: £128.00
                  - Data beyond the plan: £25.00
                  - Late payment fee: £5.00
                  INV-2026-11
                  - Monthly plan: £128.00
                Your contact: Li Na
                End. Reply STOP to opt out""");
    }

    @Test
    void tagsSharingALineKeepTheirText() {
        assertThat(renderBody("A {{#if account.overdue}}late{{/if}} B"
                + "{{disclosures.optOut}}{{disclosures.debtCollector}}", "en")).isEqualTo("A late BReply STOP to opt out");
    }

    @Test
    void conditionsReadFlagsTextsAndLists() {
        assertThat(renderBody("{{#if bills}}has{{else}}none{{/if}}/{{#if creditor.phone}}{{creditor.phone}}{{/if}}"
                + "{{disclosures.optOut}}{{disclosures.debtCollector}}", "zh-CN"))
                .isEqualTo("has/400 800 1234回复TD退订");
    }

    @Test
    void commentsRenderToNothing() {
        assertThat(renderBody("{{! note for editors }}Hi{{disclosures.optOut}}{{disclosures.debtCollector}}", "en"))
                .isEqualTo("HiReply STOP to opt out");
    }

    @Test
    void reportsEveryProblemInSourceOrder() {
        Syntax.Parsed parsed = Syntax.parse("{{a.b}}\n{{c.d}} {{customer.name}}");
        assertThat(parsed.problems()).extracting(Syntax.Problem::line).containsExactly(1, 2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{{customer.name}}: {{account.overdueAmount}} {{payment.link}} {{disclosures.optOut}} | false",
            "{{#if account.overdue}}{{account.dueDate}}{{else}}{{account.balance}}{{/if}} | false",
            "Account {{account.number}} | true",
            "{{account.unpaidBills}} bills | true",
            "{{#bills}}{{number}}{{/bills}} | true",
            "{{#if account.overdue}}x{{else}}{{#bills}}{{#lines}}{{amount}}{{/lines}}{{/bills}}{{/if}} | true",
    })
    void knowsWhetherATemplateReadsTheBills(String body, boolean reads) {
        assertThat(compile(body).readsBills()).isEqualTo(reads);
    }

    @Test
    void readsTheBillsWhenOneLocaleDoes() {
        Map<String, Map<Field, String>> texts = new HashMap<>();
        for (String l : Locales.ALL) {
            String body = l.equals("zh-TW") ? "{{account.number}}" : "{{customer.name}}";
            texts.put(l, new EnumMap<>(Map.of(Field.BODY, body)));
        }
        assertThat(CompiledTemplate.compile(1, "t", Channel.SMS, 1, 10, texts).readsBills()).isTrue();
    }

    private static CompiledTemplate compile(String body) {
        Map<String, Map<Field, String>> texts = new HashMap<>();
        for (String l : Locales.ALL) {
            texts.put(l, new EnumMap<>(Map.of(Field.BODY, body)));
        }
        return CompiledTemplate.compile(1, "t", Channel.SMS, 1, 10, texts);
    }

    private static String renderBody(String body, String locale) {
        Map<String, Map<Field, String>> texts = new HashMap<>();
        for (String l : Locales.ALL) {
            Map<Field, String> parts = new EnumMap<>(Field.class);
            parts.put(Field.BODY, body);
            texts.put(l, parts);
        }
        CompiledTemplate t = CompiledTemplate.compile(1, "t", Channel.SMS, 1, 10, texts);
        RenderContext context = Samples.typical(locale, null, SETUP);
        RenderedMessage m = t.render(context);
        return m.body();
    }

    @Test
    void samplesListTwoBills() {
        assertThat(Samples.typical("en", null, SETUP).bills()).hasSize(2);
        assertThat(List.of(Samples.worstCase("en", "US-REGF", SETUP).bills().size())).containsExactly(2);
    }
}
