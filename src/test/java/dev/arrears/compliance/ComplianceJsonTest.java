package dev.arrears.compliance;

import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The request and verdict JSON of the issue: every field read, every problem named by its pointer. */
class ComplianceJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> PROFILES = Set.of("US-REGF", "UK-FCA");

    static final String EXAMPLE = """
            {
              "jurisdiction": "US-REGF",
              "channel": "CALL",
              "at": "2026-04-13T11:00:00Z",
              "purpose": "COLLECT",
              "debtId": "A",
              "recipient": "DEBTOR",
              "address": {"kind": "PERSONAL", "value": "+12125550100"},
              "message": {"hasOptOut": true},
              "debtor": {
                "timeZones": ["America/New_York"],
                "flags": [],
                "disputedDebtIds": [],
                "optOuts": [{"channel": "EMAIL", "address": "x@mail.com"}],
                "consents": ["SMS"],
                "consentedTimes": [{"from": "2026-05-10T14:00:00Z", "to": "2026-05-10T15:00:00Z"}],
                "inconvenientTimes": [{"from": "00:00", "to": "13:00"}]
              },
              "history": [
                {"channel": "CALL", "direction": "OUTBOUND", "at": "2026-04-06T14:00:00Z",
                 "outcome": "NO_ANSWER", "debtIds": ["A"], "address": "+12125550100"}
              ]
            }
            """;

    private static ContactRequest read(String json) {
        return ComplianceJson.request(MAPPER.readTree(json), PROFILES);
    }

    private static List<FieldError> errors(String json) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(json));
        assertThat(e).as("expected a refusal of " + json).isNotNull();
        return e.errors();
    }

    @Test
    void readsTheExampleRequestOfTheIssue() {
        ContactRequest request = read(EXAMPLE);

        assertThat(request.jurisdiction()).isEqualTo("US-REGF");
        assertThat(request.channel()).isEqualTo(Channel.CALL);
        assertThat(request.at()).isEqualTo(Instant.parse("2026-04-13T11:00:00Z"));
        assertThat(request.purpose()).isEqualTo(Purpose.COLLECT);
        assertThat(request.debtId()).isEqualTo("A");
        assertThat(request.recipient()).isEqualTo(Recipient.DEBTOR);
        assertThat(request.address().kind()).isEqualTo(AddressKind.PERSONAL);
        assertThat(request.address().value()).isEqualTo("+12125550100");
        assertThat(request.message().hasOptOut()).isTrue();
        assertThat(request.debtor().timeZones()).containsExactly(ZoneId.of("America/New_York"));
        assertThat(request.debtor().optOuts()).singleElement().satisfies(o -> {
            assertThat(o.channel()).isEqualTo(Channel.EMAIL);
            assertThat(o.address()).isEqualTo("x@mail.com");
        });
        assertThat(request.debtor().consents()).containsExactly(Channel.SMS);
        assertThat(request.debtor().consentedTimes().getFirst().to()).isEqualTo(Instant.parse("2026-05-10T15:00:00Z"));
        assertThat(request.debtor().inconvenientTimes().getFirst().to()).isEqualTo(LocalTime.of(13, 0));
        assertThat(request.history()).singleElement().satisfies(a -> {
            assertThat(a.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(a.outcome()).isEqualTo(Outcome.NO_ANSWER);
            assertThat(a.debtIds()).containsExactly("A");
            assertThat(a.address()).isEqualTo("+12125550100");
        });
        assertThat(request.automated()).isFalse();
        assertThat(request.debtType()).isEqualTo(DebtType.CONSUMER);
    }

    @Test
    void readsAMinimalRequestWithDefaultsAndTheOptionalExtras() {
        ContactRequest minimal = read("""
                {"jurisdiction": "UK-FCA", "channel": "SMS", "at": "2026-04-13T07:00:00+01:00"}""");
        ContactRequest extras = read("""
                {"jurisdiction": "US-REGF", "channel": "CALL", "at": "2026-04-13T18:00:00Z", "automated": true,
                 "debtType": "COMMERCIAL", "debtor": {"region": "us-ma", "flags": ["HARDSHIP", "DISPUTE_OPEN"]},
                 "history": [{"channel": "SMS", "at": "2026-04-12T18:00:00Z"}], "debtId": null}""");

        assertThat(minimal.at()).isEqualTo(Instant.parse("2026-04-13T06:00:00Z"));
        assertThat(minimal.purpose()).isEqualTo(Purpose.COLLECT);
        assertThat(minimal.recipient()).isEqualTo(Recipient.DEBTOR);
        assertThat(minimal.debtor().timeZones()).isEmpty();
        assertThat(minimal.history()).isEmpty();
        assertThat(minimal.address()).isNull();
        assertThat(extras.automated()).isTrue();
        assertThat(extras.debtType()).isEqualTo(DebtType.COMMERCIAL);
        assertThat(extras.debtor().region()).isEqualTo("US-MA");
        assertThat(extras.debtor().flags()).containsExactlyInAnyOrder(Flag.HARDSHIP, Flag.DISPUTE_OPEN);
        assertThat(extras.history().getFirst().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(extras.history().getFirst().outcome()).isNull();
        assertThat(extras.debtId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown channel          | "channel": "FAX"                                               | /channel                  | 'FAX' is not one of SMS, CALL, EMAIL, PUSH, LETTER, VISIT
            lower-case channel       | "channel": "call"                                              | /channel                  | 'call' is not one of
            channel not text         | "channel": 3                                                   | /channel                  | must be one of
            bad instant              | "at": "2026-04-13 11:00"                                       | /at                       | ISO-8601 instant
            instant without offset   | "at": "2026-04-13T11:00:00"                                    | /at                       | ISO-8601 instant
            unknown profile          | "jurisdiction": "US-XX"                                        | /jurisdiction             | unknown jurisdiction profile 'US-XX'; known: UK-FCA, US-REGF
            unknown purpose          | "purpose": "THREATEN"                                          | /purpose                  | 'THREATEN' is not one of COLLECT
            unknown recipient        | "recipient": "NEIGHBOUR"                                       | /recipient                | is not one of DEBTOR, ATTORNEY, THIRD_PARTY
            unknown address kind     | "address": {"kind": "HOME", "value": "x"}                      | /address/kind             | is not one of PERSONAL, WORK, WORK_USED_BY_DEBTOR
            address without value    | "address": {"kind": "WORK"}                                    | /address/value            | is required
            message flag not boolean | "message": {"hasOptOut": "yes"}                                | /message/hasOptOut        | true or false
            automated not boolean    | "automated": 1                                                 | /automated                | true or false
            unknown debt type        | "debtType": "B2B"                                              | /debtType                 | is not one of CONSUMER, COMMERCIAL
            unknown zone             | "debtor": {"timeZones": ["America/New_York", "Mars/Olympus"]}  | /debtor/timeZones/1       | unknown time zone 'Mars/Olympus'
            zones not a list         | "debtor": {"timeZones": "America/New_York"}                    | /debtor/timeZones         | must be a JSON array
            unknown flag             | "debtor": {"flags": ["ANGRY"]}                                 | /debtor/flags/0           | 'ANGRY' is not one of DISPUTE_OPEN
            opt-out without channel  | "debtor": {"optOuts": [{"address": "x@mail.com"}]}             | /debtor/optOuts/0/channel | is required
            unknown consent channel  | "debtor": {"consents": ["SMS", "FAX"]}                         | /debtor/consents/1        | 'FAX' is not one of
            consented range reversed | "debtor": {"consentedTimes": [{"from": "2026-05-10T15:00:00Z", "to": "2026-05-10T14:00:00Z"}]} | /debtor/consentedTimes/0/to | must be after from
            bad local time           | "debtor": {"inconvenientTimes": [{"from": "9am", "to": "13:00"}]} | /debtor/inconvenientTimes/0/from | local time HH:mm
            empty local range        | "debtor": {"inconvenientTimes": [{"from": "13:00", "to": "13:00"}]} | /debtor/inconvenientTimes/0/to | must differ from from
            bad region               | "debtor": {"region": "Massachusetts"}                          | /debtor/region            | ISO 3166-2
            unknown debtor field     | "debtor": {"timezones": []}                                    | /debtor/timezones         | unknown field 'timezones'
            unknown field            | "flags": []                                                    | /flags                    | unknown field 'flags'
            history not a list       | "history": {}                                                  | /history                  | must be a JSON array
            history entry not object | "history": [1]                                                 | /history/0                | must be an object
            unknown outcome          | "history": [{"channel": "CALL", "at": "2026-04-06T14:00:00Z", "outcome": "HUNG_UP"}] | /history/0/outcome | 'HUNG_UP' is not one of NOT_CONNECTED
            history without instant  | "history": [{"channel": "CALL"}]                               | /history/0/at             | is required
            unknown direction        | "history": [{"channel": "CALL", "at": "2026-04-06T14:00:00Z", "direction": "SIDEWAYS"}] | /history/0/direction | is not one of OUTBOUND, INBOUND
            debt id not text         | "history": [{"channel": "CALL", "at": "2026-04-06T14:00:00Z", "debtIds": [7]}] | /history/0/debtIds/0 | a JSON string
            """)
    void refusesAMalformedFieldByItsPointer(String situation, String field, String pointer, String detail) {
        ObjectNode body = (ObjectNode) MAPPER.readTree(
                "{\"jurisdiction\": \"US-REGF\", \"channel\": \"CALL\", \"at\": \"2026-04-13T18:00:00Z\"}");
        body.setAll((ObjectNode) MAPPER.readTree("{" + field + "}"));

        assertThat(errors(body.toString())).as(situation + ": " + body).anySatisfy(e -> {
            assertThat(e.pointer()).isEqualTo(pointer);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void reportsEveryProblemAtOnceIncludingMissingRequiredFields() {
        List<FieldError> errors = errors("""
                {"purpose": "PAY", "debtor": {"timeZones": ["Nowhere/Else"]},
                 "history": [{"channel": "CALL", "at": "2026-04-06T14:00:00Z"}, {"channel": "CALL", "at": "x", "outcome": "NOPE"}]}""");

        assertThat(errors).extracting(FieldError::pointer).containsExactlyInAnyOrder("/jurisdiction", "/channel",
                "/at", "/purpose", "/debtor/timeZones/0", "/history/1/at", "/history/1/outcome");
        assertThat(errors).filteredOn(e -> e.pointer().equals("/channel")).singleElement()
                .extracting(FieldError::detail).isEqualTo("is required");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            array      | []
            text       | "CALL"
            null       | null
            """)
    void refusesABodyThatIsNoObject(String situation, String json) {
        assertThat(errors(json)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.detail()).contains("must be a JSON object");
        });
    }

    @Test
    void writesDeferWithNotBeforeAndReasons() {
        JsonNode json = ComplianceJson.verdict(new Verdict(Decision.DEFER, Instant.parse("2026-04-13T12:00:00Z"),
                List.of(new Reason("US-REGF/contact-window", "12 CFR 1006.6(b)(1)(i)", "Outside the window."))));

        assertThat(MAPPER.writeValueAsString(json)).isEqualTo("{\"decision\":\"DEFER\",\"notBefore\":"
                + "\"2026-04-13T12:00:00Z\",\"reasons\":[{\"rule\":\"US-REGF/contact-window\",\"citation\":"
                + "\"12 CFR 1006.6(b)(1)(i)\",\"message\":\"Outside the window.\"}]}");
    }

    @Test
    void writesAllowAndBlockWithoutNotBefore() {
        assertThat(MAPPER.writeValueAsString(ComplianceJson.verdict(Verdict.ALLOW)))
                .isEqualTo("{\"decision\":\"ALLOW\",\"reasons\":[]}");
        JsonNode block = ComplianceJson.verdict(new Verdict(Decision.BLOCK, null,
                List.of(new Reason("UK-FCA/dispute", "CONC 7.14.1R", "Disputed."))));
        assertThat(block.has("notBefore")).isFalse();
        assertThat(block.get("reasons").get(0).get("rule").asString()).isEqualTo("UK-FCA/dispute");
    }

    @Test
    void writesAProfileWithItsRulesCitationsAndCaps() {
        JsonNode json = ComplianceJson.profile(JurisdictionProfiles.load(null).require("US-CREDITOR").profile());

        assertThat(json.get("id").asString()).isEqualTo("US-CREDITOR");
        assertThat(json.get("window").get("start").asString()).isEqualTo("08:00");
        assertThat(json.get("window").get("end").asString()).isEqualTo("21:00");
        assertThat(json.get("defaultZones").get(0).asString()).isEqualTo("America/New_York");
        JsonNode ma = json.get("rules").valueStream().filter(r -> r.get("id").asString().equals("ma-2-in-7"))
                .findFirst().orElseThrow();
        assertThat(ma.get("rule").asString()).isEqualTo("US-CREDITOR/ma-2-in-7");
        assertThat(ma.get("citation").asString()).isEqualTo("940 CMR 7.04(1)(f)");
        assertThat(ma.get("limit").asInt()).isEqualTo(2);
        assertThat(ma.get("days").asInt()).isEqualTo(7);
        assertThat(ma.get("regions").get(0).asString()).isEqualTo("US-MA");
    }
}
