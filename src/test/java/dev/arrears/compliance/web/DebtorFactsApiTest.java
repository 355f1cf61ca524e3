package dev.arrears.compliance.web;

import dev.arrears.compliance.CustomerFacts;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.FlagChanged;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the debtor facts API over real HTTP (Basic auth) against the embedded database: flags set, repeated and
 * cleared with their history and actor, disputes of one debt, stated times, bad input and unknown customers; and
 * the façade's events and batch read. The clock is fixed at 2026-11-23T04:00:00Z.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
class DebtorFactsApiTest {

    private static final String USER = "facts-api-test";
    private static final String PASSWORD = "facts-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final long UNKNOWN = 987_654_321L;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    DebtorFacts facts;
    @Autowired
    ApplicationEvents events;

    final HttpClient http = HttpClient.newHttpClient();
    long customer;

    record Response(int status, String contentType, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }

        List<String> pointers() {
            return json.get("errors").valueStream().map(e -> e.has("pointer") ? e.get("pointer").asString()
                    : e.get("parameter").asString()).toList();
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
        customer = newCustomer();
    }

    private long newCustomer() {
        String ref = "CF-" + UUID.randomUUID();
        return ledger.registerCustomers(List.of(new RegisterCustomer(ref, "Jane Roe", CustomerType.PERSON, "en",
                ZoneId.of("America/New_York"), List.of(new ContactPoint(ContactKind.PHONE, "+12125550100",
                        Set.of(Channel.CALL), Set.of()))))).getFirst().view().id();
    }

    private Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response get(String path) {
        return send("GET", path, null);
    }

    private Response post(String path, String body) {
        return send("POST", path, body);
    }

    private Response put(String path, String body) {
        return send("PUT", path, body);
    }

    private String base() {
        return "/api/v1/customers/" + customer;
    }

    private long rows() {
        return jdbc.sql("select count(*) from debtor_flag where customer_id = ?").param(customer)
                .query(Long.class).single();
    }

