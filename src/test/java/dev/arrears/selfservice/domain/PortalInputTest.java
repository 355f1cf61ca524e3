package dev.arrears.selfservice.domain;

import dev.arrears.selfservice.domain.PortalInput.DisputeReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of what a customer types on the portal. */
class PortalInputTest {

    @ParameterizedTest(name = "rating ''{0}'' accepted={1}")
    @CsvSource({"1, true", "5, true", "' 3 ', true", "0, false", "6, false", "4.5, false", "'', false", "x, false"})
    void ratingsAreOneToFive(String input, boolean accepted) {
        assertThat(PortalInput.rating(input).isPresent()).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "reason ''{0}'' accepted={1}")
    @CsvSource({"NOT_MINE, true", "wrong_amount, true", "'', false", "NOISE, false"})
    void disputeReasonsAreTheListedOnes(String input, boolean accepted) {
        assertThat(PortalInput.choice(input, DisputeReason.class).isPresent()).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "text of {0} chars, max {1}: accepted={2}")
    @CsvSource({"1, 5, true", "5, 5, true", "6, 5, false", "0, 5, false"})
    void textsHaveALengthLimitInCharacters(int length, int max, boolean accepted) {
        // CJK characters count one each, as the database's char_length does
        assertThat(PortalInput.text("漢".repeat(length), max).isPresent()).isEqualTo(accepted);
    }
}
