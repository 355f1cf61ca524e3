package dev.arrears.contact.dispatch.domain;

import dev.arrears.cycle.CaseViews.ActionState;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules of dispatch as tables: stopping, backoff, token buckets, priority, addresses, countries. */
class DispatchRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate ANCHOR = LocalDate.of(2026, 10, 20);

    private static CurrentState state(long balance, long overdue, LocalDate oldestOpenDue, int episodes) {
        return new CurrentState(1, 1, ProductLine.TELECOM_POSTPAID, AccountStatus.ACTIVE, "CNY",
                ZoneId.of("Asia/Shanghai"), TODAY, balance, overdue, overdue > 0 ? oldestOpenDue : null, oldestOpenDue,
                null, episodes);
    }

    private static ActionState action(String state, String caseStatus, String ladder, boolean promise,
                                      boolean dispute) {
        return new ActionState(1, state, 1, caseStatus, ANCHOR, ladder, promise, dispute);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            still overdue                      | 10000 | 10000 | 2026-10-20 | QUEUED    | OPEN   | ACTIVE  | false | false | null
            paid in full                       | 0     | 0     | null       | QUEUED    | OPEN   | ACTIVE  | false | false | paid: nothing overdue
            overdue paid, next bill not due    | 5000  | 0     | 2026-12-20 | QUEUED    | OPEN   | ACTIVE  | false | false | paid: nothing overdue
            pre-due reminder, bill still open  | 5000  | 0     | 2026-10-20 | QUEUED    | OPEN   | ACTIVE  | false | false | null
            stale row: due date passed since   | 5000  | 0     | 2026-11-01 | QUEUED    | OPEN   | ACTIVE  | false | false | null
            cancelled by the cycle             | 10000 | 10000 | 2026-10-20 | CANCELLED | OPEN   | ACTIVE  | false | false | planned action CANCELLED
            case closed                        | 10000 | 10000 | 2026-10-20 | QUEUED    | CLOSED | ACTIVE  | false | false | case closed
            ladder paused                      | 10000 | 10000 | 2026-10-20 | QUEUED    | OPEN   | STOPPED | false | false | ladder paused (stopWhen)
            promise                            | 10000 | 10000 | 2026-10-20 | QUEUED    | OPEN   | ACTIVE  | true  | false | hold: promise to pay active
            dispute                            | 10000 | 10000 | 2026-10-20 | QUEUED    | OPEN   | ACTIVE  | false | true  | hold: dispute open
            """)
    void stopsWhenPaidClosedOrHeld(String situation, long balance, long overdue, LocalDate oldestOpenDue,
                                   String actionState, String caseStatus, String ladder, boolean promise,
                                   boolean dispute, String expected) {
        assertThat(Dunning.stop(state(balance, overdue, oldestOpenDue, 0),
                action(actionState, caseStatus, ladder, promise, dispute), TODAY)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            plan hold: the ladder pauses, the reminder goes | 10000 | QUEUED    | OPEN   | ACTIVE  | true  | false | null
            ladder paused by stopWhen                       | 10000 | QUEUED    | OPEN   | STOPPED | false | false | null
            nothing overdue: the owner decides              | 0     | QUEUED    | OPEN   | ACTIVE  | false | false | null
            case closed as cured: the owner decides         | 0     | QUEUED    | CLOSED | ACTIVE  | false | false | null
            dispute still holds it                          | 10000 | QUEUED    | OPEN   | ACTIVE  | true  | true  | hold: dispute open
            settled elsewhere                               | 10000 | CANCELLED | OPEN   | ACTIVE  | true  | false | planned action CANCELLED
            """)
    void anotherModulesContactPassesTheLadderHolds(String situation, long overdue, String actionState,
                                                   String caseStatus, String ladder, boolean promise,
                                                   boolean dispute, String expected) {
        ActionState reminder = new ActionState(1, actionState, 1, caseStatus, ANCHOR, ladder, promise, dispute,
                "plan:7:instalment:1:before");
        assertThat(Dunning.stop(state(overdue, overdue, overdue > 0 ? ANCHOR : null, 0), reminder, TODAY))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "retry {0}, draw {1}: {2} s")
    @CsvSource({
            "1, 0.0, 30", "1, 0.999, 15.015", "2, 0.0, 60", "3, 0.5, 90", "7, 0.0, 1920", "8, 0.0, 3600",
            "40, 0.0, 3600", "40, 0.5, 2700"})
    void backoffDoublesUpToTheCapLessItsJitter(int retry, double draw, double seconds) {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.5, 6);

        assertThat(backoff.delay(retry, draw)).isEqualTo(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @ParameterizedTest(name = "{0} attempts exhausted: {1}")
    @CsvSource({"5, false", "6, true", "7, true"})
    void backoffGivesUpAfterMaxAttempts(int attempts, boolean exhausted) {
        assertThat(new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.5, 6).exhausted(attempts))
                .isEqualTo(exhausted);
    }

    @Test
    void tokenBucketHoldsASteadyTakerToTheRate() {
        long second = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(100, 100, 0);

        assertThat(bucket.take(100, 0)).as("a full bucket serves its burst at once").isZero();
        assertThat(bucket.take(50, 0)).as("50 more wait half a second").isEqualTo(second / 2);
        assertThat(bucket.take(50, second)).as("a second later the debt is paid and 50 are there").isZero();
        assertThat(bucket.take(50, second)).as("the next 50 wait half a second").isEqualTo(second / 2);
        assertThat(bucket.take(1, 10 * second)).as("an idle bucket refills only to its burst").isZero();
        assertThat(bucket.take(100, 10 * second)).isEqualTo(second / 100);
    }

    @ParameterizedTest(name = "overdue {0}, due {1}, risk {2}‰: {3}")
    @CsvSource({
            "10000, 2026-11-22, 1000, 5166", "10000, 2026-10-20, 1000, 10666", "10000, 2026-10-20, 1400, 14933",
            "10000, 2026-01-01, 600, 21000", "0, 2026-11-30, 1400, 0"})
    void callPriorityGrowsWithAmountRiskAndAge(long overdue, LocalDate due, int risk, long priority) {
        assertThat(CallPriority.of(state(overdue + 1000, overdue, due, 0), risk, TODAY)).isEqualTo(priority);
    }

    @Test
    void channelUsesTheFirstPointOfItsKindNotOptedOut() {
        ContactPoint optedOut = new ContactPoint(ContactKind.PHONE, "+8613800000001", Set.of(Channel.SMS),
                Set.of(Channel.SMS));
        ContactPoint second = new ContactPoint(ContactKind.PHONE, "+8613800000002", Set.of(Channel.SMS), Set.of());
        ContactPoint mail = new ContactPoint(ContactKind.EMAIL, "a@example.cn", Set.of(), Set.of());

        assertThat(Addresses.pick(List.of(optedOut, second, mail), Channel.SMS)).isEqualTo(second);
        assertThat(Addresses.pick(List.of(optedOut, mail), Channel.SMS)).as("the guard will cite the opt-out")
                .isEqualTo(optedOut);
        assertThat(Addresses.pick(List.of(optedOut, second), Channel.EMAIL)).isNull();
        assertThat(Addresses.pick(List.of(optedOut, second), Channel.CALL)).isEqualTo(optedOut);
    }
}
