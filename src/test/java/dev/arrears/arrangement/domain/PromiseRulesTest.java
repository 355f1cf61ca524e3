package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.PromiseRules.Account;
import dev.arrears.arrangement.domain.PromiseRules.Offer;
import dev.arrears.arrangement.domain.PromiseRules.Policy;
import dev.arrears.arrangement.domain.PromiseRules.State;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromiseRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Account OWING = new Account("CNY", 50_000, 30_000, TODAY);

    @ParameterizedTest(name = "{0} {1} by +{2}d -> {3}")
    @CsvSource(textBlock = """
            # amount, currency, days ahead, expected error pointers (| separated; empty = accepted)
            10000,  CNY, 7,   ''
            50000,  CNY, 0,   ''
            30000,  CNY, 30,  ''
            50001,  CNY, 7,   /amount
            0,      CNY, 7,   /amount
            -5,     CNY, 7,   /amount
            10000,  USD, 7,   /currency
            10000,  CNY, -1,  /date
            10000,  CNY, 31,  /date
            0,      HKD, 45,  /currency|/amount|/date
            """)
    void offer_isCheckedAgainstAccountAndPolicy(long amount, String currency, int daysAhead, String expected) {
        var errors = PromiseRules.check(new Offer(amount, currency, TODAY.plusDays(daysAhead)), OWING,
                Policy.DEFAULT);
        assertThat(errors.stream().map(FieldError::pointer).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? java.util.List.of()
                        : java.util.List.of(expected.split("\\|")));
    }

    @Test
    void nothingOverdue_noPromiseNeeded() {
        var errors = PromiseRules.check(new Offer(1_000, "CNY", TODAY.plusDays(3)),
                new Account("CNY", 20_000, 0, TODAY), Policy.DEFAULT);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/amount");
            assertThat(e.detail()).contains("nothing is overdue");
        });
    }

    @Test
    void policyHorizon_isConfigurable() {
        Policy week = new Policy(7, 0);
        assertThat(PromiseRules.check(new Offer(1_000, "CNY", TODAY.plusDays(7)), OWING, week)).isEmpty();
        assertThat(PromiseRules.check(new Offer(1_000, "CNY", TODAY.plusDays(8)), OWING, week))
                .extracting(FieldError::detail).singleElement().asString().contains("at most 2026-11-30");
        assertThatThrownBy(() -> new Policy(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "promised {1} grace {2}, paid {3}, overdue {4}, on {5} -> {6}")
    @CsvSource(textBlock = """
            # amount, promised on, grace, paid, overdue now, today, state
            10000, 2026-11-25, 2, 0,     30000, 2026-11-23, ACTIVE
            10000, 2026-11-25, 2, 9999,  20001, 2026-11-27, ACTIVE
            10000, 2026-11-25, 2, 9999,  20001, 2026-11-28, BROKEN
            10000, 2026-11-25, 0, 0,     30000, 2026-11-26, BROKEN
            10000, 2026-11-25, 0, 0,     30000, 2026-11-25, ACTIVE
            10000, 2026-11-25, 2, 10000, 20000, 2026-11-23, KEPT
            10000, 2026-11-25, 2, 12000, 18000, 2026-12-20, KEPT
            10000, 2026-11-25, 2, 0,     0,     2026-11-24, KEPT
            10000, 2026-11-25, 2, 500,   0,     2026-12-24, KEPT
            """)
    void review_keepsBreaksOrWaits(long amount, LocalDate promisedOn, int grace, long paid, long overdue,
                                   LocalDate today, State expected) {
        assertThat(PromiseRules.review(amount, promisedOn, grace, paid, overdue, today).state()).isEqualTo(expected);
    }

    @Test
    void brokenReview_namesWhatWasPaidAndTheLastDay() {
        var r = PromiseRules.review(10_000, LocalDate.of(2026, 11, 25), 2, 2_500, 27_500, LocalDate.of(2026, 11, 28));
        assertThat(r.reason()).isEqualTo("paid 2500 of 10000 (minor units) by 2026-11-27 (promised 2026-11-25, 2 days"
                + " of grace)");
    }
}
