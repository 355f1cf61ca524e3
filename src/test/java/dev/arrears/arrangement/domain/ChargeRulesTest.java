package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.ChargeRules.Bill;
import dev.arrears.arrangement.domain.ChargeRules.Charge;
import dev.arrears.arrangement.domain.ChargeRules.Kind;
import dev.arrears.arrangement.domain.ChargeRules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargeRulesTest {

    private static final LocalDate DUE = LocalDate.of(2026, 10, 1);
    private static final Rule FEE_ONLY = new Rule("fee", Set.of("CN"), Set.of("TELECOM_POSTPAID"),
            Currency.getInstance("CNY"), 5, 1_000, BigDecimal.ZERO, 30, new BigDecimal("0.20"));
    private static final Rule INTEREST = new Rule("int", Set.of(), Set.of(), Currency.getInstance("CNY"), 3, 0,
            new BigDecimal("0.0005"), 30, new BigDecimal("0.24"));

    @ParameterizedTest(name = "{0} days after the due date: {1} fee(s)")
    @CsvSource({"0, 0", "5, 0", "6, 1", "13, 1", "14, 0", "40, 0"})
    void lateFee_isChargedOnceTheGraceIsOver_andNeverForLatenessLongPast(int daysAfterDue, int fees) {
        List<Charge> due = ChargeRules.due(FEE_ONLY, bill(10_000, 10_000), List.of(), DUE.plusDays(daysAfterDue),
                false);
        assertThat(due).hasSize(fees);
        if (fees == 1) {
            assertThat(due.getFirst()).isEqualTo(new Charge(1, Kind.FEE, DUE.plusDays(6), DUE.plusDays(6), 0,
                    1_000));
        }
    }

    @Test
    void lateFee_isChargedOnlyOncePerBill() {
        Charge fee = ChargeRules.due(FEE_ONLY, bill(10_000, 10_000), List.of(), DUE.plusDays(6), false).getFirst();
        assertThat(ChargeRules.due(FEE_ONLY, bill(10_000, 11_000), List.of(fee), DUE.plusDays(7), false)).isEmpty();
    }

    @Test
    void paidBill_earnsNothing() {
        assertThat(ChargeRules.due(FEE_ONLY, bill(10_000, 0), List.of(), DUE.plusDays(6), false)).isEmpty();
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 0), List.of(), DUE.plusDays(33), false)).isEmpty();
    }

    @Test
    void interest_isChargedForEachWholePeriodOnTheDateItEnds_onTheUnpaidPrincipal() {
        // grace 3: first late day is the 5th day after due; a 30-day period ends 34 days after the due date
        LocalDate firstLate = DUE.plusDays(4);
        LocalDate end = firstLate.plusDays(29);
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 6_000), List.of(), end.minusDays(1), false)).isEmpty();
        List<Charge> due = ChargeRules.due(INTEREST, bill(10_000, 6_000), List.of(), end, false);
        // 6,000 × 0.0005 × 30 = 90
        assertThat(due).containsExactly(new Charge(1, Kind.INTEREST, firstLate, end, 6_000, 90));
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 6_090), due, end, false))
                .as("the same period again").isEmpty();
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 6_090), due, end.plusDays(30), false))
                .containsExactly(new Charge(1, Kind.INTEREST, end.plusDays(1), end.plusDays(30), 6_090, 91));
    }

    @Test
    void interest_isNeverChargedOnCharges() {
        LocalDate end = DUE.plusDays(4).plusDays(29);
        // outstanding includes 500 of charges above the bill's 10,000: interest on 10,000 only
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 10_500), List.of(), end, false).getFirst().baseMinor())
                .isEqualTo(10_000);
    }

    @Test
    void feesAndInterestOfABill_neverPassTheCap() {
        // cap 24 % of 1,000 = 240; interest 1,000 × 0.0005 × 30 = 15 a period
        List<Charge> made = new ArrayList<>();
        LocalDate firstLate = DUE.plusDays(4);
        for (int period = 1; period <= 20; period++) {
            LocalDate end = firstLate.plusDays(30L * period - 1);
            made.addAll(ChargeRules.due(INTEREST, bill(1_000, 1_000), made, end, false));
        }
        assertThat(made.stream().mapToLong(Charge::amountMinor).sum()).isEqualTo(240);
        assertThat(made).hasSize(16);
        Rule bigFee = new Rule("big", Set.of(), Set.of(), Currency.getInstance("CNY"), 0, 5_000, BigDecimal.ZERO, 30,
                new BigDecimal("0.10"));
        assertThat(ChargeRules.due(bigFee, bill(10_000, 10_000), List.of(), DUE.plusDays(1), false).getFirst()
                .amountMinor()).as("a fee cut to the cap").isEqualTo(1_000);
    }

    @Test
    void frozenCharging_chargesNothing_andTheFrozenPeriodIsNotChargedLater() {
        LocalDate end = DUE.plusDays(4).plusDays(29);
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 10_000), List.of(), end, true)).isEmpty();
        assertThat(ChargeRules.due(FEE_ONLY, bill(10_000, 10_000), List.of(), DUE.plusDays(6), true)).isEmpty();
        assertThat(ChargeRules.due(INTEREST, bill(10_000, 10_000), List.of(), end.plusDays(1), false))
                .as("the period that ended while frozen").isEmpty();
    }

    @Test
    void ruleFor_matchesProductLineCurrencyAndCountry_firstRuleWins() {
        ChargeRules rules = ChargeRules.parse("""
                rules:
                  - id: cn-telecom
                    countries: [CN]
                    productLines: [TELECOM_POSTPAID]
                    currency: CNY
                    lateFee: "10.00"
                  - id: any-cny
                    currency: CNY
                    dailyInterestRate: "0.0001"
                """);
        assertThat(rules.ruleFor("TELECOM_POSTPAID", "CNY", "CN")).get().extracting(Rule::id).isEqualTo("cn-telecom");
        assertThat(rules.ruleFor("TELECOM_POSTPAID", "CNY", "TW")).get().extracting(Rule::id).isEqualTo("any-cny");
        assertThat(rules.ruleFor("TELECOM_POSTPAID", "USD", "CN")).isEmpty();
        Rule first = rules.rules().getFirst();
        assertThat(first.lateFeeMinor()).isEqualTo(1_000);
        assertThat(first.interestPeriodDays()).isEqualTo(30);
        assertThat(first.capShareOfPrincipal()).isEqualByComparingTo("1");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "rules: [{id: a, currency: XXQ}]|rules[0].currency: not an ISO 4217 code",
            "rules: [{id: a, currency: CNY, lateFee: '1.234'}]|rules[0].lateFee: '1.234' is not an amount with at most 2 decimals",
            "rules: [{id: a, currency: JPY, lateFee: '1.5'}]|rules[0].lateFee: '1.5' is not an amount with at most 0 decimals",
            "rules: [{id: a, currency: CNY, dailyInterestRate: '5'}]|rules[0].dailyInterestRate: 5 is more than 1 % a day",
            "rules: [{id: a, currency: CNY, capShareOfPrincipal: '1.5'}]|rules[0].capShareOfPrincipal: at most 1",
            "rules: [{id: a, currency: CNY, graceDays: -1}]|rules[0].graceDays: expected a whole number of days",
            "rules: [{id: a, currency: CNY, late: '1'}]|rules[0].late: unknown field",
            "rules: [{id: a, currency: CNY}, {id: a, currency: CNY}]|rules[1].id: 'a' is used twice",
            "rules: [{currency: CNY}]|rules[0].id: required",
            "other: 1|expected a map with a list 'rules'",
            "rules: [ {id: a|not valid YAML"})
    void badRules_areRefusedNamingTheRuleAndTheField(String yaml, String message) {
        assertThatThrownBy(() -> ChargeRules.parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shippedRules_parse() throws Exception {
        try (var in = getClass().getResourceAsStream("/charges/charges.yaml")) {
            ChargeRules rules = ChargeRules.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(rules.rules()).extracting(Rule::id).contains("cn-telecom", "cn-wallet-credit", "tw-telecom",
                    "uk-b2b-late-payment", "us-telecom");
            assertThat(rules.ruleFor("B2B_INVOICE", "GBP", "GB")).get().extracting(Rule::lateFeeMinor)
                    .isEqualTo(4_000L);
        }
    }

    private static Bill bill(long total, long outstanding) {
        return new Bill(1, DUE, total, outstanding);
    }
}
