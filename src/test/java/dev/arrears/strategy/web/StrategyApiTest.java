package dev.arrears.strategy.web;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the strategy API over real HTTP with Basic auth. Test strategies apply only to accounts in XTS (the ISO
 * code reserved for tests), so activating them changes nothing for other tests sharing the database.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrategyApiTest {

    private static final String USER = "strategy-api-test";
    private static final String PASSWORD = "strategy-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    final HttpClient http = HttpClient.newHttpClient();
    String name;

    record Response(int status, String contentType, String location, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now()))
                .update();
        name = "api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String document(int callDay) {
        return """
                strategy: %s
                description: "测试策略 test strategy"
                appliesTo: "account.currency == 'XTS'"
                segments:
                  - name: all
                    when: "account.balance > 0.0"
                    ladder:
                      - { at: "due+1d", action: SMS, template: overdue_notice }
                      - { at: "due+%dd", action: CALL_TASK, queue: general }
                stopWhen: "case.promiseActive"
                """.formatted(name, callDay);
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
            return new Response(r.statusCode(), type, r.headers().firstValue("Location").orElse(null), json,
                    r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    Response post(String path, String contentType, String body) {
        return send(at(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body,
                StandardCharsets.UTF_8)), true);
    }

    Response post(String path) {
        return send(at(path).POST(HttpRequest.BodyPublishers.noBody()), true);
    }

    Response get(String path) {
        return send(at(path).GET(), true);
    }

    @Test
    void createdVersion_answers201WithLocation_andReadsBack() {
        Response created = post("/api/v1/strategies", "application/yaml", document(5));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/v1/strategies/" + name + "?version=1");
        assertThat(created.json().get("name").asString()).isEqualTo(name);
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("active").asBoolean()).isFalse();
        assertThat(created.json().get("createdBy").asString()).isEqualTo(USER);
        assertThat(created.json().get("createdAt").asString()).isEqualTo("2026-11-23T04:00:00Z");

        // text/plain without a charset is read as UTF-8
        Response second = post("/api/v1/strategies", "text/plain", document(8));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.location()).endsWith("?version=2");
        assertThat(second.json().get("description").asString()).isEqualTo("测试策略 test strategy");

        Response latest = get("/api/v1/strategies/" + name);
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("document").asString()).isEqualTo(document(8));
        assertThat(latest.json().get("latestVersion").asInt()).isEqualTo(2);
        assertThat(latest.json().get("activeVersion").isNull()).isTrue();
        Response first = get(created.location());
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.json().get("document").asString()).isEqualTo(document(5));

        Response versions = get("/api/v1/strategies/" + name + "/versions");
        assertThat(versions.json().valueStream().map(v -> v.get("version").asInt()).toList()).containsExactly(2, 1);
        assertThat(versions.json().get(0).has("document")).isFalse();
    }

    @Test
    void invalidDocument_is422WithPointerLineAndDetail_andNothingIsStored() {
        String broken = document(5).replace("queue: general", "queue: general, template: x")
                .replace("account.balance > 0.0", "account.balance > 'none'");
        Response response = post("/api/v1/strategies", "application/yaml", broken);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Invalid document");
        assertThat(response.json().get("detail").asString()).isEqualTo("2 problems; see errors");
        List<JsonNode> errors = response.json().get("errors").valueStream().toList();
        assertThat(errors).extracting(e -> e.get("pointer").asString())
                .containsExactlyInAnyOrder("/segments/0/when", "/segments/0/ladder/1/template");
        JsonNode cel = errors.stream().filter(e -> e.get("pointer").asString().endsWith("when")).findFirst()
                .orElseThrow();
        assertThat(cel.get("line").asInt()).isEqualTo(6);
        assertThat(cel.get("detail").asString()).startsWith("CEL error at column 17 of the condition: ");
        assertThat(cel.propertyNames()).containsExactly("pointer", "line", "detail");
        assertThat(get("/api/v1/strategies/" + name).status()).isEqualTo(404);
    }

    @Test
    void validate_answers200ForAValidDocumentAnd422Otherwise() {
        Response valid = post("/api/v1/strategies/validate", "application/yaml", document(5));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertThat(valid.json().get("name").asString()).isEqualTo(name);
        assertThat(valid.json().get("segments").valueStream().map(JsonNode::asString).toList()).containsExactly("all");
        assertThat(valid.json().get("reads").valueStream().map(JsonNode::asString).toList())
                .containsExactly("account.balance", "account.currency", "case.promiseActive");
        assertThat(valid.json().get("errors").isEmpty()).isTrue();

        Response invalid = post("/api/v1/strategies/validate", "text/yaml", document(5).replace("due+5d", "day 5"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/segments/0/ladder/1/at");
        assertThat(invalid.json().get("errors").get(0).get("line").asInt()).isEqualTo(9);
        assertThat(get("/api/v1/strategies/" + name).status()).isEqualTo(404);

        Response empty = post("/api/v1/strategies/validate", "application/yaml", "");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").get(0).get("detail").asString()).isEqualTo("the document is empty");
    }

    @Test
    void activateAndRollback_moveTheActiveVersion() {
        post("/api/v1/strategies", "application/yaml", document(5));
        post("/api/v1/strategies", "application/yaml", document(6));
        Response none = post("/api/v1/strategies/" + name + "/rollback");
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.contentType()).startsWith("application/problem+json");

        Response first = post("/api/v1/strategies/" + name + "/versions/1/activate");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("activeVersion").asInt()).isEqualTo(1);
        assertThat(first.json().get("activatedBy").asString()).isEqualTo(USER);
        Response second = post("/api/v1/strategies/" + name + "/versions/2/activate");
        assertThat(second.json().get("activeVersion").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/strategies/" + name + "?version=2").json().get("active").asBoolean()).isTrue();

        JsonNode listed = get("/api/v1/strategies").json().valueStream()
                .filter(s -> s.get("name").asString().equals(name)).findFirst().orElseThrow();
        assertThat(listed.get("activeVersion").asInt()).isEqualTo(2);
        assertThat(listed.get("latestVersion").asInt()).isEqualTo(2);

        Response back = post("/api/v1/strategies/" + name + "/rollback");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("activeVersion").asInt()).isEqualTo(1);
    }

    @Test
    void unknownNamesAndVersions_are404Problems() {
        post("/api/v1/strategies", "application/yaml", document(5));
        for (Response r : List.of(get("/api/v1/strategies/" + name + "-nope"),
                get("/api/v1/strategies/" + name + "?version=3"),
                get("/api/v1/strategies/" + name + "-nope/versions"),
                post("/api/v1/strategies/" + name + "/versions/3/activate"),
                post("/api/v1/strategies/" + name + "-nope/versions/1/activate"),
                post("/api/v1/strategies/" + name + "-nope/rollback"))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(get("/api/v1/strategies/" + name + "?version=3").json().get("detail").asString())
                .isEqualTo("Strategy '" + name + "' has no version 3; its versions are 1 to 1");
    }

    @Test
    void badRequests_areProblemsNotServerErrors() {
        Response json = post("/api/v1/strategies", "application/json", "{\"strategy\": \"x\"}");
        assertThat(json.status()).isEqualTo(415);
        Response badVersion = get("/api/v1/strategies/general?version=latest");
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.contentType()).startsWith("application/problem+json");
        Response notUtf8 = send(at("/api/v1/strategies").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'a', ':', ' ', (byte) 0xC3, (byte) 0x28})),
                true);
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().get("detail").asString()).contains("not valid UTF-8");
        Response anonymous = send(at("/api/v1/strategies").GET(), false);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void shippedStrategies_areListedActive() {
        List<JsonNode> listed = get("/api/v1/strategies").json().valueStream().toList();
        assertThat(listed).filteredOn(s -> List.of("telecom-consumer", "wallet-credit", "b2b-invoices", "general")
                .contains(s.get("name").asString())).hasSize(4)
                .allSatisfy(s -> assertThat(s.get("activeVersion").asInt()).isEqualTo(1));
        Response telecom = get("/api/v1/strategies/telecom-consumer");
        assertThat(telecom.json().get("document").asString()).contains("strategy: telecom-consumer");
        assertThat(telecom.json().get("active").asBoolean()).isTrue();
    }
}
