package dev.arrears.strategy;

import dev.arrears.strategy.document.StrategyDocument;
import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.FactsFixture;
import dev.arrears.strategy.domain.Situation;
import dev.arrears.strategy.domain.StrategyBook;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
        // telecom and wallet split theirs by the early warning: a pre-due reminder only where a miss is likely
        assertThat(small).hasSize(6);
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

    // --- a dry run of the shipped book on facts that differ by score only ---

    private static final LocalDate DUE = LocalDate.of(2026, 11, 1);
    private static final StrategyBook BOOK = new StrategyBook(SHIPPED.values().stream()
            .map(d -> CompiledStrategy.compile(1, 1, d)).toList());

    private static Decision decide(int daysFromDue, Consumer<FactsFixture> changes) {
        return BOOK.decide(new Situation(FactsFixture.facts(changes), DUE.plusDays(daysFromDue), DUE, null));
    }

    private static Consumer<FactsFixture> account(String productLine, double balance, String grade, long late12m,
                                                  double missRisk) {
        return f -> {
            f.productLine = productLine;
            f.balance = balance;
            f.scoreGrade = grade;
            f.timesDelinquent12m = late12m;
            f.scoreMissRisk = missRisk;
        };
    }

    @Test
    void aGoodCustomersFirstSlip_getsAGentleNudgeAndEscalatesLaterThanAnyFirstTimer() {
        for (String line : List.of("TELECOM_POSTPAID", "WALLET_CREDIT", "OTHER")) {
            Decision good = decide(3, account(line, 500, "A", 1, 0));
            assertThat(good.segment()).as(line).isEqualTo("good-first-slip");
            assertThat(good.steps()).as(line).singleElement()
                    .satisfies(p -> assertThat(p.step().template()).isEqualTo("payment_link"));
            assertThat(decide(1, account(line, 500, "B", 1, 0)).steps()).as(line + ": nothing on day 1").isEmpty();
            assertThat(decide(1, account(line, 500, "C", 1, 0)).segment()).as(line).isEqualTo("first-time");
            Map<String, Segment> segments = SHIPPED.get(line.equals("OTHER") ? "general"
                    : line.equals("WALLET_CREDIT") ? "wallet-credit" : "telecom-consumer").segments().stream()
                    .collect(Collectors.toMap(Segment::name, Function.identity()));
            assertThat(lastStep(segments.get("good-first-slip"))).as(line)
                    .isGreaterThan(lastStep(segments.get("first-time")));
        }
    }

    private static int lastStep(Segment segment) {
        return segment.ladder().stream().filter(s -> s.action().escalation()).mapToInt(s -> s.at().days()).max()
                .orElseThrow();
    }

    @Test
    void gradeDOrE_getsAReminderBeforeTheDueDate() {
        for (String line : List.of("TELECOM_POSTPAID", "WALLET_CREDIT", "OTHER")) {
            Decision risky = decide(-3, account(line, 500, "E", 1, 0));
            assertThat(risky.segment()).as(line).isEqualTo("high-risk");
            assertThat(risky.steps()).as(line).singleElement()
                    .satisfies(p -> assertThat(p.step().template()).isEqualTo("pre_due_reminder"));
        }
    }

    @Test
    void aPreDueReminderGoesToSmallBalancesOnlyWhereTheEarlyWarningExpectsAMiss() {
        for (String line : List.of("TELECOM_POSTPAID", "WALLET_CREDIT")) {
            Decision likely = decide(-3, account(line, 150, "C", 2, 0.45));
            assertThat(likely.segment()).as(line).isEqualTo("small-balance-likely-to-miss");
            assertThat(likely.steps()).as(line).singleElement()
                    .satisfies(p -> assertThat(p.step().template()).isEqualTo("pre_due_reminder"));
            Decision unlikely = decide(-3, account(line, 150, "C", 2, 0.05));
            assertThat(unlikely.segment()).as(line).isEqualTo("small-balance");
            assertThat(unlikely.steps()).as(line + ": no reminder before the due date").isEmpty();
            assertThat(decide(1, account(line, 150, "C", 2, 0.05)).steps()).as(line).singleElement()
                    .satisfies(p -> assertThat(p.step().template()).isEqualTo("overdue_notice"));
        }
        // the fallback strategy's repeat payers too
        assertThat(decide(-3, account("OTHER", 500, "C", 2, 0.6)).segment()).isEqualTo("standard-likely-to-miss");
        assertThat(decide(-3, account("OTHER", 500, "C", 2, 0.6)).steps()).hasSize(1);
        assertThat(decide(-3, account("OTHER", 500, "C", 2, 0.1)).steps()).isEmpty();
    }
}