    @Test
    void settingAFlag_answers201ThenRepeated200WithTheSameRow() {
        Response first = post(base() + "/flags", "{\"flag\": \"CEASE_REQUESTED\", \"reason\": \"letter of 20 Nov\"}");
        Response again = post(base() + "/flags", "{\"flag\": \"cease_requested\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("flag").asString()).isEqualTo("CEASE_REQUESTED");
        assertThat(first.json().get("debtId").isNull()).isTrue();
        assertThat(first.json().get("setBy").asString()).isEqualTo(USER);
        assertThat(first.json().get("setAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(first.json().get("reason").asString()).isEqualTo("letter of 20 Nov");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("reason").asString()).isEqualTo("letter of 20 Nov");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void disputeOfOneDebt_isListedAndVerificationClearsIt_keepingTheHistory() {
        Response opened = post(base() + "/flags", "{\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"0123\", "
                + "\"reason\": \"roaming charges\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().get("debtId").asString()).isEqualTo("123");

        Response during = get(base() + "/compliance");
        assertThat(during.status()).as(during.toString()).isEqualTo(200);
        assertThat(during.json().get("disputedDebtIds").valueStream().map(JsonNode::asString)).containsExactly("123");
        assertThat(during.json().get("flags")).hasSize(1);

        Response verified = post(base() + "/flags/DISPUTE_OPEN/clear", "{\"debtId\": 123, \"reason\": \"verified\"}");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("clearedBy").asString()).isEqualTo(USER);
        assertThat(verified.json().get("clearReason").asString()).isEqualTo("verified");
        assertThat(verified.json().get("current").asBoolean()).isFalse();

        Response after = get(base() + "/compliance");
        assertThat(after.json().get("flags")).isEmpty();
        assertThat(after.json().get("disputedDebtIds")).isEmpty();
        JsonNode history = after.json().get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("reason").asString()).isEqualTo("roaming charges");
        assertThat(history.get(0).get("clearedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");

        Response reopened = post(base() + "/flags", "{\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"123\"}");
        assertThat(reopened.status()).isEqualTo(201);
        assertThat(get(base() + "/compliance").json().get("history")).hasSize(2);
    }

    @Test
    void clearingAFlagThatDoesNotStand_is409SayingWhereItStands() {
        post(base() + "/flags", "{\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"5\"}");

        Response wrongScope = post(base() + "/flags/DISPUTE_OPEN/clear", "{\"reason\": \"verified\"}");
        Response notSet = post(base() + "/flags/BANKRUPTCY/clear", null);

        assertThat(wrongScope.status()).as(wrongScope.toString()).isEqualTo(409);
        assertThat(wrongScope.contentType()).startsWith("application/problem+json");
        assertThat(wrongScope.json().get("detail").asString()).contains("not set for all debts", "set for debt 5");
        assertThat(notSet.status()).as(notSet.toString()).isEqualTo(409);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void unknownCustomer_is404OnEveryEndpoint() {
        String unknown = "/api/v1/customers/" + UNKNOWN;
        List<Response> responses = List.of(
                get(unknown + "/compliance"),
                post(unknown + "/flags", "{\"flag\": \"HARDSHIP\"}"),
                post(unknown + "/flags/HARDSHIP/clear", "{}"),
                put(unknown + "/inconvenient-times", "[{\"from\": \"09:00\", \"to\": \"12:00\"}]"),
                put(unknown + "/consented-times", "[]"));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource(delimiter = '|', value = {
            "POST | /flags | {\"flag\": \"ON_FIRE\"} | /flag",
            "POST | /flags | {\"reason\": \"no flag\"} | /flag",
            "POST | /flags | {\"flag\": 7} | /flag",
            "POST | /flags | {\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"ACC-1\"} | /debtId",
            "POST | /flags | {\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"-4\"} | /debtId",
            "POST | /flags | {\"flag\": \"TIME_BARRED\"} | /debtId",
            "POST | /flags | {\"flag\": \"DECEASED\", \"debtId\": \"9\"} | /debtId",
            "POST | /flags | {\"flag\": \"HARDSHIP\", \"colour\": \"red\"} | /colour",
            "POST | /flags | [\"HARDSHIP\"] | ''",
            "POST | /flags | {not json | ''",
            "POST | /flags/SLEEPING/clear | {} | flag",
            "POST | /flags/HARDSHIP/clear | {\"debtId\": \"x\"} | /debtId",
            "PUT | /inconvenient-times | [{\"from\": \"9am\", \"to\": \"12:00\"}] | /0/from",
            "PUT | /inconvenient-times | [{\"from\": \"09:00\", \"to\": \"25:00\"}] | /0/to",
            "PUT | /inconvenient-times | [{\"from\": \"09:00\", \"to\": \"09:00\"}] | /0/to",
            "PUT | /inconvenient-times | [{\"from\": \"09:00\"}] | /0/to",
            "PUT | /inconvenient-times | [{\"from\": \"09:00\", \"to\": \"10:00\", \"tz\": \"UTC\"}] | /0/tz",
            "PUT | /inconvenient-times | {\"from\": \"09:00\", \"to\": \"10:00\"} | ''",
            "PUT | /consented-times | [{\"from\": \"2026-05-10T14:00:00\", \"to\": \"2026-05-10T15:00:00Z\"}] | /0/from",
            "PUT | /consented-times | [{\"from\": \"2026-05-10T15:00:00Z\", \"to\": \"2026-05-10T14:00:00Z\"}] | /0/to",
    })
    void badInput_is400NamingTheField(String method, String path, String body, String pointer) {
        Response response = send(method, base() + path, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.pointers()).contains(pointer);
        assertThat(rows()).isZero();
    }

    @Test
    void badCustomerIdInThePath_is400NamingIt() {
        Response response = get("/api/v1/customers/abc/compliance");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.pointers()).containsExactly("id");
    }

    @Test
    void statedTimes_areReplacedWholeAndShown() {
        Response inconvenient = put(base() + "/inconvenient-times",
                "[{\"from\": \"09:00\", \"to\": \"12:00\"}, {\"from\": \"22:00\", \"to\": \"24:00\"}]");
        Response consented = put(base() + "/consented-times",
                "[{\"from\": \"2026-05-10T22:00:00+08:00\", \"to\": \"2026-05-10T23:00:00+08:00\"}]");

        assertThat(inconvenient.status()).as(inconvenient.toString()).isEqualTo(200);
        assertThat(consented.status()).as(consented.toString()).isEqualTo(200);
        JsonNode view = get(base() + "/compliance").json();
        assertThat(view.get("inconvenientTimes").toString())
                .isEqualTo("[{\"from\":\"09:00\",\"to\":\"12:00\"},{\"from\":\"22:00\",\"to\":\"00:00\"}]");
        assertThat(view.get("consentedTimes").toString())
                .isEqualTo("[{\"from\":\"2026-05-10T14:00:00Z\",\"to\":\"2026-05-10T15:00:00Z\"}]");
        assertThat(view.get("timesUpdatedBy").asString()).isEqualTo(USER);

        Response cleared = put(base() + "/inconvenient-times", "[]");
        assertThat(cleared.json().get("inconvenientTimes")).isEmpty();
        assertThat(cleared.json().get("consentedTimes")).hasSize(1);
    }

    @Test
    void flagChanges_publishOneEventEach_andARepeatedSetNone() {
        facts.setFlag(customer, Flag.BREATHING_SPACE, null, "SI 2020/1311 standard", null);
        facts.setFlag(customer, Flag.BREATHING_SPACE, null, "again", null);
        facts.clearFlag(customer, Flag.BREATHING_SPACE, null, "ended", "agent-7");

        assertThat(events.stream(FlagChanged.class).filter(e -> e.customerId() == customer)).containsExactly(
                new FlagChanged(customer, Flag.BREATHING_SPACE, null, true, "system",
                        Instant.parse("2026-11-23T04:00:00Z")),
                new FlagChanged(customer, Flag.BREATHING_SPACE, null, false, "agent-7",
                        Instant.parse("2026-11-23T04:00:00Z")));
    }

    @Test
    void batchRead_givesEachCustomerItsFacts_andADebtItsOwnFlags() {
        long other = newCustomer();
        facts.setFlag(customer, Flag.HAS_ATTORNEY, null, null, null);
        facts.setFlag(customer, Flag.TIME_BARRED, "41", null, null);
        facts.setFlag(customer, Flag.DISPUTE_OPEN, "42", null, null);
        facts.setInconvenientTimes(other, List.of(new LocalTimeRange(LocalTime.of(13, 0), LocalTime.of(14, 0))),
                null);

        Map<Long, CustomerFacts> read = facts.facts(List.of(customer, other, UNKNOWN));

        assertThat(read).containsOnlyKeys(customer, other, UNKNOWN);
        Debtor about41 = read.get(customer).debtor("41");
        Debtor about42 = read.get(customer).debtor("42");
        assertThat(about41.flags()).containsExactlyInAnyOrder(Flag.HAS_ATTORNEY, Flag.TIME_BARRED);
        assertThat(about42.flags()).containsExactly(Flag.HAS_ATTORNEY);
        assertThat(about42.disputedDebtIds()).containsExactly("42");
        assertThat(read.get(other).debtor(null).inconvenientTimes())
                .containsExactly(new LocalTimeRange(LocalTime.of(13, 0), LocalTime.of(14, 0)));
        assertThat(read.get(UNKNOWN)).isEqualTo(CustomerFacts.none(UNKNOWN));
        assertThat(facts.debtors(List.of(customer)).get(customer).flags()).containsExactly(Flag.HAS_ATTORNEY);
    }
}
