package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.PlanReminderRules.Kind;
import dev.arrears.arrangement.domain.PlanReminderRules.Reminder;
import dev.arrears.arrangement.domain.PlanReminderRules.Timing;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When instalment reminders are planned and whether one may still go, as tables. */
class PlanReminderRulesTest {

    /** 300.00 down on 11-23, then 900.00 on 12-23, 01-23 and 02-23. */
    private static final List<Instalment> SCHEDULE = List.of(
            new Instalment(0, LocalDate.of(2026, 11, 23), 30_000),
            new Instalment(1, LocalDate.of(2026, 12, 23), 90_000),
            new Instalment(2, LocalDate.of(2027, 1, 23), 90_000),
            new Instalment(3, LocalDate.of(2027, 2, 23), 90_000));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            three days before the first                   | 2026-12-20 | 1 | 3 | false | 1 BEFORE
            four days before: not yet                     | 2026-12-19 | 1 | 3 | false | ''
            a missed cycle: the day before still reminds  | 2026-12-22 | 1 | 3 | false | 1 BEFORE
            the due date without the due-date reminder    | 2026-12-23 | 1 | 3 | false | ''
            the due date with it                          | 2026-12-23 | 1 | 3 | true  | 1 DUE
            only on the due date                          | 2026-12-20 | 1 | 0 | true  | ''
            only on the due date, that day                | 2026-12-23 | 1 | 0 | true  | 1 DUE
            covered instalments are not reminded of       | 2026-12-20 | 2 | 3 | false | ''
            the second                                    | 2027-01-21 | 1 | 3 | false | 2 BEFORE
            the down payment never                        | 2026-11-22 | 0 | 3 | true  | ''
            """)
    void remindersDueOnADate(String situation, LocalDate asOf, int covered, int daysBefore, boolean onDueDate,
                             String expected) {
        List<Reminder> due = PlanReminderRules.dueOn(SCHEDULE, covered, new Timing(daysBefore, onDueDate), asOf);
        assertThat(due.stream().map(r -> r.number() + " " + r.kind()).toList())
                .isEqualTo(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing paid beyond the down payment      | ACTIVE    | 30000  | 1 | BEFORE | 2026-12-20 | go 1/3 2026-12-23 90000 270000
            part of the instalment paid               | ACTIVE    | 50000  | 1 | BEFORE | 2026-12-20 | go 1/3 2026-12-23 70000 250000
            the instalment covered                    | ACTIVE    | 120000 | 1 | BEFORE | 2026-12-20 | paid: instalment 1 is covered
            paid ahead: the second covered too        | ACTIVE    | 210000 | 2 | BEFORE | 2027-01-20 | paid: instalment 2 is covered
            the plan completed                        | COMPLETED | 300000 | 3 | BEFORE | 2027-02-20 | plan completed
            the plan defaulted                        | DEFAULTED | 30000  | 2 | BEFORE | 2027-01-20 | plan defaulted
            the plan cancelled                        | CANCELLED | 30000  | 1 | BEFORE | 2026-12-20 | plan cancelled
            a reminder before, sent on the due date   | ACTIVE    | 30000  | 1 | BEFORE | 2026-12-23 | instalment 1 was due on 2026-12-23: reminder too late
            the due-date reminder on the due date     | ACTIVE    | 30000  | 1 | DUE    | 2026-12-23 | go 1/3 2026-12-23 90000 270000
            the due-date reminder a day late          | ACTIVE    | 30000  | 1 | DUE    | 2026-12-24 | instalment 1 was due on 2026-12-23: reminder too late
            no such instalment                        | ACTIVE    | 30000  | 7 | BEFORE | 2026-12-20 | instalment 7 is not in the plan
            """)
    void reviewAtHandOver(String situation, String planState, long paid, int number, Kind kind, LocalDate today,
                          String expected) {
        PlanReminderRules.Review r = PlanReminderRules.review(SCHEDULE, planState, paid, 100_000, number, kind,
                today);
        String actual = r.stop() != null ? r.stop() : "go " + r.number() + "/" + r.count() + " " + r.dueOn() + " "
                + r.amountMinor() + " " + r.remainingMinor();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void nothingOwedAnyMore_stops() {
        assertThat(PlanReminderRules.review(SCHEDULE, "ACTIVE", 30_000, 0, 1, Kind.BEFORE, LocalDate.of(2026, 12, 20))
                .stop()).isEqualTo("paid: nothing owed on the account");
    }

    @Test
    void refusesATimingOutOfRange() {
        assertThatThrownBy(() -> new Timing(-1, false)).hasMessageContaining("from 0 to 31");
        assertThat(Kind.ofKey(Kind.BEFORE.key())).isEqualTo(Kind.BEFORE);
    }
}
