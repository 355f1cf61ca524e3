package dev.arrears.strategy.domain;

import dev.arrears.strategy.document.StrategyDocument;
import dev.arrears.strategy.domain.Decision.ConditionResult;
import dev.arrears.strategy.domain.Decision.Outcome;
import dev.arrears.strategy.domain.Decision.PlannedStep;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.arrears.strategy.domain.FactsFixture.facts;
import static org.assertj.core.api.Assertions.assertThat;

/** Deciding for one account: strategy order, first segment wins, stopWhen, variants and the trace. */
class StrategyBookTest {

    static final LocalDate DUE = LocalDate.of(2026, 11, 1);

    static final String TELECOM = """
            strategy: telecom
            priority: 100
            appliesTo: "account.productLine == 'TELECOM_POSTPAID'"
            segments:
              - name: small
                when: "account.balance < 200.0"
                ladder:
                  - { at: "due-3d", action: SMS, template: pre_due_reminder }
                  - { at: "due+1d", action: SMS, template: overdue_notice, required: true }
                  - { at: "due+7d", action: EMAIL, template: overdue_notice_bill }
              - name: risky
                when: "score.grade in ['D', 'E']"
                ladder:
                  - { at: "due+1d", action: SMS, template: overdue_notice }
                  - { at: "due+2d", action: CALL_TASK, queue: early }
                  - { at: "due+10d", action: RESTRICT_SERVICE, level: soft }
                variants:
                  - { name: champion, share: 50 }
                  - name: letter-first
                    share: 40
                    ladder:
                      - { at: "due+1d", action: LETTER, template: overdue_notice }
                  - { name: control, share: 10, control: true }
            stopWhen: "case.promiseActive || case.disputeOpen || account.balance <= 0.0"
            """;

    static final String BUSINESS = """
            strategy: business
            priority: 50
            appliesTo: "customer.type == 'BUSINESS'"
            segments:
              - name: all
                ladder:
                  - { at: "due+1d", action: EMAIL, template: invoice_overdue }
            """;

    static final String CATCH_ALL = """
            strategy: catch-all
            priority: 1000
            segments:
              - name: all
                ladder:
                  - { at: "due+1d", action: SMS, template: overdue_notice }
            """;

    /** Same priority as telecom: the name breaks the tie, so "also-telecom" comes first. */
    static final String ALSO_TELECOM = """
            strategy: also-telecom
            priority: 100
            appliesTo: "account.productLine == 'TELECOM_POSTPAID' && account.currency == 'USD'"
            segments:
              - name: all
                ladder:
                  - { at: "due+2d", action: SMS, template: overdue_notice }
            """;

    static CompiledStrategy compile(long id, String yaml) {
        StrategyDocument.Parsed parsed = StrategyDocument.parse(yaml, null);
        assertThat(parsed.errors()).isEmpty();
        return CompiledStrategy.compile(id, 1, parsed.definition());
    }

    static final StrategyBook BOOK = new StrategyBook(List.of(compile(1, CATCH_ALL), compile(2, TELECOM),
            compile(3, BUSINESS), compile(4, ALSO_TELECOM)));

    static Situation situation(int asOfOffset, Consumer<FactsFixture> changes) {
        return new Situation(facts(changes), DUE.plusDays(asOfOffset), DUE, null);
    }

    static List<String> paths(Decision d) {
        return d.trace().stream().map(ConditionResult::path).toList();
    }

    @Test
    void strategies_areTriedByPriorityThenName() {
        assertThat(BOOK.strategies()).extracting(CompiledStrategy::name)
                .containsExactly("business", "also-telecom", "telecom", "catch-all");
    }

