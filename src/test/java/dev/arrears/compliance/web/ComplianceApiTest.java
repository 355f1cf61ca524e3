package dev.arrears.compliance.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the compliance API over real HTTP: verdicts, profiles, malformed requests as problem+json. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComplianceApiTest {

    private static final String USER = "compliance-api-test";
    private static final String PASSWORD = "compliance-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    final HttpClient http = HttpClient.newHttpClient();

    record Response(int status, String contentType, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }

        List<String> pointers() {
            return json.get("errors").valueStream().map(e -> e.get("pointer").asString()).toList();
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now())).update();
    }

    Response send(HttpRequest.Builder request, boolean authenticated) {
        request.header("Accept", "application/json, application/problem+json");
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response evaluate(String json) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/compliance/evaluate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), true);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), true);
    }

    @Test
    void defersACallBeforeEightLocalTime() {
        Response r = evaluate("""
                {"jurisdiction": "US-REGF", "channel": "CALL", "at": "2026-04-13T11:00:00Z", "debtId": "A",
                 "debtor": {"timeZones": ["America/New_York"]},
                 "history": [{"channel": "CALL", "direction": "OUTBOUND", "at": "2026-04-06T14:00:00Z",
                              "outcome": "NO_ANSWER", "debtIds": ["A"], "address": "+12125550100"}]}""");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("decision").asString()).isEqualTo("DEFER");
        assertThat(r.json().get("notBefore").asString()).isEqualTo("2026-04-13T12:00:00Z");
        JsonNode reason = r.json().get("reasons").get(0);
        assertThat(reason.get("rule").asString()).isEqualTo("US-REGF/contact-window");
        assertThat(reason.get("citation").asString()).isEqualTo("12 CFR 1006.6(b)(1)(i)");
        assertThat(reason.get("message").asString()).contains("07:00 in America/New_York");
    }

    @Test
    void allowsAndBlocksWithoutNotBefore() {
        Response allowed = evaluate("""
                {"jurisdiction": "UK-FCA", "channel": "SMS", "at": "2026-04-13T12:00:00Z"}""");
        Response blocked = evaluate("""
                {"jurisdiction": "CN-NIFA", "channel": "CALL", "at": "2026-04-13T06:00:00Z",
                 "recipient": "THIRD_PARTY", "debtor": {"flags": ["DISPUTE_OPEN"]}}""");

        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.text()).isEqualTo("{\"decision\":\"ALLOW\",\"reasons\":[]}");
        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.json().get("decision").asString()).isEqualTo("BLOCK");
        assertThat(blocked.json().has("notBefore")).isFalse();
        assertThat(blocked.json().get("reasons").valueStream().map(x -> x.get("rule").asString()))
                .containsExactly("CN-NIFA/dispute", "CN-NIFA/third-party");
    }

    @Test
    void refusesAMalformedRequestNamingEveryField() {
        Response r = evaluate("""
                {"jurisdiction": "US-XX", "channel": "FAX", "at": "yesterday",
                 "debtor": {"timeZones": ["Mars/Olympus"]},
                 "history": [{"channel": "CALL", "at": "2026-04-06T14:00:00Z", "outcome": "HUNG_UP"}]}""");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.pointers()).containsExactlyInAnyOrder("/jurisdiction", "/channel", "/at",
                "/debtor/timeZones/0", "/history/0/outcome");
    }

    @Test
    void refusesAMissingFieldAndABodyThatIsNotJson() {
        Response missing = evaluate("{\"channel\": \"CALL\", \"at\": \"2026-04-13T11:00:00Z\"}");
        Response broken = evaluate("{\"jurisdiction\": ");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.pointers()).containsExactly("/jurisdiction");
        assertThat(missing.json().get("detail").asString()).isEqualTo("is required");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void listsTheShippedProfilesAndShowsOne() {
        Response all = get("/api/v1/compliance/profiles");
        Response one = get("/api/v1/compliance/profiles/CN-BANK");
        Response unknown = get("/api/v1/compliance/profiles/XX-NONE");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().valueStream().map(p -> p.get("id").asString())).contains("US-REGF", "US-CREDITOR",
                "UK-FCA", "CN-NIFA", "CN-NIFA-2018", "CN-BANK");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("window").get("end").asString()).isEqualTo("22:00");
        assertThat(one.json().get("window").get("unlessConsented").asBoolean()).isTrue();
        assertThat(one.json().get("rules").valueStream().map(r -> r.get("id").asString()))
                .contains("cn-connected-calls", "cn-unanswered-calls");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnonymousCallers() {
        Response r = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/compliance/profiles")).GET(), false);

        assertThat(r.status()).isEqualTo(401);
    }
}
