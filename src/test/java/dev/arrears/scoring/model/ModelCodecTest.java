package dev.arrears.scoring.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCodecTest {

    private static final Dataset GERMAN = Synthetic.german();

    @ParameterizedTest
    @ValueSource(strings = {"scorecard", "challenger"})
    void readingTheJsonOfAModelScoresEveryRowAsTheOriginal(String kind) {
        Model model = Training.train(kind, GERMAN, 1);
        String json = ModelCodec.toJson(model);
        Model read = ModelCodec.fromJson(json);

        assertThat(read.kind()).isEqualTo(kind);
        assertThat(read.columns()).isEqualTo(model.columns());
        for (int i = 0; i < GERMAN.rows(); i++) {
            double[] n = GERMAN.numericRow(i);
            String[] c = GERMAN.categoryRow(i);
            assertThat(read.score(n, c)).isEqualTo(model.score(n, c));
            assertThat(read.probabilityBad(n, c)).isEqualTo(model.probabilityBad(n, c));
        }
        assertThat(ModelCodec.toJson(read)).isEqualTo(json);
        assertThat(json).contains("\"kind\":\"" + kind + "\"", "\"format\":1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all|does not parse",
            "[1, 2]|must be an object",
            "{\"format\":1}|lacks \"kind\"",
            "{\"kind\":\"scorecard\"}|lacks \"format\"",
            "{\"kind\":\"scorecard\",\"format\":9,\"columns\":[]}|format 9 is not supported",
            "{\"kind\":\"forest\",\"format\":1,\"columns\":[]}|model kind forest is unknown",
            "{\"kind\":\"scorecard\",\"format\":1,\"columns\":[{\"name\":\"a\",\"type\":\"TEXT\"}]}|NUMERIC or CATEGORICAL",
            "{\"kind\":\"challenger\",\"format\":1,\"columns\":[],\"codings\":[],\"trees\":[],\"bias\":\"x\"}|\"bias\" must be a number",
    })
    void badJsonIsRejectedWithAClearMessage(String json, String message) {
        assertThatThrownBy(() -> ModelCodec.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorecard", "challenger"})
    void inconsistentJsonIsRejected(String kind) {
        String json = ModelCodec.toJson(Training.train(kind, GERMAN, 1));
        // point a feature or a tree node past the end of the columns
        String broken = kind.equals("scorecard") ? json.replaceFirst("\"column\":\\d+", "\"column\":99")
                : json.replaceFirst("\"feature\":\\[\\d+", "\"feature\":[99");
        assertThatThrownBy(() -> ModelCodec.fromJson(broken)).isInstanceOf(IllegalArgumentException.class);
    }
}
