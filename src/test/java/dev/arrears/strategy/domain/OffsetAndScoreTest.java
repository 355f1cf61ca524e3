package dev.arrears.strategy.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static dev.arrears.strategy.domain.FactsFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Offsets as written in ladders, and the interim points score. */
class OffsetAndScoreTest {

    @ParameterizedTest(name = "{0} from due 2026-11-01, opened 2026-11-05: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            due-3d   | 2026-10-29 | due-3d
            due+0d   | 2026-11-01 | due+0d
            due-0d   | 2026-11-01 | due+0d
            due+30d  | 2026-12-01 | due+30d
            open+0d  | 2026-11-05 | open+0d
            open+2d  | 2026-11-07 | open+2d
            """)
    void offset_countsFromItsAnchor(String text, LocalDate date, String canonical) {
        Offset offset = Offset.parse(text);
        assertThat(offset.dateFrom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5))).isEqualTo(date);
        assertThat(offset.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            due+3         | an offset looks like
            d+3d          | an offset looks like
            due + 3d      | an offset looks like
            open-1d       | a case cannot act before it opens
            due+1101d     | more than 1100 days
            """)
    void badOffset_saysWhy(String text, String message) {
        assertThatThrownBy(() -> Offset.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "episodes {0}, worst dpd {1}, on time {2}, tenure {3}, broken {4}: {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | 0   | 1.0 | 60 | 0 | 710 | A
            0 | 0   | 0.5 | 0  | 0 | 600 | C
            1 | 10  | 0.9 | 24 | 0 | 619 | C
            1 | 10  | 0.9 | 25 | 0 | 620 | B
            2 | 45  | 0.6 | 12 | 1 | 470 | E
            2 | 20  | 0.6 | 20 | 0 | 540 | D
            5 | 200 | 0.0 | 3  | 4 | 113 | E
            9 | 0   | 0.5 | 0  | 0 | 400 | E
            """)
    void interimScore_followsTheDocumentedPoints(long episodes, long worstDpd, double onTime, long tenure,
                                                 long broken, long score, String grade) {
        Facts f = facts(x -> {
            x.timesDelinquent12m = episodes;
            x.maxDaysPastDue12m = worstDpd;
            x.onTimeRatio12m = onTime;
            x.tenureMonths = tenure;
            x.brokenPromises90d = broken;
        });
        assertThat(InterimScore.value(f)).isEqualTo(score);
        assertThat(InterimScore.grade(score)).isEqualTo(grade);
        Facts scored = InterimScore.scored(f);
        assertThat(scored.scoreValue()).isEqualTo(score);
        assertThat(scored.scoreGrade()).isEqualTo(grade);
    }
}
