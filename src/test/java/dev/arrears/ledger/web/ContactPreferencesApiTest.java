package dev.arrears.ledger.web;

import dev.arrears.ledger.ContactPreferenceChanged;
import dev.arrears.ledger.ContactPreferenceChanged.Source;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.web.ApiClient.Response;
import dev.arrears.shared.Channel;
import dev.arrears.shared.NotFoundException;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opt-outs and consents through {@code POST /api/v1/customers/{id}/opt-outs} and {@code /consents}: on one
 * address or on every contact point of the channel, idempotent, with bad input named and unknown customers and
 * addresses refused; the façade publishes {@link ContactPreferenceChanged} with the address hashed, once.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
class ContactPreferencesApiTest {

    private static final String USER = "preferences-api-test";
    private static final String PASSWORD = "preferences-api-test-password";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    ApplicationEvents events;

    ApiClient api;
    long customer;

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
        api = new ApiClient(port, USER, PASSWORD);
        String ref = "PR-" + UUID.randomUUID();
        Response created = api.post("/api/v1/customers", """
                {"externalRef": "%s", "name": "Wang Fang", "type": "PERSON", "locale": "zh-CN",
                 "timeZone": "Asia/Shanghai",
                 "contactPoints": [{"kind": "PHONE", "value": "+8613800138000", "consents": ["SMS", "CALL"]},
                                   {"kind": "PHONE", "value": "+8613900139000", "consents": ["SMS"]},
                                   {"kind": "EMAIL", "value": "Wang@Example.cn", "consents": ["EMAIL"]}]}"""
                .formatted(ref));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        customer = created.json().get("id").asLong();
    }

    private static List<String> channels(JsonNode point, String field) {
        return point.get(field).valueStream().map(JsonNode::asString).toList();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void optOutOfOneAddress_isRecordedThere_andRepeatingChangesNothing() {
        Response first = api.post("/api/v1/customers/" + customer + "/opt-outs",
                "{\"channel\": \"EMAIL\", \"address\": \"wang@example.cn\", \"source\": \"EMAIL_LINK\"}");
        Response again = api.post("/api/v1/customers/" + customer + "/opt-outs",
                "{\"channel\": \"EMAIL\", \"address\": \"WANG@example.cn\", \"source\": \"EMAIL_LINK\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("changed").asBoolean()).isTrue();
        JsonNode email = first.json().get("customer").get("contactPoints").get(2);
        assertThat(channels(email, "optOuts")).containsExactly("EMAIL");
        assertThat(channels(first.json().get("customer").get("contactPoints").get(0), "optOuts")).isEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("changed").asBoolean()).isFalse();
    }

    @Test
    void optOutOfAChannel_withoutAddress_coversEveryContactPointOfIt_andConsentRestoresIt() {
        Response stop = api.post("/api/v1/customers/" + customer + "/opt-outs",
                "{\"channel\": \"SMS\", \"source\": \"SMS_STOP\"}");

        assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
        JsonNode points = stop.json().get("customer").get("contactPoints");
        assertThat(channels(points.get(0), "optOuts")).containsExactly("SMS");
        assertThat(channels(points.get(1), "optOuts")).containsExactly("SMS");
        assertThat(channels(points.get(2), "optOuts")).isEmpty();

        Response consent = api.post("/api/v1/customers/" + customer + "/consents",
                "{\"channel\": \"SMS\", \"address\": \"+8613900139000\", \"source\": \"AGENT\"}");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        JsonNode after = consent.json().get("customer").get("contactPoints");
        assertThat(channels(after.get(0), "optOuts")).containsExactly("SMS");
        assertThat(channels(after.get(1), "optOuts")).isEmpty();
        assertThat(channels(after.get(1), "consents")).contains("SMS");
    }

    @Test
    void consentToANewChannel_addsIt() {
        Response consent = api.post("/api/v1/customers/" + customer + "/consents",
                "{\"channel\": \"CALL\", \"address\": \"+8613900139000\"}");

        assertThat(consent.json().get("changed").asBoolean()).isTrue();
        assertThat(channels(consent.json().get("customer").get("contactPoints").get(1), "consents"))
                .containsExactlyInAnyOrder("SMS", "CALL");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"channel\": \"FAX\"} | /channel",
            "{\"address\": \"wang@example.cn\"} | /channel",
            "{\"channel\": \"EMAIL\", \"source\": \"PIGEON\"} | /source",
            "{\"channel\": \"EMAIL\", \"reason\": \"spam\"} | /reason",
            "[{\"channel\": \"EMAIL\"}] | ''",
    })
    void badInput_is400NamingTheField(String body, String pointer) {
        Response response = api.post("/api/v1/customers/" + customer + "/opt-outs", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.pointers()).contains(pointer);
    }

    @Test
    void unknownCustomerOrAddress_is404() {
        Response noCustomer = api.post("/api/v1/customers/987654321/opt-outs", "{\"channel\": \"EMAIL\"}");
        Response noAddress = api.post("/api/v1/customers/" + customer + "/opt-outs",
                "{\"channel\": \"EMAIL\", \"address\": \"other@example.cn\"}");
        Response noPoint = api.post("/api/v1/customers/" + customer + "/opt-outs", "{\"channel\": \"PUSH\"}");

        assertThat(List.of(noCustomer, noAddress, noPoint)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
    }

    @Test
    void preferenceChange_publishesOneEventWithTheAddressHashed() throws Exception {
        ledger.optOut(customer, Channel.EMAIL, " Wang@Example.cn ", Source.EMAIL_LINK);
        ledger.optOut(customer, Channel.EMAIL, "wang@example.cn", Source.EMAIL_LINK);
        ledger.optIn(customer, Channel.SMS, null, Source.API); // consented everywhere already: nothing
        ledger.optIn(customer, Channel.CALL, null, Source.API); // the second phone had no CALL consent
        assertThatThrownBy(() -> ledger.optOut(customer, Channel.LETTER, null, Source.AGENT))
                .isInstanceOf(NotFoundException.class);

        assertThat(events.stream(ContactPreferenceChanged.class)).containsExactly(
                new ContactPreferenceChanged(customer, Channel.EMAIL, sha256("wang@example.cn"), true,
                        Source.EMAIL_LINK, "system", Instant.parse("2026-11-23T04:00:00Z")),
                new ContactPreferenceChanged(customer, Channel.CALL, null, false, Source.API, "system",
                        Instant.parse("2026-11-23T04:00:00Z")));
        assertThat(events.stream(ContactPreferenceChanged.class).map(Object::toString))
                .noneMatch(text -> text.toLowerCase().contains("wang@"));
    }
}
