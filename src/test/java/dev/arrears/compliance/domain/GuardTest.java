package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Profile.RuleSetting;
import dev.arrears.compliance.domain.Profile.Window;
import dev.arrears.compliance.domain.Verdict.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static dev.arrears.compliance.domain.Requests.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the guard combines rules into one verdict: the strictest decision, its reasons, and one notBefore for all. */
class GuardTest {

    private static Requests regF() {
        return Requests.under("US-REGF").zones("America/New_York");
    }

    @Test
    void allowHasNoReasons() {
        Verdict verdict = regF().verdict();

        assertThat(verdict).isEqualTo(Verdict.ALLOW);
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.notBefore()).isNull();
    }

    @Test
    void blockListsEveryBlockingRuleInRuleOrder() {
        Verdict verdict = regF().flags(Flag.DISPUTE_OPEN, Flag.HAS_ATTORNEY, Flag.DECEASED).verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(Requests.rules(verdict)).containsExactly("US-REGF/attorney", "US-REGF/dispute", "US-REGF/hold");
        assertThat(verdict.reasons()).extracting(Verdict.Reason::citation)
                .containsExactly("12 CFR 1006.6(b)(2)", "FDCPA 809(b) (15 U.S.C. 1692g(b))",
                        "11 U.S.C. 362(a) (bankruptcy stay); Arrears policy HOLD-1 (deceased, hardship)");
    }

    @Test
    void blockWinsOverDeferAndListsOnlyTheBlockingRules() {
        // 07:00 in New York with a conversation yesterday, and an open dispute.
        Verdict verdict = regF().at("2026-04-13T11:00:00Z").flags(Flag.DISPUTE_OPEN)
                .history(call("2026-04-12T14:00:00Z", Outcome.CONVERSATION, "A")).verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.notBefore()).isNull();
        assertThat(Requests.rules(verdict)).containsExactly("US-REGF/dispute");
    }

    @Test
    void deferSatisfiesEveryDeferringRuleAtOnce() {
        // Sunday 2026-04-19 22:00 in New York; a conversation on the 13th blocks through the 19th, the window
        // reopens at 08:00 on the 20th, which both allow.
        Verdict verdict = regF().at("2026-04-20T02:00:00Z")
                .history(call("2026-04-13T14:00:00Z", Outcome.CONVERSATION, "A")).verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.DEFER);
        assertThat(verdict.notBefore()).isEqualTo(Instant.parse("2026-04-20T12:00:00Z"));
        assertThat(Requests.rules(verdict)).containsExactly("US-REGF/contact-window", "US-REGF/conversation-block");
    }

    @ParameterizedTest(name = "inconvenient {0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # The issue's example: 07:00 in New York, inconvenient until 13:00.
            00:00-13:00 | 2026-04-13T17:00:00Z
            -           | 2026-04-13T12:00:00Z
            """)
    void evaluatesTheExampleRequestOfTheIssue(String inconvenient, String notBefore) {
        Requests request = Requests.under("US-REGF").zones("America/New_York").at("2026-04-13T11:00:00Z")
                .address("+12125550100").optOut(dev.arrears.shared.Channel.EMAIL, "x@mail.com")
                .consents(dev.arrears.shared.Channel.SMS)
                .consented("2026-05-10T14:00:00Z", "2026-05-10T15:00:00Z")
                .history(new Attempt(dev.arrears.shared.Channel.CALL, Attempt.Direction.OUTBOUND,
                        Instant.parse("2026-04-06T14:00:00Z"), Outcome.NO_ANSWER, List.of("A"), "+12125550100"));
        if (inconvenient != null) {
            String[] range = inconvenient.split("-");
            request.inconvenient(range[0], range[1]);
        }

        Verdict verdict = request.verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.DEFER);
        assertThat(verdict.notBefore()).isEqualTo(Instant.parse(notBefore));
        assertThat(verdict.reasons().getFirst().rule()).isEqualTo("US-REGF/contact-window");
        assertThat(verdict.reasons().getFirst().citation()).isEqualTo("12 CFR 1006.6(b)(1)(i)");
    }

    @Test
    void refusesARequestForAnotherProfile() {
        Guard guard = Requests.SHIPPED.require("UK-FCA");

        assertThatThrownBy(() -> guard.evaluate(Requests.under("US-REGF").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("US-REGF");
    }

    @Test
    void aProfileMustApplyTheWindowAndHolds() {
        Window window = new Window(LocalTime.of(8, 0), LocalTime.of(21, 0), false);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"));

        assertThatThrownBy(() -> new Profile("X-TEST", 1, "test", window, zones,
                Map.of(RuleId.CONTACT_WINDOW, RuleSetting.cited("c"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hold");
        assertThatThrownBy(() -> new Window(LocalTime.of(21, 0), LocalTime.of(8, 0), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProfileMadeInCodeIsEvaluatedWithItsOwnCapsAndCitations() {
        Profile profile = new Profile("X-TEST", 3, "test", new Window(LocalTime.of(9, 0), LocalTime.of(17, 0), false),
                List.of(ZoneId.of("Europe/Paris")), Map.of(
                RuleId.CONTACT_WINDOW, RuleSetting.cited("window-cite"),
                RuleId.HOLD, RuleSetting.cited("hold-cite"),
                RuleId.SEVEN_IN_SEVEN, new RuleSetting("cap-cite", 1, 2, null)));
        ContactRequest request = new ContactRequest("X-TEST", dev.arrears.shared.Channel.CALL,
                Instant.parse("2026-04-13T10:00:00Z"), null, "A", null, null, null, false, null, null,
                List.of(call("2026-04-12T10:00:00Z", Outcome.NO_ANSWER, "A")));

        Verdict verdict = Guard.of(profile).evaluate(request);

        // One call allowed in 2 days: the call on the 12th frees the 14th, at 09:00 in Paris (07:00Z).
        assertThat(verdict.decision()).isEqualTo(Decision.DEFER);
        assertThat(verdict.notBefore()).isEqualTo(Instant.parse("2026-04-14T07:00:00Z"));
        assertThat(verdict.reasons()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("X-TEST/7-in-7");
            assertThat(r.citation()).isEqualTo("cap-cite");
        });
    }

    @ParameterizedTest(name = "{0} ~ {1} → {2}")
    @CsvSource({
            "+12125550100, +1 (212) 555-0100, true",
            "+1.212.555.0100, +12125550100, true",
            "+12125550100, +12125550101, false",
            "Ann@Mail.com, ann@mail.com, true",
            "ann.lee@mail.com, annlee@mail.com, false",
            "ann@mail.com, ann@mail.co, false"})
    void comparesAddressesAsPeopleWriteThem(String a, String b, boolean same) {
        assertThat(Addresses.same(a, b)).isEqualTo(same);
        assertThat(Addresses.same(b, a)).isEqualTo(same);
    }
}
