package dev.arrears.cycle.domain;

import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.Facts;
import dev.arrears.strategy.domain.Situation;
import dev.arrears.strategy.domain.StrategyBook;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaseRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final StrategyBook BOOK = new StrategyBook(List.of(CompiledStrategy.compile(7, 3,
            new StrategyDefinition("t", null, 100, null, List.of(new Segment("all", null, List.of(
                    Step.of("due-3d", ActionKind.SMS, "pre_due_reminder"),
                    Step.of("due+1d", ActionKind.SMS, "overdue_notice"),
                    Step.of("due+7d", ActionKind.EMAIL, "overdue_notice_bill")), List.of())),
                    "case.promiseActive"))));

    private static Facts facts(double overdue, boolean promise) {
        return new Facts(1, Math.max(overdue, 50), overdue, overdue > 0 ? 5 : 0, overdue > 0 ? "1-30" : "CURRENT",
                "OTHER", "CNY", "ACTIVE", 0, "PERSON", "zh-CN", "Asia/Shanghai", 12, false, List.of("SMS"), 0, 0, 1.0,
                0, 0, Facts.NEVER, 600, "C", 0, 0, "", promise, false);
    }

    private static CaseRow open(LocalDate anchor, int step, LocalDate lastStepOn) {
        return new CaseRow(11, 2, 1, 9, TODAY.minusDays(10), anchor, "t", 7L, "all", "champion", step, lastStepOn,
                lastStepOn, lastStepOn, "PLANNED", null, false, false);
    }

    private static CaseChange apply(Facts f, LocalDate oldestOpenDue, CaseRow open) {
        Situation s = new Situation(f, TODAY, oldestOpenDue, open == null ? null : open.position());
        Decision d = BOOK.decide(s);
        return CaseRules.apply(s, d, open, 9);
    }

    @Test
    void nothingOverdueAndNoPreDueStep_opensNothing() {
        CaseChange change = apply(facts(0, false), TODAY.plusDays(10), null);
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.NONE);
    }

    @Test
    void preDueStepDue_opensCaseBeforeTheDueDate() {
        CaseChange change = apply(facts(0, false), TODAY.plusDays(3), null);
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.OPEN);
        assertThat(change.steps()).extracting(p -> p.step().template()).containsExactly("pre_due_reminder");
        assertThat(change.after().anchorDue()).isEqualTo(TODAY.plusDays(3));
        assertThat(change.after().lastNoticeOn()).isEqualTo(TODAY);
    }

    @Test
    void overdueWithoutCase_opensCaseAtTheCurrentRung() {
        CaseChange change = apply(facts(120, false), TODAY.minusDays(8), null);
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.OPEN);
        assertThat(change.steps()).extracting(Decision.PlannedStep::number).containsExactly(3);
        assertThat(change.decision().skipped()).containsExactly(1, 2);
        assertThat(change.after()).extracting(CaseRow::step, CaseRow::strategyVersionId, CaseRow::openedOn)
                .containsExactly(3, 7L, TODAY);
    }

    @Test
    void sameDayAgain_changesNothing() {
        CaseChange first = apply(facts(120, false), TODAY.minusDays(8), null);
        CaseRow stored = new CaseRow(11, 0, 1, 9, TODAY, first.after().anchorDue(), "t", 7L, "all", "champion",
                first.after().step(), first.after().lastStepOn(), first.after().lastNoticeOn(),
                first.after().lastContactOn(), first.after().outcome(), first.after().nextStepOn(), false, false);
        CaseChange again = apply(facts(120, false), TODAY.minusDays(8), stored);
        assertThat(again.kind()).isEqualTo(CaseChange.Kind.NONE);
        assertThat(again.steps()).isEmpty();
    }

    @Test
    void paidBill_closesCaseAsCuredAndCancelsPending() {
        CaseChange change = apply(facts(0, false), null, open(TODAY.minusDays(8), 2, TODAY.minusDays(7)));
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.CLOSE);
        assertThat(change.closeReason()).isEqualTo(CaseChange.CloseReason.CURED);
        assertThat(change.cancelsPending()).isTrue();
    }

    @Test
    void preDueCaseBeforeItsDueDate_staysOpen() {
        CaseChange change = apply(facts(0, false), TODAY.plusDays(2), open(TODAY.plusDays(2), 1, TODAY.minusDays(1)));
        assertThat(change.kind()).isNotEqualTo(CaseChange.Kind.CLOSE);
    }

    @Test
    void nextBillAfterPayingTheChasedOne_closesCase() {
        CaseChange change = apply(facts(0, false), TODAY.plusDays(25), open(TODAY.minusDays(8), 2, TODAY.minusDays(7)));
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.CLOSE);
    }

    @Test
    void promiseActive_pausesLadderRecordsPauseAndCancelsPending() {
        CaseChange change = apply(facts(120, true), TODAY.minusDays(8), open(TODAY.minusDays(8), 2, TODAY.minusDays(7)));
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.UPDATE);
        assertThat(change.decision().outcome()).isEqualTo(Decision.Outcome.STOPPED);
        assertThat(change.steps()).isEmpty();
        assertThat(change.events()).extracting(CaseChange.Event::kind).contains("PAUSED");
        assertThat(change.cancelsPending()).isTrue();
    }

    @Test
    void secondStepFallsDue_updatesPositionAndContactDates() {
        CaseChange change = apply(facts(120, false), TODAY.minusDays(7), open(TODAY.minusDays(7), 2, TODAY.minusDays(6)));
        assertThat(change.kind()).isEqualTo(CaseChange.Kind.UPDATE);
        assertThat(change.steps()).extracting(p -> p.step().action()).containsExactly(ActionKind.EMAIL);
        assertThat(change.after().step()).isEqualTo(3);
        assertThat(change.after().lastStepOn()).isEqualTo(TODAY);
        assertThat(change.after().lastContactOn()).isEqualTo(TODAY);
    }
}
