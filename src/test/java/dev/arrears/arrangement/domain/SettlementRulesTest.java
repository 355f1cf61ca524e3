package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.SettlementRules.Outcome;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} {1} of {2} until +{3}d -> {5}")
    @CsvSource(textBlock = """
            # amount, currency, balance, days valid, reason, expected pointers
            200000, CNY, 300000, 7,  hardship, ''
            299999, CNY, 300000, 30, hardship, ''
            300000, CNY, 300000, 7,  hardship, /amount
            0,      CNY, 300000, 7,  hardship, /amount
            1000,   CNY, 0,      7,  hardship, /amount
            1000,   USD, 300000, 7,  hardship, /currency
            1000,   CNY, 300000, -1, hardship, /validUntil
            1000,   CNY, 300000, 31, hardship, /validUntil
            1000,   CNY, 300000, 7,  '',       /reason
            """)
    void offer_isCheckedAgainstTheBalance(long amount, String currency, long balance, int days, String reason,
                                         String expected) {
        List<FieldError> errors = SettlementRules.check(amount, currency, TODAY.plusDays(days), reason, "CNY",
                balance, TODAY, 30);
        assertThat(errors.stream().map(FieldError::pointer).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
    }

    @ParameterizedTest(name = "{0} due, {1} paid, until {2}, on {3} -> {4}")
    @CsvSource(textBlock = """
            200000, 0,      2026-11-30, 2026-11-23, OPEN
            200000, 199999, 2026-11-30, 2026-11-30, OPEN
            200000, 200000, 2026-11-30, 2026-11-24, PAID
            200000, 250000, 2026-11-30, 2026-12-05, PAID
            200000, 199999, 2026-11-30, 2026-12-01, EXPIRED
            """)
    void review_paidOrExpired(long amount, long paid, LocalDate until, LocalDate today, Outcome expected) {
        assertThat(SettlementRules.review(amount, paid, until, today)).isEqualTo(expected);
    }
}
