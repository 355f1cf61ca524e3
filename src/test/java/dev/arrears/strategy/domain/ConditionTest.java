package dev.arrears.strategy.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.arrears.strategy.domain.FactsFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CEL conditions over the documented facts: type checks, mixed numbers, lists, and what they read. */
class ConditionTest {

    @Test
    void unknownFact_isNamedWithItsGroup() {
        Condition.Compiled compiled = Condition.compile("account.overdue > 100.0");
        assertThat(compiled.condition()).isNull();
        assertThat(compiled.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("unknown fact 'account.overdue' (see docs/strategies.md for the facts "
                    + "under account.)");
            assertThat(e.line()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0} with daysPastDue 5, overdue 50.0: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            account.daysPastDue > 4.5                 | true
            account.daysPastDue < 5.0                 | false
            account.overdueAmount < 100               | true
            account.overdueAmount >= 50               | true
            account.overdueAmount > account.daysPastDue | true
            account.daysPastDue == 5                  | true
            account.overdueAmount == 50.0             | true
            """)
    void wholeNumbersAndDecimals_compareWithEachOther(String source, boolean expected) {
        assertThat(Condition.of(source).test(facts(f -> {
            f.daysPastDue = 5;
            f.overdueAmount = 50.0;
        }))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            score.grade in ['A', 'B']            | true
            score.grade in ['D', 'E']            | false
            'SMS' in customer.channels           | true
            'CALL' in customer.channels          | false
            size(customer.channels) == 3         | true
            customer.channels.exists(c, c == 'PUSH') | true
            """)
    void listMembership_works(String source, boolean expected) {
        assertThat(Condition.of(source).test(facts(f -> {
            f.scoreGrade = "B";
            f.channels = java.util.List.of("SMS", "EMAIL", "PUSH");
        }))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            account.daysPastDue                  | expected type 'bool' but found 'int'
            account.bucket > 3                   | found no matching overload for '_>_'
            score.grade in [1, 2] && 1           | found no matching overload for '_&&_'
            (                                    | mismatched input
            """)
    void typeErrors_areReportedWithTheirMessage(String source, String message) {
        assertThat(Condition.compile(source).errors()).isNotEmpty()
                .anySatisfy(e -> assertThat(e.message()).contains(message));
    }

    @Test
    void emptyCondition_isAnError() {
        assertThat(Condition.compile("  ").errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("the condition is empty"));
    }

    @Test
    void errorOnASecondLine_hasItsLineAndColumn() {
        Condition.Error error = Condition.compile("account.balance > 1.0 &&\n  customer.type > 2").errors()
                .getFirst();
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(16);
    }

    @Test
    void reads_listsTheFactsInCatalogueOrder() {
        Condition c = Condition.of("score.grade == 'A' && account.overdueAmount > 1.0 && account.balance > 0.0 "
                + "&& score.grade != 'E'");
        assertThat(c.reads()).extracting(FactCatalog.Fact::name)
                .containsExactly("account.balance", "account.overdueAmount", "score.grade");
        assertThat(c.source()).startsWith("score.grade == 'A'");
    }

    @Test
    void failureAtEvaluation_namesTheCondition() {
        Condition c = Condition.of("account.daysPastDue / customer.tenureMonths > 1");
        assertThatThrownBy(() -> c.test(facts(f -> f.tenureMonths = 0)))
                .isInstanceOf(Condition.EvaluationFailed.class)
                .hasMessageContaining("account.daysPastDue / customer.tenureMonths");
    }

    @Test
    void of_throwsOnAnInvalidCondition() {
        assertThatThrownBy(() -> Condition.of("case.nothing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown fact 'case.nothing'");
    }
}