    @Test
    void firstApplyingStrategy_decides_andTheTraceShowsTheOnesTriedBefore() {
        Decision d = BOOK.decide(situation(1, f -> f.balance = 150));
        assertThat(d.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(d.strategy().name()).isEqualTo("telecom");
        assertThat(d.trace()).containsExactly(
                new ConditionResult("business/appliesTo", "customer.type == 'BUSINESS'", false),
                new ConditionResult("also-telecom/appliesTo",
                        "account.productLine == 'TELECOM_POSTPAID' && account.currency == 'USD'", false),
                new ConditionResult("telecom/appliesTo", "account.productLine == 'TELECOM_POSTPAID'", true),
                new ConditionResult("telecom/segments/0/when", "account.balance < 200.0", true),
                new ConditionResult("telecom/stopWhen",
                        "case.promiseActive || case.disputeOpen || account.balance <= 0.0", false));
        assertThat(d.facts().balance()).isEqualTo(150.0);
    }

    @Test
    void firstSegmentWhoseWhenHolds_wins() {
        // balance 150 and grade E: both segments' conditions hold, the first one listed wins
        Decision d = BOOK.decide(situation(1, f -> {
            f.balance = 150;
            f.scoreGrade = "E";
        }));
        assertThat(d.segment()).isEqualTo("small");
        assertThat(d.segmentIndex()).isZero();
        assertThat(paths(d)).doesNotContain("telecom/segments/1/when");
        assertThat(d.variant()).isEqualTo(Variants.CHAMPION);
        assertThat(d.steps()).extracting(PlannedStep::number).containsExactly(2);
        assertThat(d.skipped()).containsExactly(1);
        assertThat(d.nextStepOn()).isEqualTo(DUE.plusDays(7));
    }

    @Test
    void noSegmentHolding_isNoSegment() {
        Decision d = BOOK.decide(situation(1, f -> {
            f.balance = 500;
            f.scoreGrade = "B";
        }));
        assertThat(d.outcome()).isEqualTo(Outcome.NO_SEGMENT);
        assertThat(d.segment()).isNull();
        assertThat(d.steps()).isEmpty();
        assertThat(d.trace()).extracting(ConditionResult::path, ConditionResult::result).endsWith(
                org.assertj.core.groups.Tuple.tuple("telecom/segments/0/when", false),
                org.assertj.core.groups.Tuple.tuple("telecom/segments/1/when", false));
    }

    @Test
    void stopWhenHolding_stopsTheLadder_butNamesTheSegment() {
        Decision d = BOOK.decide(situation(1, f -> {
            f.balance = 150;
            f.promiseActive = true;
        }));
        assertThat(d.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(d.segment()).isEqualTo("small");
        assertThat(d.steps()).isEmpty();
        assertThat(d.trace().getLast()).isEqualTo(new ConditionResult("telecom/stopWhen",
                "case.promiseActive || case.disputeOpen || account.balance <= 0.0", true));
        assertThat(d.planned()).isFalse();
    }

    @Test
    void nothingDue_saysWhenTheNextStepFalls() {
        Decision d = BOOK.decide(situation(-5, f -> f.balance = 150));
        assertThat(d.outcome()).isEqualTo(Outcome.NOTHING_DUE);
        assertThat(d.nextStepOn()).isEqualTo(DUE.minusDays(3));
        assertThat(BOOK.decide(situation(-3, f -> f.balance = 150)).steps()).singleElement()
                .satisfies(p -> assertThat(p.step().template()).isEqualTo("pre_due_reminder"));
    }

    @Test
    void noStrategyApplying_isNoStrategy() {
        StrategyBook book = new StrategyBook(List.of(compile(2, TELECOM), compile(3, BUSINESS)));
        Decision d = book.decide(situation(1, f -> f.productLine = "WALLET_CREDIT"));
        assertThat(d.outcome()).isEqualTo(Outcome.NO_STRATEGY);
        assertThat(d.strategy()).isNull();
        assertThat(paths(d)).containsExactly("business/appliesTo", "telecom/appliesTo");
        assertThat(new StrategyBook(List.of()).decide(situation(1, f -> { })).outcome())
                .isEqualTo(Outcome.NO_STRATEGY);
    }

    @Test
    void priority_beatsName_andTheBusinessStrategyTakesBusinessTelecomAccounts() {
        Decision d = BOOK.decide(situation(1, f -> f.customerType = "BUSINESS"));
        assertThat(d.strategy().name()).isEqualTo("business");
        assertThat(BOOK.decide(situation(2, f -> f.currency = "USD")).strategy().name()).isEqualTo("also-telecom");
        assertThat(BOOK.decide(situation(1, f -> f.productLine = "OTHER")).strategy().name()).isEqualTo("catch-all");
    }

    /** Returns an account id whose hash puts it in the named arm of the telecom strategy's risky segment. */
    static long accountIn(String arm) {
        var variants = BOOK.strategies().get(2).definition().segments().get(1).variants();
        for (long id = 1; ; id++) {
            if (Variants.assign(id, "telecom", variants).name().equals(arm)) {
                return id;
            }
        }
    }

    @Test
    void variantsFollowTheHash_controlGetsTheRequiredNoticesOnly() {
        long champion = accountIn("champion");
        long letterFirst = accountIn("letter-first");
        long control = accountIn("control");
        Consumer<FactsFixture> risky = f -> {
            f.balance = 900;
            f.scoreGrade = "E";
        };
        Decision a = BOOK.decide(situation(2, risky.andThen(f -> f.accountId = champion)));
        assertThat(a.variant()).isEqualTo("champion");
        assertThat(a.steps()).extracting(p -> p.step().action()).containsExactly(ActionKind.CALL_TASK);
        Decision b = BOOK.decide(situation(1, risky.andThen(f -> f.accountId = letterFirst)));
        assertThat(b.variant()).isEqualTo("letter-first");
        assertThat(b.steps()).extracting(p -> p.step().action()).containsExactly(ActionKind.LETTER);
        Decision c = BOOK.decide(situation(2, risky.andThen(f -> f.accountId = control)));
        assertThat(c.variant()).isEqualTo("control");
        // the risky ladder has no required step: the control arm gets its first post-due written notice only
        assertThat(c.steps()).extracting(p -> p.step().action()).containsExactly(ActionKind.SMS);
        assertThat(c.nextStepOn()).isNull();
    }

    @Test
    void openCaseArm_staysWhileTheSegmentHasIt() {
        long champion = accountIn("champion");
        Situation.OpenCase open = new Situation.OpenCase(DUE.plusDays(1), DUE, "risky", "letter-first", 0, null,
                null);
        Situation s = new Situation(facts(f -> {
            f.accountId = champion;
            f.balance = 900;
            f.scoreGrade = "E";
        }), DUE.plusDays(1), DUE, open);
        Decision d = BOOK.decide(s);
        assertThat(d.variant()).isEqualTo("letter-first");
        assertThat(d.steps()).extracting(p -> p.step().action()).containsExactly(ActionKind.LETTER);
        Situation.OpenCase gone = new Situation.OpenCase(DUE.plusDays(1), DUE, "risky", "retired-arm", 0, null,
                null);
        assertThat(BOOK.decide(new Situation(s.facts(), s.asOf(), DUE, gone)).variant()).isEqualTo("champion");
    }

    @Test
    void escalationWithoutNotice_isWaitingForNotice() {
        Situation.OpenCase open = new Situation.OpenCase(DUE.plusDays(1), DUE, "risky", "champion", 2,
                DUE.plusDays(2), DUE.plusDays(8));
        Decision d = BOOK.decide(new Situation(facts(f -> {
            f.accountId = accountIn("champion");
            f.balance = 900;
            f.scoreGrade = "D";
        }), DUE.plusDays(10), DUE, open));
        assertThat(d.outcome()).isEqualTo(Outcome.WAITING_FOR_NOTICE);
        assertThat(d.nextStepOn()).isEqualTo(DUE.plusDays(13));
    }

    @Test
    void compiledStrategy_knowsWhatItReads_andTheBookItsPreDueLead() {
        assertThat(BOOK.strategies().get(2).reads()).extracting(FactCatalog.Fact::name).containsExactly(
                "account.balance", "account.productLine", "score.grade", "case.promiseActive", "case.disputeOpen");
        assertThat(BOOK.preDueDays()).isEqualTo(3);
        List<CompiledStrategy> none = new ArrayList<>(List.of(compile(9, BUSINESS)));
        assertThat(new StrategyBook(none).preDueDays()).isZero();
    }
}
