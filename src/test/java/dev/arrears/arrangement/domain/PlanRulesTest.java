package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import dev.arrears.arrangement.domain.PlanRules.Policy;
import dev.arrears.arrangement.domain.PlanRules.Request;
import dev.arrears.arrangement.domain.PlanRules.State;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Policy POLICY = new Policy(6, 10, 5_000, 0, 3);

    @Test
    void schedule_isTheDownPaymentThenEqualInstalmentsWithTheOddUnitsLast() {
        Request r = new Request(100_001, 10_001, 3, Frequency.MONTHLY, LocalDate.of(2026, 12, 31), TODAY);
        List<Instalment> s = PlanRules.schedule(r, POLICY);
        assertThat(s).containsExactly(new Instalment(0, TODAY, 10_001),
                new Instalment(1, LocalDate.of(2026, 12, 31), 30_000),
                new Instalment(2, LocalDate.of(2027, 1, 31), 30_000),
                new Instalment(3, LocalDate.of(2027, 2, 28), 30_000));
        Request odd = new Request(100_000, 10_000, 7, Frequency.WEEKLY, TODAY.plusDays(7), TODAY);
        List<Instalment> weekly = PlanRules.schedule(odd, new Policy(12, 10, 100, 700, 3));
        assertThat(weekly.stream().mapToLong(Instalment::amountMinor).sum()).isEqualTo(100_700);
        assertThat(weekly.getLast().amountMinor()).isEqualTo(90_700 - 12_957 * 6);
        assertThat(weekly.get(2).dueOn()).isEqualTo(TODAY.plusDays(14));
        assertThat(Frequency.BIWEEKLY.due(TODAY, 3)).isEqualTo(TODAY.plusWeeks(4));
    }

    @ParameterizedTest(name = "down {0} on {1} -> {2}")
    @CsvSource(textBlock = """
            # 10 % of what the plan covers, rounded up, at least; less than all of it
            30000,  300000, ''
            299999, 300000, ''
            29999,  300000, problem.plan.downAtLeast
            300000, 300000, problem.plan.downBelowBalance
            20000,  200000, ''
            19999,  200000, problem.plan.downAtLeast
            1,      1,      problem.plan.downBelowBalance
            """)
    void checkDown_isAtLeastTheSmallestShareAndLessThanWhatIsCovered(long down, long covered, String expected) {
        List<FieldError> errors = PlanRules.checkDown("/downPayment", down, covered, POLICY);
        assertThat(errors.stream().map(FieldError::code).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
        errors.forEach(e -> assertThat(e.pointer()).isEqualTo("/downPayment"));
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource(textBlock = """
            WEEKLY,   2026-11-23, 2026-11-30
            BIWEEKLY, 2026-11-23, 2026-12-07
            MONTHLY,  2026-11-23, 2026-12-23
            # the same day next month, or that month's last day
            MONTHLY,  2027-01-31, 2027-02-28
            MONTHLY,  2026-07-31, 2026-08-31
            """)
    void firstDue_isOnePeriodOn(Frequency frequency, LocalDate today, LocalDate expected) {
        assertThat(PlanRules.firstDue(frequency, today)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "covers {0} of {1} -> {2}")
    @CsvSource(textBlock = """
            100000, 300000, ''
            300000, 300000, ''
            1,      300000, ''
            0,      300000, problem.plan.coveredPositive
            -500,   300000, problem.plan.coveredPositive
            300001, 300000, problem.plan.coveredAtMostBalance
            """)
    void checkCovered_isMoreThanZeroAndAtMostTheBalance(long covered, long balance, String expected) {
        List<FieldError> errors = PlanRules.checkCovered("/coveredAmount", covered, balance);
        assertThat(errors.stream().map(FieldError::code).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
        errors.forEach(e -> assertThat(e.pointer()).isEqualTo("/coveredAmount"));
    }

    @ParameterizedTest(name = "overdue {0}, plan {1}, paid {2}, partial {3} -> outside {4}, paused {5}")
    @CsvSource(textBlock = """
            # a plan of 2000.00 over part of 3000.00 all overdue: 1000.00 overdue outside it, whatever is paid
            300000, 200000, 0,      true,  100000, false
            200000, 200000, 100000, true,  100000, false
            # the same plan when the rest is not due yet: paused until it falls due
            200000, 200000, 0,      true,  0,      true
            150000, 200000, 50000,  true,  0,      true
            250000, 200000, 50000,  true,  100000, false
            # the plan paid in full (it completes): everything overdue is outside it
            50000,  200000, 200000, true,  50000,  false
            # a plan over the whole balance pauses even when bills issued since are overdue
            350000, 300000, 0,      false, 50000,  true
            """)
    void aPartialPlanPausesTheLadderOnlyWhileNothingIsOverdueOutsideIt(long overdue, long planTotal, long paid,
                                                                         boolean partial, long outside,
                                                                         boolean paused) {
        assertThat(PlanRules.overdueOutside(overdue, planTotal, paid)).isEqualTo(outside);
        assertThat(PlanRules.pausesLadder(partial, outside)).isEqualTo(paused);
    }

    @ParameterizedTest(name = "{0} instalments, down {1}, first +{2}d -> {3}")
    @CsvSource(textBlock = """
            # balance 100000, min down 10% = 10000, min instalment 5000, at most 6
            3, 10000, 30, ''
            6, 10000, 1,  ''
            1, 99999, 31, ''
            7, 10000, 30, /instalments
            0, 10000, 30, /instalments
            3, 9999,  30, /downPayment
            3, 100000, 30, /downPayment
            3, 10000, 0,  /firstDueDate
            3, 10000, 32, /firstDueDate
            6, 75000, 30, /instalments
            """)
    void check_appliesTheProductLinesRules(int instalments, long down, int firstInDays, String expected) {
        List<FieldError> errors = PlanRules.check(new Request(100_000, down, instalments, Frequency.MONTHLY,
                TODAY.plusDays(firstInDays), TODAY), POLICY);
        assertThat(errors.stream().map(FieldError::pointer).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
    }

    @Test
    void minDown_roundsUp() {
        assertThat(PlanRules.minDown(100_001, POLICY)).isEqualTo(10_001);
        assertThat(PlanRules.minDown(100_000, POLICY)).isEqualTo(10_000);
    }

    @ParameterizedTest(name = "paid {0} on {1} -> {2} ({3} covered)")
    @CsvSource(textBlock = """
            # schedule: 10000 today (11-23), 30000 on 12-23, 30000 on 2027-01-23; grace 3 days
            0,     2026-11-26, ACTIVE,    0
            0,     2026-11-27, DEFAULTED, 0
            10000, 2026-12-26, ACTIVE,    1
            39999, 2026-12-27, DEFAULTED, 1
            40000, 2027-01-26, ACTIVE,    2
            70000, 2026-11-23, COMPLETED, 3
            90000, 2027-05-01, COMPLETED, 3
            """)
    void standing_coversOldestFirstAndDefaultsAfterGrace(long paid, LocalDate today, State state, int covered) {
        List<Instalment> schedule = List.of(new Instalment(0, TODAY, 10_000),
                new Instalment(1, LocalDate.of(2026, 12, 23), 30_000),
                new Instalment(2, LocalDate.of(2027, 1, 23), 30_000));
        var s = PlanRules.standing(schedule, paid, 3, today);
        assertThat(s.state()).isEqualTo(state);
        assertThat(s.covered()).isEqualTo(covered);
    }

    @Test
    void aGradesLimitsTightenThePolicy_neverLoosenIt() {
        PlanRules.Policy line = new PlanRules.Policy(6, 10, 5_000, 0, 3);
        assertThat(PlanRules.forGrade(line, new PlanRules.GradeLimits(3, 30)))
                .isEqualTo(new PlanRules.Policy(3, 30, 5_000, 0, 3));
        assertThat(PlanRules.forGrade(line, new PlanRules.GradeLimits(12, 5))).isEqualTo(line);
        assertThat(PlanRules.forGrade(line, new PlanRules.GradeLimits(0, 20)))
                .isEqualTo(new PlanRules.Policy(6, 20, 5_000, 0, 3));
        assertThat(PlanRules.forGrade(line, null)).isEqualTo(line);
    }
}
