package dev.arrears.compliance.profiles;

import dev.arrears.compliance.JurisdictionProfiles;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.RuleId;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped profiles as the issue lists them, overrides from a directory, and broken files named with their line. */
class ProfileFilesTest {

    private static final JurisdictionProfiles SHIPPED = JurisdictionProfiles.load(null);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            US-REGF      | 08:00 | 21:00 | false | America/New_York | contact-window inconvenient-time 7-in-7 conversation-block opt-out opt-out-line work-email attorney cease time-barred dispute hold third-party
            US-CREDITOR  | 08:00 | 21:00 | false | America/New_York | contact-window ma-2-in-7 opt-out consent dispute hold
            UK-FCA       | 08:00 | 21:00 | false | Europe/London    | contact-window inconvenient-time dispute breathing-space hold third-party
            CN-NIFA      | 08:00 | 22:00 | false | Asia/Shanghai    | contact-window dispute hold third-party cn-connected-calls cn-unanswered-calls
            CN-NIFA-2018 | 08:00 | 21:00 | false | Asia/Shanghai    | contact-window dispute hold third-party cn-connected-calls cn-unanswered-calls
            CN-BANK      | 08:00 | 22:00 | true  | Asia/Shanghai    | contact-window dispute hold third-party cn-connected-calls cn-unanswered-calls
            """)
    void shipsEveryProfileOfTheIssue(String id, String start, String end, boolean unlessConsented, String firstZone,
                                     String rules) {
        Profile profile = SHIPPED.require(id).profile();

        assertThat(profile.version()).isPositive();
        assertThat(profile.title()).isNotBlank();
        assertThat(profile.window().start()).isEqualTo(LocalTime.parse(start));
        assertThat(profile.window().end()).isEqualTo(LocalTime.parse(end));
        assertThat(profile.window().unlessConsented()).isEqualTo(unlessConsented);
        assertThat(profile.defaultZones().getFirst()).isEqualTo(ZoneId.of(firstZone));
        assertThat(profile.rules().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(rules.split(" ")).map(RuleId::ofSuffix).toList());
        assertThat(profile.rules().values()).allSatisfy(s -> assertThat(s.citation()).isNotBlank());
    }

    @Test
    void shipsTheUsDefaultZonesAndTheCaps() {
        assertThat(SHIPPED.ids()).containsExactlyInAnyOrder("US-REGF", "US-CREDITOR", "UK-FCA", "CN-NIFA",
                "CN-NIFA-2018", "CN-BANK");
        assertThat(SHIPPED.require("US-REGF").profile().defaultZones()).extracting(ZoneId::getId).containsExactly(
                "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
                "America/Anchorage", "Pacific/Honolulu");
        Profile regF = SHIPPED.require("US-REGF").profile();
        assertThat(regF.rules().get(RuleId.SEVEN_IN_SEVEN).limit()).isEqualTo(7);
        assertThat(regF.rules().get(RuleId.SEVEN_IN_SEVEN).days()).isEqualTo(7);
        assertThat(regF.rules().get(RuleId.CONVERSATION_BLOCK).days()).isEqualTo(7);
        assertThat(regF.rules().get(RuleId.DISPUTE).citation()).contains("809(b)");
        assertThat(SHIPPED.require("UK-FCA").profile().rules().get(RuleId.DISPUTE).citation())
                .isEqualTo("CONC 7.14.1R");
        assertThat(SHIPPED.require("CN-NIFA").profile().rules().get(RuleId.DISPUTE).citation()).contains("policy");
        Profile.RuleSetting ma = SHIPPED.require("US-CREDITOR").profile().rules().get(RuleId.MA_TWO_IN_SEVEN);
        assertThat(List.of(ma.limit(), ma.days())).containsExactly(2, 7);
        assertThat(ma.regions()).containsExactly("US-MA");
        for (String cn : List.of("CN-NIFA", "CN-NIFA-2018", "CN-BANK")) {
            Profile profile = SHIPPED.require(cn).profile();
            assertThat(profile.rules().get(RuleId.CN_CONNECTED_CALLS).limit()).as(cn).isEqualTo(3);
            assertThat(profile.rules().get(RuleId.CN_UNANSWERED_CALLS).limit()).as(cn).isEqualTo(6);
        }
    }

    @Test
    void anOverrideFileReplacesTheShippedProfileOfItsIdAndAddsNewOnes() throws IOException {
        Files.writeString(dir.resolve("uk.yaml"), """
                id: UK-FCA
                version: 2
                title: "UK with a shorter evening"
                window: { start: "09:00", end: "20:00" }
                defaultZones: [Europe/London]
                rules:
                  contact-window: { citation: "CONC 7.9.4R (house: 09:00-20:00)" }
                  hold: { citation: "house policy" }
                """);
        Files.writeString(dir.resolve("de.yml"), """
                id: DE-TEST
                version: 1
                title: Germany
                window: { start: "08:00", end: "20:00" }
                defaultZones: [Europe/Berlin]
                rules:
                  contact-window: { citation: "Inkassorecht" }
                  hold: { citation: "house policy" }
                  7-in-7: { citation: "house cap", limit: 3, days: 7 }
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a profile");

        JurisdictionProfiles profiles = JurisdictionProfiles.load(dir.toString());

