package dev.arrears.strategy;

import dev.arrears.strategy.document.StrategyDocument;
import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The strategies shipped in src/main/resources/strategies: each validates and follows the documented practice. */
class ShippedStrategiesTest {

    private static final Map<String, StrategyDefinition> SHIPPED = Strategies.shippedDocuments().stream()
            .map(yaml -> {
                StrategyDocument.Parsed parsed = StrategyDocument.parse(yaml, new ShippedTemplates());
                assertThat(parsed.errors()).as(yaml.lines().filter(l -> l.startsWith("strategy:")).findFirst()
                        .orElse("?")).isEmpty();
                return parsed.definition();
            })
            .collect(Collectors.toMap(StrategyDefinition::name, Function.identity()));

    private static List<List<Step>> ladders(Segment segment) {
        List<List<Step>> ladders = new ArrayList<>();
        ladders.add(segment.ladder());
        segment.variants().forEach(v -> ladders.add(CompiledStrategy.ladderOf(segment, v)));
        return ladders;
    }

    private static List<Segment> allSegments() {
        return SHIPPED.values().stream().flatMap(s -> s.segments().stream()).toList();
    }

    @Test
    void everyShippedStrategyValidates_andTheFourAreThere() {
        assertThat(SHIPPED).containsOnlyKeys("telecom-consumer", "wallet-credit", "b2b-invoices", "general");
        SHIPPED.values().forEach(d -> CompiledStrategy.compile(1, 1, d));
    }

    @Test
    void generalStrategy_takesEveryAccountLast() {
        StrategyDefinition general = SHIPPED.get("general");
        assertThat(general.appliesTo()).isNull();
        assertThat(general.segments().getLast().when()).isNull();
        assertThat(SHIPPED.values()).allSatisfy(d -> assertThat(d.priority()).isLessThanOrEqualTo(general.priority()));
    }

    @Test
    void smallBalances_getDigitalRemindersOnly() {
        Set<ActionKind> digital = EnumSet.of(ActionKind.SMS, ActionKind.EMAIL, ActionKind.PUSH,
                ActionKind.MANUAL_REVIEW);
        List<Segment> small = allSegments().stream().filter(s -> s.name().startsWith("small-")).toList();
        assertThat(small).hasSize(4);
        for (Segment segment : small) {
            for (List<Step> ladder : ladders(segment)) {
                assertThat(ladder).extracting(Step::action).as(segment.name()).isNotEmpty().allMatch(digital::contains);
            }
        }
    }

    @Test
    void largeBalances_getTheirAccountManagerWithinThreeDays() {
        List<Segment> large = allSegments().stream()
                .filter(s -> s.name().equals("large-balance") || s.name().equals("key-account")).toList();
        assertThat(large).hasSize(4);
        for (Segment segment : large) {
            assertThat(segment.ladder()).as(segment.name()).anyMatch(s -> s.action() == ActionKind.CALL_TASK
                    && "assigned".equals(s.manager()) && s.at().days() <= 3);
        }
    }

    @Test
    void firstTimeLatePayers_escalateLaterThanRepeatOnesAndHighRisk() {
        for (String name : List.of("telecom-consumer", "wallet-credit")) {
            Map<String, Segment> segments = SHIPPED.get(name).segments().stream()
                    .collect(Collectors.toMap(Segment::name, Function.identity()));
            assertThat(segments.get("first-time").when()).contains("history.timesDelinquent12m <= 1");
            int firstTime = firstEscalation(segments.get("first-time"));
            int repeat = firstEscalation(segments.get("repeat"));
            int highRisk = firstEscalation(segments.get("high-risk"));
            assertThat(firstTime).as(name).isGreaterThan(repeat);
            assertThat(highRisk).as(name).isLessThan(repeat);
            assertThat(segments.get("first-time").ladder()).as(name).allMatch(s -> s.at().days() > 0);
            assertThat(segments.get("high-risk").ladder().getFirst().at().days()).as(name).isLessThan(
                    segments.get("repeat").ladder().getFirst().at().days());
        }
    }

    private static int firstEscalation(Segment segment) {
        return segment.ladder().stream().filter(s -> s.action().escalation()).mapToInt(s -> s.at().days()).min()
                .orElseThrow();
    }

    @Test
    void b2b_sendsInvoiceEmailsAManagerCallAndADemandLetterBeforeLegalReview() {
        StrategyDefinition b2b = SHIPPED.get("b2b-invoices");
        assertThat(b2b.appliesTo()).contains("customer.type == 'BUSINESS'").contains("B2B_INVOICE");
        for (Segment segment : b2b.segments()) {
            for (List<Step> ladder : ladders(segment)) {
                for (int i = 0; i < ladder.size(); i++) {
                    if (ladder.get(i).action() == ActionKind.LEGAL_REVIEW) {
                        List<Step> before = ladder.subList(0, i);
                        assertThat(before).as(segment.name()).anyMatch(s -> s.action() == ActionKind.LETTER
                                && "demand_letter".equals(s.template()));
                        assertThat(before).anyMatch(s -> s.action() == ActionKind.CALL_TASK && s.manager() != null);
                        assertThat(before).anyMatch(s -> s.action() == ActionKind.EMAIL
                                && s.template().startsWith("invoice_"));
                    }
                }
            }
        }
    }

    @Test
    void shipped_haveChampionChallengerAndControlArms_andPreDueReminders() {
        assertThat(allSegments()).anyMatch(s -> s.variants().size() >= 2
                && s.variants().stream().anyMatch(v -> v.ladder() != null));
        assertThat(allSegments()).anyMatch(s -> s.variants().stream().anyMatch(v -> v.control()));
        assertThat(allSegments()).anyMatch(s -> s.ladder().stream().anyMatch(step -> step.at().days() == -3));
        assertThat(SHIPPED.values()).allMatch(d -> d.stopWhen().contains("case.promiseActive")
                && d.stopWhen().contains("case.disputeOpen"));
    }
}
