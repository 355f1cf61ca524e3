package dev.arrears.casework;

import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationMarksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            // line text|pointer|detail|column
            "    colour: red|/segments/0/colour|unknown key 'colour'; allowed: name, when|5",
            "    when: \"account.balance >> 3\"|/segments/1/when|CEL error at column 17 of the condition: x|28",
            "    when: account.balance >> 3|/segments/1/when|CEL error at column 17 of the condition: x|27",
            "  - { at: \"due+1d\", action: SMSS }|/segments/0/ladder/0/action|unknown action 'SMSS'|21",
            "a: [||not valid YAML: expected ',' or ']' at column 5|5",
            "      - x|/segments/0/ladder/0|must be a mapping|7",
    })
    void column_isFoundFromTheMessageAndTheLine(String text, String pointer, String detail, int column) {
        assertThat(ValidationMarks.column(text, new FieldError(pointer, 1, null, detail))).isEqualTo(column);
    }

    @Test
    void marks_listErrorsInOrder_andTellWhichLinesCarryOne() {
        String yaml = "strategy: x\nsegments:\n  - name: a\n    colour: red\n";
        ValidationMarks marks = ValidationMarks.of(yaml, List.of(
                new FieldError("/segments/0/colour", 4, null, "unknown key 'colour'"),
                new FieldError("", 99, null, "beyond the end")));

        assertThat(marks.marks()).extracting(ValidationMarks.Mark::line, ValidationMarks.Mark::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 5), org.assertj.core.groups.Tuple.tuple(99, 1));
        assertThat(marks.lines()).containsExactly(4, 99);
        assertThat(marks.marked(4)).isTrue();
        assertThat(marks.marked(3)).isFalse();
        assertThat(marks.on(4)).singleElement().extracting(ValidationMarks.Mark::detail)
                .isEqualTo("unknown key 'colour'");
    }
}
