package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact window and inconvenient times: edges, daylight-saving days, several zones, consented times. */
class ContactWindowTest {

    private static Verdict call(String profile, String zones, String at) {
        Requests request = Requests.under(profile).at(at);
        if (!zones.isBlank()) {
            request.zones(zones.split(" "));
        }
        return request.verdict();
    }

    private static void assertVerdict(Verdict verdict, String decision, String notBefore) {
        assertThat(verdict.decision()).as(verdict.toString()).isEqualTo(Decision.valueOf(decision));
        assertThat(verdict.notBefore()).isEqualTo(notBefore == null ? null : Instant.parse(notBefore));
        if (verdict.decision() == Decision.DEFER) {
            assertThat(Requests.rules(verdict)).allMatch(r -> r.endsWith("/contact-window"));
        }
    }

    @ParameterizedTest(name = "{0} {1} at {2} → {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # New York in April is UTC-4: 08:00 local is 12:00Z and 21:00 local is 01:00Z.
            US-REGF      | America/New_York | 2026-04-13T12:00:00Z | ALLOW | -
            US-REGF      | America/New_York | 2026-04-13T11:59:59Z | DEFER | 2026-04-13T12:00:00Z
            US-REGF      | America/New_York | 2026-04-13T11:00:00Z | DEFER | 2026-04-13T12:00:00Z
            US-REGF      | America/New_York | 2026-04-14T00:59:59Z | ALLOW | -
            US-REGF      | America/New_York | 2026-04-14T01:00:00Z | DEFER | 2026-04-14T12:00:00Z
            US-CREDITOR  | America/New_York | 2026-04-14T01:00:00Z | DEFER | 2026-04-14T12:00:00Z
            # US spring forward, 2026-03-08 02:00 EST → 03:00 EDT: the evening before closes at 21:00 EST, the day opens at 08:00 EDT.
            US-REGF      | America/New_York | 2026-03-08T01:59:59Z | ALLOW | -
            US-REGF      | America/New_York | 2026-03-08T02:00:00Z | DEFER | 2026-03-08T12:00:00Z
            US-REGF      | America/New_York | 2026-03-08T07:00:00Z | DEFER | 2026-03-08T12:00:00Z
            US-REGF      | America/New_York | 2026-03-08T11:59:59Z | DEFER | 2026-03-08T12:00:00Z
            US-REGF      | America/New_York | 2026-03-08T12:00:00Z | ALLOW | -
            US-REGF      | America/New_York | 2026-03-09T00:59:59Z | ALLOW | -
            US-REGF      | America/New_York | 2026-03-09T01:00:00Z | DEFER | 2026-03-09T12:00:00Z
            # US fall back, 2026-11-01 02:00 EDT → 01:00 EST: the evening before closes at 21:00 EDT, the day opens at 08:00 EST.
            US-REGF      | America/New_York | 2026-11-01T01:00:00Z | DEFER | 2026-11-01T13:00:00Z
            US-REGF      | America/New_York | 2026-11-01T12:59:59Z | DEFER | 2026-11-01T13:00:00Z
            US-REGF      | America/New_York | 2026-11-01T13:00:00Z | ALLOW | -
            US-REGF      | America/New_York | 2026-11-02T01:59:59Z | ALLOW | -
            US-REGF      | America/New_York | 2026-11-02T02:00:00Z | DEFER | 2026-11-02T13:00:00Z
            US-REGF      | America/Los_Angeles | 2026-11-01T15:59:59Z | DEFER | 2026-11-01T16:00:00Z
            # UK: BST starts 2026-03-29 01:00 GMT and ends 2026-10-25 02:00 BST.
            UK-FCA       | Europe/London    | 2026-03-28T20:59:59Z | ALLOW | -
            UK-FCA       | Europe/London    | 2026-03-28T21:00:00Z | DEFER | 2026-03-29T07:00:00Z
            UK-FCA       | Europe/London    | 2026-03-29T06:59:59Z | DEFER | 2026-03-29T07:00:00Z
            UK-FCA       | Europe/London    | 2026-03-29T07:00:00Z | ALLOW | -
            UK-FCA       | Europe/London    | 2026-03-29T19:59:59Z | ALLOW | -
            UK-FCA       | Europe/London    | 2026-03-29T20:00:00Z | DEFER | 2026-03-30T07:00:00Z
            UK-FCA       | Europe/London    | 2026-10-24T20:00:00Z | DEFER | 2026-10-25T08:00:00Z
            UK-FCA       | Europe/London    | 2026-10-25T07:59:59Z | DEFER | 2026-10-25T08:00:00Z
            UK-FCA       | Europe/London    | 2026-10-25T08:00:00Z | ALLOW | -
            UK-FCA       | Europe/London    | 2026-10-25T21:00:00Z | DEFER | 2026-10-26T08:00:00Z
            # No zone known: the profile's default zones (UK: Europe/London).
            UK-FCA       |                  | 2026-04-13T06:59:59Z | DEFER | 2026-04-13T07:00:00Z
            # Shanghai is UTC+8 all year: CN-NIFA and CN-BANK close at 22:00 (14:00Z), CN-NIFA-2018 at 21:00 (13:00Z).
            CN-NIFA      |                  | 2026-04-13T00:00:00Z | ALLOW | -
            CN-NIFA      |                  | 2026-04-12T23:59:59Z | DEFER | 2026-04-13T00:00:00Z
            CN-NIFA      |                  | 2026-04-13T13:59:59Z | ALLOW | -
            CN-NIFA      |                  | 2026-04-13T14:00:00Z | DEFER | 2026-04-14T00:00:00Z
            CN-BANK      |                  | 2026-04-13T14:00:00Z | DEFER | 2026-04-14T00:00:00Z
            CN-NIFA-2018 |                  | 2026-04-13T12:59:59Z | ALLOW | -
            CN-NIFA-2018 |                  | 2026-04-13T13:00:00Z | DEFER | 2026-04-14T00:00:00Z
            # Two zones: inside the window in both. April: New York 12:00Z-01:00Z, Los Angeles 15:00Z-04:00Z.
            US-REGF      | America/New_York America/Los_Angeles | 2026-04-13T13:00:00Z | DEFER | 2026-04-13T15:00:00Z
            US-REGF      | America/New_York America/Los_Angeles | 2026-04-13T15:00:00Z | ALLOW | -
            US-REGF      | America/New_York America/Los_Angeles | 2026-04-14T00:59:59Z | ALLOW | -
            US-REGF      | America/New_York America/Los_Angeles | 2026-04-14T01:00:00Z | DEFER | 2026-04-14T15:00:00Z
            # London and New York between the US and the UK changes (2026-03-20): 12:00Z-21:00Z; after both (03-30): 12:00Z-20:00Z.
            UK-FCA       | Europe/London America/New_York | 2026-03-20T11:00:00Z | DEFER | 2026-03-20T12:00:00Z
            UK-FCA       | Europe/London America/New_York | 2026-03-20T20:59:59Z | ALLOW | -
            UK-FCA       | Europe/London America/New_York | 2026-03-20T21:00:00Z | DEFER | 2026-03-21T12:00:00Z
            UK-FCA       | Europe/London America/New_York | 2026-03-30T20:00:00Z | DEFER | 2026-03-31T12:00:00Z
            # No zone known in the US: all seven default zones, 18:00Z (08:00 Honolulu) to 01:00Z (21:00 New York).
            US-REGF      |                  | 2026-04-13T17:59:59Z | DEFER | 2026-04-13T18:00:00Z
            US-REGF      |                  | 2026-04-13T18:00:00Z | ALLOW | -
            US-REGF      |                  | 2026-04-14T00:59:59Z | ALLOW | -
            US-REGF      |                  | 2026-04-14T01:00:00Z | DEFER | 2026-04-14T18:00:00Z
            """)
    void keepsTheWindowInEveryZone(String profile, String zones, String at, String decision, String notBefore) {
        assertVerdict(call(profile, zones == null ? "" : zones, at), decision, notBefore);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z"})
    void blocksWhenTheZonesShareNoWindowHour(String at) {
        // London, Shanghai and Los Angeles are eight hours apart from each other: no hour is 08:00-21:00 in all three.
        Verdict verdict = call("UK-FCA", "Europe/London Asia/Shanghai America/Los_Angeles", at);

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(Requests.rules(verdict)).containsExactly("UK-FCA/contact-window");
        assertThat(verdict.reasons().getFirst().message()).contains("No moment in the next 14 days")
                .contains("Europe/London, Asia/Shanghai, America/Los_Angeles");
    }

    @Test
    void lettersIgnoreTheWindow() {
        Verdict verdict = Requests.under("US-REGF").zones("America/New_York").channel(Channel.LETTER)
                .at("2026-04-13T07:00:00Z").verdict();

        assertThat(verdict).isEqualTo(Verdict.ALLOW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SMS", "EMAIL", "PUSH", "VISIT", "CALL"})
    void everyOtherChannelKeepsTheWindow(Channel channel) {
        Verdict verdict = Requests.under("UK-FCA").channel(channel).at("2026-04-13T06:00:00Z").verdict();

        assertVerdict(verdict, "DEFER", "2026-04-13T07:00:00Z");
    }

    @Test
    void defersWithAMessageNamingTheLocalTimeAndTheZone() {
        Verdict verdict = call("US-REGF", "America/New_York", "2026-04-13T11:59:59Z");

        assertThat(verdict.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.citation()).isEqualTo("12 CFR 1006.6(b)(1)(i)");
            assertThat(reason.message()).contains("07:59 in America/New_York").contains("08:00 to 21:00");
        });
    }

    @ParameterizedTest(name = "{0} at {1} consented {2}..{3} → {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # 23:00 in Shanghai, inside the consented time: CN-BANK allows it, CN-NIFA does not honour consent.
            CN-BANK | 2026-04-13T15:00:00Z | 2026-04-13T14:30:00Z | 2026-04-13T16:00:00Z | ALLOW | -
            CN-NIFA | 2026-04-13T15:00:00Z | 2026-04-13T14:30:00Z | 2026-04-13T16:00:00Z | DEFER | 2026-04-14T00:00:00Z
            # The consented time is half-open: its end is outside it.
            CN-BANK | 2026-04-13T16:00:00Z | 2026-04-13T14:30:00Z | 2026-04-13T16:00:00Z | DEFER | 2026-04-14T00:00:00Z
            # A consented time opening before the window does defers to it.
            CN-BANK | 2026-04-13T14:30:00Z | 2026-04-13T15:00:00Z | 2026-04-13T15:30:00Z | DEFER | 2026-04-13T15:00:00Z
            CN-BANK | 2026-04-13T22:00:00Z | 2026-04-13T23:00:00Z | 2026-04-13T23:30:00Z | DEFER | 2026-04-13T23:00:00Z
            CN-BANK | 2026-04-13T22:00:00Z | 2026-04-14T01:00:00Z | 2026-04-14T02:00:00Z | DEFER | 2026-04-14T00:00:00Z
            """)
    void cnBankAllowsConsentedTimesOutsideTheWindow(String profile, String at, String from, String to,
                                                    String decision, String notBefore) {
        Verdict verdict = Requests.under(profile).at(at).consented(from, to).verdict();

        assertVerdict(verdict, decision, notBefore);
    }