        assertThat(profiles.ids()).contains("US-REGF", "UK-FCA", "DE-TEST").hasSize(7);
        Profile uk = profiles.require("UK-FCA").profile();
        assertThat(uk.version()).isEqualTo(2);
        assertThat(uk.window().start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(uk.rules().keySet()).containsExactlyInAnyOrder(RuleId.CONTACT_WINDOW, RuleId.HOLD);
        assertThat(profiles.require("DE-TEST").profile().rules().get(RuleId.SEVEN_IN_SEVEN).limit()).isEqualTo(3);
        assertThat(profiles.all()).extracting(Profile::id).isSorted();
    }

    @Test
    void aBrokenOverrideFileStopsTheLoadNamingFileLineAndProblem() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), """
                id: UK-FCA
                version: 2
                title: "UK"
                window: { start: "8 o'clock", end: "20:00" }
                defaultZones: [Europe/London, Mars/Olympus]
                rules:
                  contact-window: { citation: "CONC 7.9.4R" }
                  seven-in-seven: { citation: "x" }
                """);

        assertThatThrownBy(() -> JurisdictionProfiles.load(dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken.yaml line 4 /window/start: must be a local time HH:mm")
                .hasMessageContaining("broken.yaml line 5 /defaultZones/1: unknown time zone 'Mars/Olympus'")
                .hasMessageContaining("broken.yaml line 8 /rules/seven-in-seven: unknown rule 'seven-in-seven'")
                .hasMessageContaining("line 6 /rules: every profile applies the rule 'hold'");
    }

    @Test
    void aMissingOverrideDirectoryStopsTheLoad() {
        assertThatThrownBy(() -> JurisdictionProfiles.load(dir.resolve("absent").toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
    }

    @Test
    void twoOverrideFilesWithOneIdStopTheLoad() throws IOException {
        String profile = """
                id: X-TEST
                version: 1
                title: X
                window: { start: "08:00", end: "20:00" }
                defaultZones: [UTC]
                rules: { contact-window: { citation: a }, hold: { citation: b } }
                """;
        Files.writeString(dir.resolve("a.yaml"), profile);
        Files.writeString(dir.resolve("b.yaml"), profile);

        assertThatThrownBy(() -> JurisdictionProfiles.load(dir.toString()))
                .hasMessageContaining("b.yaml: the profile id X-TEST is also in").hasMessageContaining("a.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file                 | ''                                                    | ''                        | 1 | the file is empty
            not YAML                   | 'id: [unclosed'                                        | ''                        | 1 | not valid YAML
            not a mapping              | '- a list'                                             | ''                        | 1 | must be a mapping
            unknown key                | 'colour: red'                                          | /colour                   | 1 | unknown key 'colour'
            bad id                     | 'id: us-regf'                                          | /id                       | 1 | is not a profile id
            version zero               | 'version: 0'                                           | /version                  | 1 | whole number from 1
            window backwards           | 'window: {start: \"21:00\", end: \"08:00\"}'           | /window/end               | 1 | must be after start
            window flag not boolean    | 'window: {start: \"08:00\", end: \"21:00\", unlessConsented: maybe}' | /window/unlessConsented | 1 | true or false
            empty zones                | 'defaultZones: []'                                     | /defaultZones             | 1 | non-empty list
            cap without limit          | 'rules: {7-in-7: {citation: x, days: 7}}'              | /rules/7-in-7/limit       | 1 | is required
            parameter not taken        | 'rules: {dispute: {citation: x, limit: 3}}'            | /rules/dispute/limit      | 1 | unknown key 'limit'
            rule without citation      | 'rules: {hold: {}}'                                    | /rules/hold/citation      | 1 | is required
            bad region                 | 'rules: {ma-2-in-7: {citation: x, limit: 2, days: 7, regions: [Massachusetts]}}' | /rules/ma-2-in-7/regions/0 | 1 | ISO 3166-2
            """)
    void reportsEachProblemWithItsPointerAndLine(String situation, String yaml, String pointer, int line,
                                                 String detail) {
        ProfileDocument.Parsed parsed = ProfileDocument.parse(yaml.replace("\\\"", "\""));

        assertThat(parsed.profile()).isNull();
        assertThat(parsed.errors()).as(situation).anySatisfy(e -> {
            assertThat(e.pointer()).isEqualTo(pointer);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void readsAValidDocumentWithUnquotedTimesAndRegions() {
        ProfileDocument.Parsed parsed = ProfileDocument.parse("""
                id: US-TEST
                version: 4
                title: test
                window:
                  start: 08:00
                  end: 21:00
                defaultZones: [America/Chicago]
                rules:
                  contact-window: {citation: a}
                  hold: {citation: b}
                  ma-2-in-7: {citation: c, limit: 2, days: 7, regions: [US-MA, US-CT]}
                """);

        assertThat(parsed.errors()).extracting(FieldError::detail).isEmpty();
        assertThat(parsed.profile().window().end()).isEqualTo(LocalTime.of(21, 0));
        assertThat(parsed.profile().rules().get(RuleId.MA_TWO_IN_SEVEN).regions())
                .isEqualTo(Set.of("US-MA", "US-CT"));
    }
}
