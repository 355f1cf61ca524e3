package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.Decision.PlannedStep;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ladder timing: catch-up, steps sharing a date, notice before escalation, pre-due and open-relative steps. */
class LaddersTest {

    static final LocalDate DUE = LocalDate.of(2026, 11, 1);

    static Step step(String at, ActionKind action) {
        String template = action.needsTemplate() ? "t" : null;
        String level = action == ActionKind.RESTRICT_SERVICE ? "soft" : null;
        String queue = action == ActionKind.CALL_TASK ? "general" : null;
        return new Step(Offset.parse(at), action, template, queue, null, level, null, null, false);
    }

    static Step required(String at, ActionKind action) {
        Step s = step(at, action);
        return new Step(s.at(), s.action(), s.template(), s.queue(), s.manager(), s.level(), s.agency(),
                s.fallback(), true);
    }

    /** SMS due-3d, SMS due+1d, EMAIL due+7d, CALL due+15d, LETTER due+20d, RESTRICT due+30d, AGENCY due+60d. */
    static final List<Step> LADDER = List.of(
            step("due-3d", ActionKind.SMS),
            step("due+1d", ActionKind.SMS),
            step("due+7d", ActionKind.EMAIL),
            step("due+15d", ActionKind.CALL_TASK),
            step("due+20d", ActionKind.LETTER),
            step("due+30d", ActionKind.RESTRICT_SERVICE),
            step("due+60d", ActionKind.PLACE_WITH_AGENCY));

    static LocalDate day(int offset) {
        return DUE.plusDays(offset);
    }

    static List<Integer> numbers(Ladders.Due due) {
        return due.planned().stream().map(PlannedStep::number).toList();
    }

