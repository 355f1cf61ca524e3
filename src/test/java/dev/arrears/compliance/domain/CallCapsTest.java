package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;

import static dev.arrears.compliance.domain.Requests.call;
import static dev.arrears.compliance.domain.Requests.callTo;
import static dev.arrears.compliance.domain.Requests.inbound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting rules: Reg F's 7-in-7 and conversation block, Massachusetts' 2 calls in 7 days, the CN daily caps.
 * US cases are in New York (UTC-4 in April: 08:00 local is 12:00Z); CN cases in Shanghai (08:00 is 00:00Z).
 */
class CallCapsTest {

    /** The proposed call: Monday 2026-04-13 11:00 in New York. */
    private static final String MONDAY = "2026-04-13T15:00:00Z";

    /** Returns outbound calls about debt A at 10:00 New York time on the given April days. */
    private static Attempt[] callsOn(Outcome outcome, int... aprilDays) {
        return Arrays.stream(aprilDays)
                .mapToObj(d -> call("2026-04-%02dT14:00:00Z".formatted(d), outcome, "A"))
                .toArray(Attempt[]::new);
    }

    private static int[] days(String list) {
        return Arrays.stream(list.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static Requests regF() {
        return Requests.under("US-REGF").zones("America/New_York").at(MONDAY);
    }

    private static void assertVerdict(Verdict verdict, String decision, String notBefore, String rule) {
        assertThat(verdict.decision()).as(verdict.toString()).isEqualTo(Decision.valueOf(decision));
        assertThat(verdict.notBefore()).isEqualTo(notBefore == null ? null : Instant.parse(notBefore));
        if (rule != null) {
            assertThat(Requests.rules(verdict)).contains(rule);
        } else {
            assertThat(verdict.reasons()).isEmpty();
        }
    }

    // ---- 7-in-7 ----

    @ParameterizedTest(name = "calls on April {0} → {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # The window of the 13th is the 7th to the 13th; a day with room frees the next call at 08:00 local.
            7 8 9 10 11 12 13    | DEFER | 2026-04-14T12:00:00Z
            6 7 8 9 10 11 12     | ALLOW | -
            8 9 10 11 12 13      | ALLOW | -
            7 7 7 7 7 7 7        | DEFER | 2026-04-14T12:00:00Z
            13 13 13 13 13 13 13 | DEFER | 2026-04-20T12:00:00Z
            7 7 7 13 13 13 13    | DEFER | 2026-04-14T12:00:00Z
            7 7 8 13 13 13 13    | DEFER | 2026-04-14T12:00:00Z
            7 8 8 9 10 13 13 13  | DEFER | 2026-04-15T12:00:00Z
            7 8 9 10 11 12 13 13 | DEFER | 2026-04-15T12:00:00Z
            """)
    void sevenInSevenCountsTheProposedDayAndTheSixBefore(String aprilDays, String decision, String notBefore) {
        Verdict verdict = regF().history(callsOn(Outcome.NO_ANSWER, days(aprilDays))).verdict();

        assertVerdict(verdict, decision, notBefore, notBefore == null ? null : "US-REGF/7-in-7");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"NO_ANSWER, DEFER", "VOICEMAIL, DEFER", "WRONG_PARTY, DEFER", "NOT_CONNECTED, ALLOW"})
    void sevenInSevenCountsEveryOutcomeButNotConnected(Outcome outcome, Decision decision) {
        Verdict verdict = regF().history(callsOn(Outcome.NO_ANSWER, 8, 9, 10, 11, 12, 13))
                .history(callsOn(outcome, 7)).verdict();

        assertThat(verdict.decision()).isEqualTo(decision);
    }

    @Test
    void sevenInSevenIgnoresInboundCallsAndOtherDebts() {
        Requests request = regF().history(callsOn(Outcome.NO_ANSWER, 8, 9, 10, 11, 12, 13));

        assertThat(request.history(inbound("2026-04-07T14:00:00Z", Outcome.NO_ANSWER, "A"),
                call("2026-04-07T15:00:00Z", Outcome.NO_ANSWER, "B")).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(regF().debt("B").history(callsOn(Outcome.NO_ANSWER, 7, 8, 9, 10, 11, 12, 13)).verdict())
                .isEqualTo(Verdict.ALLOW);
        // A call about both debts counts for each.
        assertThat(request.history(call("2026-04-07T16:00:00Z", Outcome.VOICEMAIL, "A", "B")).verdict().decision())
                .isEqualTo(Decision.DEFER);
    }

    @ParameterizedTest(name = "oldest call at {0} → {1}")
    @CsvSource({
            // 23:30 on the 6th in New York is outside the window of the 13th; 00:00 on the 7th is inside it.
            "2026-04-07T03:30:00Z, ALLOW",
            "2026-04-07T03:59:59Z, ALLOW",
            "2026-04-07T04:00:00Z, DEFER"})
    void sevenInSevenCountsLocalCalendarDays(String oldest, Decision decision) {
        Verdict verdict = regF().history(callsOn(Outcome.NO_ANSWER, 8, 9, 10, 11, 12, 13))
                .history(call(oldest, Outcome.NO_ANSWER, "A")).verdict();

        assertThat(verdict.decision()).isEqualTo(decision);
    }

    @Test
    void sevenInSevenDoesNotLimitOtherChannels() {
        Verdict verdict = regF().channel(Channel.SMS).history(callsOn(Outcome.NO_ANSWER, 7, 8, 9, 10, 11, 12, 13))
                .verdict();

        assertThat(verdict).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void capAndWindowDeferTogetherToTheNextOpening() {
        // 21:30 on the 13th: the window opens at 08:00 on the 14th, the day the 7-in-7 count falls to 6.
        Verdict verdict = regF().at("2026-04-14T01:30:00Z")
                .history(callsOn(Outcome.NO_ANSWER, 7, 8, 9, 10, 11, 12, 13)).verdict();

        assertVerdict(verdict, "DEFER", "2026-04-14T12:00:00Z", "US-REGF/7-in-7");
        assertThat(Requests.rules(verdict)).containsExactly("US-REGF/contact-window", "US-REGF/7-in-7");
        assertThat(verdict.reasons().get(1).message()).contains("7 calls about debt A")
                .contains("2026-04-07 to 2026-04-13");
    }

    // ---- conversation block ----

    @ParameterizedTest(name = "at {0} → {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # A conversation on Friday the 10th (day 1) blocks calls about its debt through Thursday the 16th (day 7).
            2026-04-10T18:00:00Z | DEFER | 2026-04-17T12:00:00Z
            2026-04-13T15:00:00Z | DEFER | 2026-04-17T12:00:00Z
            2026-04-16T20:00:00Z | DEFER | 2026-04-17T12:00:00Z
            2026-04-17T03:59:59Z | DEFER | 2026-04-17T12:00:00Z
            2026-04-17T12:00:00Z | ALLOW | -
            """)
    void conversationBlocksItsDebtThroughTheSeventhDay(String at, String decision, String notBefore) {
        Verdict verdict = regF().at(at).history(call("2026-04-10T14:00:00Z", Outcome.CONVERSATION, "A")).verdict();

        assertVerdict(verdict, decision, notBefore, notBefore == null ? null : "US-REGF/conversation-block");
    }

    @ParameterizedTest(name = "debt {0} → {1}")
    @CsvSource({"A, DEFER", "B, DEFER", "C, ALLOW"})
    void conversationAboutTwoDebtsBlocksBothButNotAThird(String debt, Decision decision) {
        Verdict verdict = regF().debt(debt).history(inbound("2026-04-12T14:00:00Z", Outcome.CONVERSATION, "A", "B"))
                .verdict();

        assertThat(verdict.decision()).isEqualTo(decision);
        if (decision == Decision.DEFER) {
            assertThat(verdict.notBefore()).isEqualTo(Instant.parse("2026-04-19T12:00:00Z"));
            assertThat(Requests.rules(verdict)).containsExactly("US-REGF/conversation-block");
            assertThat(verdict.reasons().getFirst().message()).contains("debt " + debt).contains("2026-04-12");
        }
    }

    @Test
    void inboundConversationsBlockAndOtherOutcomesDoNot() {
        assertThat(regF().history(inbound("2026-04-13T13:00:00Z", Outcome.CONVERSATION, "A")).verdict().decision())
                .isEqualTo(Decision.DEFER);
        assertThat(regF().history(call("2026-04-13T13:00:00Z", Outcome.VOICEMAIL, "A"),
                call("2026-04-13T13:30:00Z", Outcome.WRONG_PARTY, "A")).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void conversationWithUnknownDebtsBlocksEveryDebt() {
        Verdict verdict = regF().debt("Z").history(call("2026-04-13T13:00:00Z", Outcome.CONVERSATION)).verdict();

        assertVerdict(verdict, "DEFER", "2026-04-20T12:00:00Z", "US-REGF/conversation-block");
    }

    @Test
    void conversationAndSevenInSevenDeferToTheLaterFreeDay() {
        // 7 calls on the 7th free the 14th; a conversation on the 12th blocks through the 18th.
        Verdict verdict = regF().history(callsOn(Outcome.NO_ANSWER, 7, 7, 7, 7, 7, 7))
                .history(call("2026-04-12T14:00:00Z", Outcome.CONVERSATION, "A")).verdict();

        assertVerdict(verdict, "DEFER", "2026-04-19T12:00:00Z", "US-REGF/conversation-block");
        assertThat(Requests.rules(verdict)).containsExactly("US-REGF/7-in-7", "US-REGF/conversation-block");
    }

    // ---- Massachusetts ----

    private static Requests creditor(String region) {
        return Requests.under("US-CREDITOR").zones("America/New_York").at(MONDAY).region(region);
    }

    @ParameterizedTest(name = "{0}, calls on April {1} → {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            US-MA | 7 10    | DEFER | 2026-04-14T12:00:00Z
            US-MA | 10 13   | DEFER | 2026-04-17T12:00:00Z
            US-MA | 6 10    | ALLOW | -
            US-MA | 13      | ALLOW | -
            US-NY | 7 10 13 | ALLOW | -
            -     | 7 10 13 | ALLOW | -
            """)
    void massachusettsResidentsGetTwoCallsInSevenDays(String region, String aprilDays, String decision,
                                                       String notBefore) {
        Verdict verdict = creditor(region).history(callsOn(Outcome.VOICEMAIL, days(aprilDays))).verdict();

        assertVerdict(verdict, decision, notBefore, notBefore == null ? null : "US-CREDITOR/ma-2-in-7");
    }

    @Test
    void massachusettsCountsCallsAboutEveryDebtButNotUnconnectedOnes() {
        Verdict otherDebts = creditor("US-MA").history(call("2026-04-08T14:00:00Z", Outcome.CONVERSATION, "B"),
                call("2026-04-09T14:00:00Z", Outcome.NO_ANSWER, "C")).verdict();
        Verdict unconnected = creditor("US-MA").history(call("2026-04-08T14:00:00Z", Outcome.NOT_CONNECTED, "A"),
                call("2026-04-09T14:00:00Z", Outcome.NO_ANSWER, "A")).verdict();

        assertVerdict(otherDebts, "DEFER", "2026-04-15T12:00:00Z", "US-CREDITOR/ma-2-in-7");
        assertThat(otherDebts.reasons().getFirst().citation()).isEqualTo("940 CMR 7.04(1)(f)");
        assertThat(unconnected).isEqualTo(Verdict.ALLOW);
    }

    // ---- CN caps ----

    private static Requests cn(String profile) {
        // 14:00 in Shanghai on the 13th, calling +8613800138000.
        return Requests.under(profile).at("2026-04-13T06:00:00Z").address("+8613800138000");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CN-NIFA", "CN-NIFA-2018", "CN-BANK"})
    void cnAllowsThreeConnectedCallsPerDebtorPerDay(String profile) {
        Attempt first = callTo("+8613800138000", "2026-04-13T01:00:00Z", Outcome.CONVERSATION);
        Attempt second = callTo("+8613900139000", "2026-04-13T02:00:00Z", Outcome.WRONG_PARTY);
        Attempt third = callTo("+8613900139000", "2026-04-13T03:00:00Z", Outcome.CONVERSATION);

        assertThat(cn(profile).history(first, second).verdict()).isEqualTo(Verdict.ALLOW);
        Verdict capped = cn(profile).history(first, second, third).verdict();
        assertVerdict(capped, "DEFER", "2026-04-14T00:00:00Z", profile + "/cn-connected-calls");
        assertThat(Requests.rules(capped)).containsExactly(profile + "/cn-connected-calls");
        // The cap is per debtor: another number is capped too.
        assertThat(cn(profile).address("+8613700137000").history(first, second, third).verdict().decision())
                .isEqualTo(Decision.DEFER);
    }

    @ParameterizedTest(name = "third connected call at {0} → {1}")
    @CsvSource({
            // 23:59:59 on the 12th in Shanghai is another local day; 00:00 on the 13th is the same one.
            "2026-04-12T15:59:59Z, ALLOW",
            "2026-04-12T16:00:00Z, DEFER"})
    void cnCountsLocalDaysInShanghai(String third, Decision decision) {
        Verdict verdict = cn("CN-NIFA").history(callTo("+8613800138000", "2026-04-13T01:00:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", "2026-04-13T02:00:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", third, Outcome.CONVERSATION)).verdict();

        assertThat(verdict.decision()).isEqualTo(decision);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CN-NIFA", "CN-NIFA-2018", "CN-BANK"})
    void cnAllowsSixUnansweredAttemptsPerNumberPerDay(String profile) {
        Attempt[] five = {
                callTo("+8613800138000", "2026-04-13T00:10:00Z", Outcome.NO_ANSWER),
                callTo("+86 138-0013-8000", "2026-04-13T00:20:00Z", Outcome.VOICEMAIL),
                callTo("+8613800138000", "2026-04-13T00:30:00Z", Outcome.NOT_CONNECTED),
                callTo("+8613800138000", "2026-04-13T00:40:00Z", Outcome.NO_ANSWER),
                callTo("+8613800138000", "2026-04-13T00:50:00Z", Outcome.NO_ANSWER)};
        Attempt sixth = callTo("+8613800138000", "2026-04-13T01:00:00Z", Outcome.NO_ANSWER);

        assertThat(cn(profile).history(five).verdict()).isEqualTo(Verdict.ALLOW);
        Verdict capped = cn(profile).history(five).history(sixth).verdict();
        assertVerdict(capped, "DEFER", "2026-04-14T00:00:00Z", profile + "/cn-unanswered-calls");
        assertThat(capped.reasons().getFirst().message()).contains("6 call attempts to this number");
        // The cap is per number: the debtor's other number may still be called.
        assertThat(cn(profile).address("+8613900139000").history(five).history(sixth).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void cnCapsIgnoreInboundCallsAndOtherDays() {
        Attempt[] attempts = {
                inbound("2026-04-13T01:00:00Z", Outcome.CONVERSATION, "A"),
                inbound("2026-04-13T01:10:00Z", Outcome.CONVERSATION, "A"),
                inbound("2026-04-13T01:20:00Z", Outcome.CONVERSATION, "A"),
                callTo("+8613800138000", "2026-04-12T03:00:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", "2026-04-12T03:10:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", "2026-04-12T03:20:00Z", Outcome.CONVERSATION)};

        assertThat(cn("CN-NIFA").history(attempts).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void cnCapAtNightDefersToTheNextMorning() {
        // 22:30 on the 13th in Shanghai with the day's three connected calls: both the window and the cap say
        // 08:00 on the 14th.
        Verdict verdict = cn("CN-NIFA").at("2026-04-13T14:30:00Z").history(
                callTo("+8613800138000", "2026-04-13T01:00:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", "2026-04-13T02:00:00Z", Outcome.CONVERSATION),
                callTo("+8613800138000", "2026-04-13T03:00:00Z", Outcome.CONVERSATION)).verdict();

        assertVerdict(verdict, "DEFER", "2026-04-14T00:00:00Z", "CN-NIFA/cn-connected-calls");
        assertThat(Requests.rules(verdict)).containsExactly("CN-NIFA/contact-window", "CN-NIFA/cn-connected-calls");
    }
}