    @ParameterizedTest(name = "{0} {1}..{2} at {3} → {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # London in April is UTC+1. Working hours 09:00-17:00 are inconvenient.
            Europe/London | 09:00 | 17:00 | 2026-04-13T07:00:00Z | ALLOW | -
            Europe/London | 09:00 | 17:00 | 2026-04-13T08:00:00Z | DEFER | 2026-04-13T16:00:00Z
            Europe/London | 09:00 | 17:00 | 2026-04-13T15:59:59Z | DEFER | 2026-04-13T16:00:00Z
            Europe/London | 09:00 | 17:00 | 2026-04-13T16:00:00Z | ALLOW | -
            # A range past midnight (20:00-09:00): the evening is inconvenient before the window closes.
            Europe/London | 20:00 | 09:00 | 2026-04-13T07:30:00Z | DEFER | 2026-04-13T08:00:00Z
            Europe/London | 20:00 | 09:00 | 2026-04-13T18:59:59Z | ALLOW | -
            Europe/London | 20:00 | 09:00 | 2026-04-13T19:00:00Z | DEFER | 2026-04-14T08:00:00Z
            # Two zones: the range is avoided in both. Window 12:00Z-20:00Z; 12:00-14:00 is 11-13Z in London, 16-18Z in New York.
            Europe/London America/New_York | 12:00 | 14:00 | 2026-04-13T12:00:00Z | DEFER | 2026-04-13T13:00:00Z
            Europe/London America/New_York | 12:00 | 14:00 | 2026-04-13T13:00:00Z | ALLOW | -
            Europe/London America/New_York | 12:00 | 14:00 | 2026-04-13T16:30:00Z | DEFER | 2026-04-13T18:00:00Z
            """)
    void ukInconvenientTimesShrinkTheWindow(String zones, String from, String to, String at, String decision,
                                            String notBefore) {
        Verdict verdict = Requests.under("UK-FCA").zones(zones.split(" ")).inconvenient(from, to).at(at).verdict();

        assertThat(verdict.decision()).as(verdict.toString()).isEqualTo(Decision.valueOf(decision));
        assertThat(verdict.notBefore()).isEqualTo(notBefore == null ? null : Instant.parse(notBefore));
        if (verdict.decision() == Decision.DEFER) {
            assertThat(Requests.rules(verdict)).contains("UK-FCA/inconvenient-time");
        }
    }

    @Test
    void defersPastAnInconvenientWindowOpeningCitingBothRules() {
        // 07:00 in London: the window opens at 08:00, but 08:00-10:00 is inconvenient.
        Verdict verdict = Requests.under("UK-FCA").zones("Europe/London").inconvenient("08:00", "10:00")
                .at("2026-04-13T06:00:00Z").verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.DEFER);
        assertThat(verdict.notBefore()).isEqualTo(Instant.parse("2026-04-13T09:00:00Z"));
        assertThat(Requests.rules(verdict)).containsExactly("UK-FCA/contact-window", "UK-FCA/inconvenient-time");
        assertThat(verdict.reasons().get(1).message()).contains("from 08:00 to 10:00").contains("08:00 in Europe/London");
        assertThat(verdict.reasons().get(1).citation()).isEqualTo("CONC 7.9.4R");
    }

    @Test
    void blocksWhenInconvenientTimesCoverTheWholeWindow() {
        Verdict verdict = Requests.under("UK-FCA").zones("Europe/London").inconvenient("07:00", "22:00")
                .at("2026-04-13T10:00:00Z").verdict();

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.notBefore()).isNull();
        assertThat(verdict.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.message())
                .contains("No moment in the next 45 days satisfies every rule"));
    }

    @Test
    void inconvenientTimesAreNotAppliedWhereTheProfileHasNoSuchRule() {
        // CN profiles do not apply inconvenient-time: 10:00 in Shanghai is fine.
        Verdict verdict = Requests.under("CN-NIFA").inconvenient("09:00", "17:00").at("2026-04-13T02:00:00Z")
                .verdict();

        assertThat(verdict).isEqualTo(Verdict.ALLOW);
    }
}