    @ParameterizedTest(name = "case opened {0}, last step {1}, cycle {2}: plan {3}, skip {4}, next {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # opened | lastStep | asOf | planned | skipped | next
            -3       |          | -3   | 1       |         | 1
            -3       | -3       | -2   |         |         | 1
            -3       | -3       | 1    | 2       |         | 7
            1        |          | 1    | 2       | 1       | 7
            1        |          | 9    | 3       | 1 2     | 15
            1        |          | 16   | 4       | 1 2 3   | 20
            1        | 1        | 16   | 4       | 3       | 20
            1        | 15       | 16   |         |         | 20
            """)
    void stepsAfterTheLastPlannedAndDue_catchUpToTheLatest(int opened, Integer lastStep, int asOf, String planned,
                                                           String skipped, Integer next) {
        Ladders.Due due = Ladders.due(LADDER, day(asOf), DUE, day(opened), lastStep == null ? null : day(lastStep),
                null);
        assertThat(numbers(due)).isEqualTo(ints(planned));
        assertThat(due.skipped()).isEqualTo(ints(skipped));
        assertThat(due.nextStepOn()).isEqualTo(next == null ? null : day(next));
        assertThat(due.waitingForNotice()).isFalse();
    }

    private static List<Integer> ints(String list) {
        return list == null ? List.of() : java.util.Arrays.stream(list.trim().split("\\s+")).map(Integer::valueOf)
                .toList();
    }

    @Test
    void stepsSharingTheLatestDate_areAllPlanned() {
        List<Step> ladder = List.of(step("due+1d", ActionKind.SMS), step("due+5d", ActionKind.EMAIL),
                step("due+5d", ActionKind.CALL_TASK), step("due+9d", ActionKind.SMS));
        Ladders.Due due = Ladders.due(ladder, day(6), DUE, day(6), null, null);
        assertThat(numbers(due)).containsExactly(2, 3);
        assertThat(due.planned()).allSatisfy(p -> assertThat(p.scheduledOn()).isEqualTo(day(5)));
        assertThat(due.skipped()).containsExactly(1);
        assertThat(due.nextStepOn()).isEqualTo(day(9));
    }

    @Test
    void escalation_withANoticeFiveDaysOld_isPlanned() {
        Ladders.Due due = Ladders.due(LADDER, day(30), DUE, day(-3), day(20), day(20));
        assertThat(numbers(due)).containsExactly(6);
        assertThat(due.planned().getFirst().noticeBeforeEscalation()).isFalse();
        assertThat(due.waitingForNotice()).isFalse();
    }

    @Test
    void escalation_whoseNoticeIsTooRecent_waitsUntilTheNoticeIsFiveDaysOld() {
        // the letter of due+20d went out late, on due+28d
        Ladders.Due due = Ladders.due(LADDER, day(30), DUE, day(-3), day(20), day(28));
        assertThat(due.planned()).isEmpty();
        assertThat(due.waitingForNotice()).isTrue();
        assertThat(due.nextStepOn()).isEqualTo(day(33));
        Ladders.Due later = Ladders.due(LADDER, day(33), DUE, day(-3), day(20), day(28));
        assertThat(numbers(later)).containsExactly(6);
    }

    @Test
    void caseOpeningAfterAnEscalationDate_catchesUpToTheNoticeAndHoldsTheEscalation() {
        // the case opens on due+32d: the restriction of due+30d is due, but no notice was ever sent
        Ladders.Due due = Ladders.due(LADDER, day(32), DUE, day(32), null, null);
        assertThat(numbers(due)).containsExactly(5);
        assertThat(due.skipped()).containsExactly(1, 2, 3, 4);
        assertThat(due.waitingForNotice()).isTrue();
        Ladders.Due later = Ladders.due(LADDER, day(37), DUE, day(32), day(20), day(32));
        assertThat(numbers(later)).containsExactly(6);
    }

    @Test
    void onlyAnEscalationDueAndNoNoticeInTheCase_plansTheLatestNoticeOutOfTurn() {
        // the last planned step (due+25d) came from another ladder; no written notice was planned in the case
        Ladders.Due due = Ladders.due(LADDER, day(32), DUE, day(-3), day(25), null);
        assertThat(due.planned()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo(5);
            assertThat(p.step().action()).isEqualTo(ActionKind.LETTER);
            assertThat(p.scheduledOn()).isEqualTo(day(20));
            assertThat(p.noticeBeforeEscalation()).isTrue();
        });
        assertThat(due.waitingForNotice()).isTrue();
        assertThat(due.nextStepOn()).isEqualTo(day(37));
        // five days later the restriction goes ahead
        Ladders.Due later = Ladders.due(LADDER, day(37), DUE, day(-3), day(25), day(32));
        assertThat(numbers(later)).containsExactly(6);
        assertThat(later.skipped()).isEmpty();
    }

    @Test
    void escalationBlockedBesideOtherSteps_plansTheOthersAndReportsTheWait() {
        List<Step> ladder = List.of(step("due+1d", ActionKind.CALL_TASK), step("due+10d", ActionKind.RESTRICT_SERVICE),
                step("due+12d", ActionKind.MANUAL_REVIEW));
        Ladders.Due due = Ladders.due(ladder, day(12), DUE, day(12), null, null);
        assertThat(numbers(due)).containsExactly(3);
        assertThat(due.skipped()).containsExactly(1);
        assertThat(due.waitingForNotice()).isTrue();
    }

    @Test
    void escalationWithoutAnyNoticeInTheLadder_waitsRatherThanEscalatingBlind() {
        List<Step> ladder = List.of(step("due+1d", ActionKind.CALL_TASK), step("due+10d", ActionKind.LEGAL_REVIEW));
        Ladders.Due due = Ladders.due(ladder, day(10), DUE, day(1), day(1), null);
        assertThat(due.planned()).isEmpty();
        assertThat(due.waitingForNotice()).isTrue();
        assertThat(due.nextStepOn()).isNull();
    }

    @Test
    void preDueStep_isPlannedBeforeAnythingIsOverdue() {
        Ladders.Due due = Ladders.due(LADDER, day(-3), DUE, day(-3), null, null);
        assertThat(due.planned()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo(1);
            assertThat(p.scheduledOn()).isEqualTo(LocalDate.of(2026, 10, 29));
        });
        assertThat(Ladders.due(LADDER, day(-4), DUE, day(-4), null, null).planned()).isEmpty();
        assertThat(Ladders.due(LADDER, day(-4), DUE, day(-4), null, null).nextStepOn()).isEqualTo(day(-3));
    }

    @Test
    void openOffsets_countFromTheCaseOpening_andDueOffsetsNeedADueDate() {
        List<Step> ladder = List.of(step("open+0d", ActionKind.SMS), step("open+3d", ActionKind.EMAIL),
                step("due+5d", ActionKind.LETTER));
        LocalDate opened = LocalDate.of(2026, 11, 10);
        Ladders.Due first = Ladders.due(ladder, opened, DUE, opened, null, null);
        assertThat(numbers(first)).containsExactly(1);
        assertThat(first.skipped()).containsExactly(3);
        Ladders.Due withoutDue = Ladders.due(ladder, opened, null, opened, null, null);
        assertThat(numbers(withoutDue)).containsExactly(1);
        assertThat(withoutDue.skipped()).isEmpty();
        Ladders.Due third = Ladders.due(ladder, opened.plusDays(3), null, opened, opened, opened);
        assertThat(numbers(third)).containsExactly(2);
        assertThat(third.planned().getFirst().scheduledOn()).isEqualTo(opened.plusDays(3));
        assertThat(third.nextStepOn()).isNull();
    }

    @Test
    void controlLadder_keepsRequiredSteps_elseTheFirstPostDueNotice() {
        List<Step> withRequired = List.of(step("due-3d", ActionKind.SMS), required("due+1d", ActionKind.SMS),
                step("due+7d", ActionKind.CALL_TASK), required("due+20d", ActionKind.LETTER));
        assertThat(Ladders.controlLadder(withRequired)).extracting(s -> s.at().toString())
                .containsExactly("due+1d", "due+20d");
        assertThat(Ladders.controlLadder(LADDER)).singleElement().isEqualTo(LADDER.get(1));
        assertThat(Ladders.controlLadder(List.of(step("due+3d", ActionKind.CALL_TASK)))).isEmpty();
    }
}
