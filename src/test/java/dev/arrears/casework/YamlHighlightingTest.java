package dev.arrears.casework;

import dev.arrears.casework.YamlHighlighting.Kind;
import dev.arrears.casework.YamlHighlighting.Line;
import dev.arrears.casework.YamlHighlighting.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class YamlHighlightingTest {

    /** Renders spans as "kind:text" for plain comparison; plain text as itself. */
    private static String render(List<Span> spans) {
        return spans.stream().map(s -> s.kind() == Kind.PLAIN ? "[" + s.text() + "]" : s.kind() + ":" + s.text())
                .collect(Collectors.joining(" "));
    }

    @Test
    void keyWithQuotedString_isAKeyPunctAndString() {
        assertThat(render(YamlHighlighting.spans("description: \"B2B invoices: e-mails\"")))
                .isEqualTo("KEY:description PUNCT:: [ ] STRING:\"B2B invoices: e-mails\"");
    }

    @Test
    void numberAndLiteral_areTold() {
        assertThat(render(YamlHighlighting.spans("priority: 50"))).isEqualTo("KEY:priority PUNCT:: [ ] NUMBER:50");
        assertThat(render(YamlHighlighting.spans("required: true"))).isEqualTo("KEY:required PUNCT:: [ ] LITERAL:true");
        assertThat(render(YamlHighlighting.spans("share: -0.5"))).isEqualTo("KEY:share PUNCT:: [ ] NUMBER:-0.5");
    }

    @Test
    void conditionKeys_haveCelValues_quotedOrNot() {
        assertThat(render(YamlHighlighting.spans("    when: \"account.balance < 200.0\"")))
                .isEqualTo("[    ] KEY:when PUNCT:: [ ] CEL:\"account.balance < 200.0\"");
        assertThat(render(YamlHighlighting.spans("appliesTo: account.productLine == 'B2B' # business")))
                .isEqualTo("KEY:appliesTo PUNCT:: [ ] CEL:account.productLine == 'B2B' [ ] COMMENT:# business");
        assertThat(render(YamlHighlighting.spans("stopWhen: 'case.disputeOpen'")))
                .isEqualTo("KEY:stopWhen PUNCT:: [ ] CEL:'case.disputeOpen'");
    }

    @Test
    void flowMappingInASequence_hasKeysAndValuesInside() {
        assertThat(render(YamlHighlighting.spans("  - { at: \"due+1d\", action: SMS, share: 20 }")))
                .isEqualTo("[  ] PUNCT:- [ ] PUNCT:{ [ ] KEY:at PUNCT:: [ ] STRING:\"due+1d\" PUNCT:, [ ] KEY:action "
                        + "PUNCT:: [ SMS] PUNCT:, [ ] KEY:share PUNCT:: [ ] NUMBER:20 [ ] PUNCT:}");
    }

    @Test
    void commentLine_andHashInsideAString_areToldApart() {
        assertThat(render(YamlHighlighting.spans("# a comment: not a key"))).isEqualTo("COMMENT:# a comment: not a key");
        assertThat(render(YamlHighlighting.spans("name: \"#1\"  # first"))).isEqualTo(
                "KEY:name PUNCT:: [ ] STRING:\"#1\" [  ] COMMENT:# first");
        assertThat(render(YamlHighlighting.spans("queue: a#b"))).isEqualTo("KEY:queue PUNCT:: [ a#b]");
    }

    @Test
    void quotedKey_andEscapedQuote_areRead() {
        assertThat(render(YamlHighlighting.spans("\"odd key\": 'it''s'"))).isEqualTo(
                "KEY:\"odd key\" PUNCT:: [ ] STRING:'it''s'");
        assertThat(render(YamlHighlighting.spans("description: \"say \\\"hi\\\"\""))).isEqualTo(
                "KEY:description PUNCT:: [ ] STRING:\"say \\\"hi\\\"\"");
    }

    @Test
    void blockScalarOfACondition_carriesCelOverItsLines() {
        List<Line> lines = YamlHighlighting.lines("""
                segments:
                  - name: a
                    when: >
                      account.balance > 1.0
                      && history.complaints90d == 0
                    ladder: []
                """);
        assertThat(lines).extracting(Line::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(render(lines.get(2).spans())).isEqualTo("[    ] KEY:when PUNCT:: [ ] PUNCT:>");
        assertThat(render(lines.get(3).spans())).isEqualTo("[      ] CEL:account.balance > 1.0");
        assertThat(render(lines.get(4).spans())).isEqualTo("[      ] CEL:&& history.complaints90d == 0");
        assertThat(render(lines.get(5).spans())).isEqualTo("[    ] KEY:ladder PUNCT:: [ ] PUNCT:[ PUNCT:]");
    }

    @Test
    void lines_keepEmptyLinesAndDropTheLastLineBreak() {
        List<Line> lines = YamlHighlighting.lines("a: 1\r\n\r\nb: 2\n");
        assertThat(lines).extracting(Line::number).containsExactly(1, 2, 3);
        assertThat(lines.get(1).spans()).isEmpty();
        assertThat(YamlHighlighting.lines("")).isEmpty();
        assertThat(YamlHighlighting.lines(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"b2b-invoices.yaml", "general.yaml", "telecom-consumer.yaml", "wallet-credit.yaml"})
    void shippedStrategies_joinBackToTheirText_andHighlightEveryCondition(String file) throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/strategies/" + file)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Line> lines = YamlHighlighting.lines(yaml);
        assertThat(lines.stream().map(Line::text).collect(Collectors.joining("\n", "", "\n"))).isEqualTo(yaml);
        for (Line line : lines) {
            String text = line.text().strip();
            if (text.startsWith("when:") || text.startsWith("appliesTo:")) {
                assertThat(line.spans()).as("line %d", line.number()).anyMatch(s -> s.kind() == Kind.CEL);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "- ", "{", "}}]]", "\"unterminated", "key: 'open", "a: b: c", "  #", "-- -",
            ": x", "\t- {a: [1, {b: c}]}", "x:\ty", "|", "k: |2-", "---", "... # end"})
    void anyText_yieldsSpansThatJoinBackToIt(String text) {
        assertThat(YamlHighlighting.spans(text).stream().map(Span::text).collect(Collectors.joining()))
                .isEqualTo(text);
    }
}
