package dev.arrears.strategy.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactCodecTest {

    private static final Facts FACTS = new Facts(42, 1234.5, 99.99, 17, "1-30", "TELECOM_POSTPAID", "CNY", "ACTIVE",
            5000, "PERSON", "zh-TW", "Asia/Taipei", 26, true, List.of("EMAIL", "SMS"), 2, 45, 0.75, 1, 0, 6, 588,
            "C", 9, 2, "sms-first", false, true);

    @Test
    void everyFact_roundTripsThroughTheCompactForm() {
        String text = FactCodec.encode(FactCatalog.all(), FACTS);
        Facts back = FactCodec.decode(42, FactCatalog.all(), text);
        assertThat(back).isEqualTo(FACTS);
    }

    @Test
    void scoreReasonsAndMissRisk_roundTripThroughTheCompactForm() {
        Facts scored = FACTS.withScore(541, "D", List.of("maxDaysPastDue12m", "onTimeRatio3m"), 0.625);
        Facts back = FactCodec.decode(42, FactCatalog.all(), FactCodec.encode(FactCatalog.all(), scored));
        assertThat(back).isEqualTo(scored);
        assertThat(back.scoreReasons()).containsExactly("maxDaysPastDue12m", "onTimeRatio3m");
        assertThat(back.scoreMissRisk()).isEqualTo(0.625);
    }

    @Test
    void conditionsOnScoreReasonsAndMissRisk_evaluate() {
        Facts scored = FACTS.withScore(541, "D", List.of("maxDaysPastDue12m"), 0.7);
        assertThat(Condition.of("'maxDaysPastDue12m' in score.reasons && score.missRisk > 0.5").test(scored))
                .isTrue();
        assertThat(Condition.of("'maxDaysPastDue12m' in score.reasons").test(FACTS)).isFalse();
        assertThat(FACTS.scoreReasons()).isEmpty();
        assertThat(FACTS.scoreMissRisk()).isZero();
    }

    @Test
    void overdueOutsidePlan_roundTrips_andConditionsOnItEvaluate() {
        assertThat(FACTS.overdueOutsidePlan()).as("no plan: the whole overdue amount").isEqualTo(99.99);
        Facts partial = FACTS.withOverdueOutsidePlan(40.5);
        Facts back = FactCodec.decode(42, FactCatalog.all(), FactCodec.encode(FactCatalog.all(), partial));
        assertThat(back).isEqualTo(partial);
        assertThat(back.overdueOutsidePlan()).isEqualTo(40.5);
        Condition dunnedBesideAPlan = Condition.of(
                "account.overdueOutsidePlan > 0.0 && account.overdueOutsidePlan < account.overdueAmount");
        assertThat(dunnedBesideAPlan.test(partial)).isTrue();
        assertThat(dunnedBesideAPlan.test(FACTS)).as("no plan").isFalse();
        assertThat(dunnedBesideAPlan.test(FACTS.withOverdueOutsidePlan(0))).as("all in the plan").isFalse();
        assertThat(dunnedBesideAPlan.reads()).extracting(FactCatalog.Fact::name)
                .containsExactly("account.overdueAmount", "account.overdueOutsidePlan");
        // the facts kept with actions planned before the fact existed decode to "no plan"
        Facts old = FactCodec.decode(42, List.of(FactCatalog.byName("account.overdueAmount")), "99.99");
        assertThat(old.overdueOutsidePlan()).isEqualTo(99.99);
    }

    @Test
    void reversalsAtCaseOpen_roundTrips_andTheShippedConditionOnItEvaluates() {
        Facts reopened = FACTS.withReversalsAtCaseOpen(1).withReversedPayments(1);
        Facts back = FactCodec.decode(42, FactCatalog.all(), FactCodec.encode(FactCatalog.all(), reopened));
        assertThat(back).isEqualTo(reopened);
        Condition reversalCase = Condition.of("case.reversalsAtOpen > 0");
        assertThat(reversalCase.test(reopened)).isTrue();
        assertThat(reversalCase.test(FACTS.withReversedPayments(1))).as("an older case, a recent reversal").isFalse();
    }

    @Test
    void aStrategysFacts_takeTensOfBytesNotAJsonTrace() {
        CompiledStrategy s = CompiledStrategy.compile(1, 1, new StrategyDefinition("t", null, 100,
                "account.productLine == 'TELECOM_POSTPAID'", List.of(new StrategyDefinition.Segment("small",
                "account.overdueAmount < 100.0 && score.grade in ['A', 'B']", List.of(Step()), List.of())),
                "case.promiseActive || case.disputeOpen || account.balance <= 0.0"));
        String text = FactCodec.encode(s.reads(), FACTS);
        assertThat(s.reads()).extracting(FactCatalog.Fact::name).containsExactly("account.balance",
                "account.overdueAmount", "account.productLine", "score.grade", "case.promiseActive",
                "case.disputeOpen");
        assertThat(text).isEqualTo("1234.5\u001F99.99\u001FTELECOM_POSTPAID\u001FC\u001Ff\u001Ft");
        assertThat(FactCodec.decode(42, s.reads(), text).overdueAmount()).isEqualTo(99.99);
    }

    @Test
    void wrongNumberOfValues_isRefused() {
        assertThatThrownBy(() -> FactCodec.decode(1, FactCatalog.all(), "1\u001F2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
    }

    private static StrategyDefinition.Step Step() {
        return StrategyDefinition.Step.of("due+1d", ActionKind.SMS, "overdue_notice");
    }
}
