package dev.arrears.scoring.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDatasetTest {

    @Test
    void readsQuotedFieldsMissingValuesAndDetectsNumericColumns() throws IOException {
        String csv = "id,amount,segment,note,outcome\n"
                + "1,12.5,\"TELECOM, POSTPAID\",\"said \"\"later\"\"\",bad\r\n"
                + "2,NA,UTILITY,\"two\nlines\",good\n"
                + "3,,NA,x,good\n"
                + "4,NaN,UTILITY,,bad\n"
                + "5,-1e3,\"\",y,good\n";
        Dataset data = CsvDataset.read(new StringReader(csv), "outcome", "bad");

        assertThat(data.rows()).isEqualTo(5);
        assertThat(data.columns()).containsExactly(Column.numeric("id"), Column.numeric("amount"),
                Column.categorical("segment"), Column.categorical("note"));
        assertThat(data.targets()).containsExactly(1, 0, 0, 1, 0);
        assertThat(data.numeric(0, 1)).isEqualTo(12.5);
        assertThat(data.numeric(1, 1)).isNaN();
        assertThat(data.numeric(2, 1)).isNaN();
        assertThat(data.numeric(3, 1)).isNaN();
        assertThat(data.numeric(4, 1)).isEqualTo(-1000);
        assertThat(data.category(0, 2)).isEqualTo("TELECOM, POSTPAID");
        assertThat(data.category(0, 3)).isEqualTo("said \"later\"");
        assertThat(data.category(1, 3)).isEqualTo("two\nlines");
        assertThat(data.category(2, 2)).isNull();
        assertThat(data.category(4, 2)).isNull();
        assertThat(data.category(3, 3)).isNull();
    }

    @Test
    void aColumnWithOneNonNumberIsCategorical() throws IOException {
        Dataset data = CsvDataset.read(new StringReader("a,b,y\n1,2,1\n2,3f,0\n"), "y", "1");
        assertThat(data.columns()).containsExactly(Column.numeric("a"), Column.categorical("b"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a,b,y\\n1,2,1\\n2,3,0\\n|target|line 1: the header has no target column target (columns: a, b, y)",
            "a,b,y\\n1,2,1\\n2,3\\n|y|line 3: expected 3 fields, found 2",
            "a,b,y\\n1,2,1\\n2,3,NA\\n|y|line 3, column 3 (y): the target value is missing",
            "a,b,y\\n1,\"2\\n3\",1\\n2,3,\\n|y|line 4, column 3 (y): the target value is missing",
            "a,b,y\\n1,2,0\\n2,3,0\\n|y|column 3 (y): fewer than 2 classes: no row has the bad value 1",
            "a,b,y\\n1,\"2,1\\n|y|line 2, column 2: a quoted field is never closed",
            "a,b,y\\n1,\"2\"x,1\\n|y|line 2, column 2: text after the closing quote",
            "a,a,y\\n1,2,1\\n|y|line 1, column 2 (a): the header names this column twice",
            "''|y|the file is empty",
            "a,b,y\\n|y|the file has a header but no rows",
    })
    void faultsNameTheLineAndColumn(String csv, String target, String message) {
        String text = csv.equals("''") ? "" : csv.replace("\\n", "\n");
        assertThatThrownBy(() -> CsvDataset.read(new StringReader(text), target, "1"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void readsTheGermanCreditData() {
        Dataset german = Synthetic.german();
        assertThat(german.rows()).isEqualTo(1000);
        assertThat(java.util.Arrays.stream(german.targets()).sum()).isEqualTo(300);
        assertThat(german.columns()).hasSize(20);
        assertThat(german.columns().stream().filter(c -> c.type() == Column.Type.NUMERIC)).hasSize(7);
    }
}
