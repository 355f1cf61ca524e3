package dev.arrears.audit;

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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' API over real HTTP: entries by subject and page, the verification, bad parameters, roles, logins. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String PASSWORD = "audit-api-test-password";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AuditTrail trail;

    final HttpClient http = HttpClient.newHttpClient();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String admin = "audit-admin-" + suffix;
    final String subject = "api-" + suffix;

    record Response(int status, String contentType, JsonNode json, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    @BeforeEach
    void setUp() {
        user(admin, "ADMIN");
    }

    void user(String name, String role) {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(name, encoder.encode(PASSWORD), "{" + role + "}", Timestamp.from(Instant.now())).update();
    }

    Response get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

    Response get(String path) {
        return get(path, admin, PASSWORD);
    }

    void recordThree() {
        trail.recordAll(List.of(
                new AuditRecord(AuditKind.FLAG_CHANGED, "li.wei", "customer", subject, Map.of("flag", "HARDSHIP"),
                        null),
                new AuditRecord(AuditKind.PERSONAL_DATA_READ, "li.wei", "customer", subject, Map.of("where", "page"),
                        null),
                new AuditRecord(AuditKind.FLAG_CHANGED, "wang.fang", "customer", subject,
                        Map.of("flag", "DISPUTE_OPEN"), null)));
    }

    @Test
    void entries_ofOneSubject_oldestFirst_pagedByPosition() {
        recordThree();
        Response first = get("/api/v1/audit?subjectType=customer&subjectId=" + subject + "&limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode entries = first.json().get("entries");
        assertThat(entries.size()).isEqualTo(2);
        long p1 = entries.get(0).get("position").asLong();
        long p2 = entries.get(1).get("position").asLong();
        assertThat(p2).isGreaterThan(p1);
        assertThat(entries.get(0).get("kind").asString()).isEqualTo("FLAG_CHANGED");
        assertThat(entries.get(0).get("actor").asString()).isEqualTo("li.wei");
        assertThat(entries.get(0).get("details").get("flag").asString()).isEqualTo("HARDSHIP");
        assertThat(entries.get(0).get("link").asString()).hasSize(64);
        assertThat(first.json().get("next").asLong()).isEqualTo(p2);

        Response second = get("/api/v1/audit?subjectType=customer&subjectId=" + subject + "&limit=2&after=" + p2);
        assertThat(second.json().get("entries").size()).isEqualTo(1);
        assertThat(second.json().get("entries").get(0).get("actor").asString()).isEqualTo("wang.fang");
        assertThat(second.json().get("next").isNull()).isTrue();

        Response byKind = get("/api/v1/audit?kind=personal_data_read&subjectType=customer&subjectId=" + subject);
        assertThat(byKind.json().get("entries").size()).isEqualTo(1);
        Response byActor = get("/api/v1/audit?actor=wang.fang&subjectType=customer&subjectId=" + subject);
        assertThat(byActor.json().get("entries").size()).isEqualTo(1);
        Response inRange = get("/api/v1/audit?subjectType=customer&subjectId=" + subject
                + "&from=2026-11-23T04:00:00Z&to=2026-11-24");
        assertThat(inRange.json().get("entries").size()).isEqualTo(3);
        Response beforeRange = get("/api/v1/audit?subjectType=customer&subjectId=" + subject + "&to=2026-11-23");
        assertThat(beforeRange.json().get("entries").size()).isZero();
    }

    @Test
    void verify_reportsTheWholeChain() {
        recordThree();
        Response r = get("/api/v1/audit/verify");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("ok").asBoolean()).isTrue();
        assertThat(r.json().get("entries").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(r.json().get("brokenAt").isNull()).isTrue();
        assertThat(r.json().get("headLink").asString()).hasSize(64);
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "kind=NOPE|kind",
            "limit=0|limit",
            "limit=1001|limit",
            "after=-1|after",
            "after=first|after",
            "from=yesterday|from",
            "to=2026-11-23T25:00:00Z|to",
            "from=2026-11-24&to=2026-11-23|to",
            "subjectId=42|subjectId",
            "subjectType=Customer%20X|subjectType"})
    void badParameters_are400ProblemsNamingTheParameter(String query, String parameter) {
        Response r = get("/api/v1/audit?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsString("parameter")).as(r.toString()).contains(parameter);
    }

    @Test
    void auditorsAndAdministratorsRead_otherRolesAreRefused() {
        String auditor = "audit-auditor-" + suffix;
        String collector = "audit-collector-" + suffix;
        user(auditor, "AUDITOR");
        user(collector, "COLLECTOR");
        assertThat(get("/api/v1/audit?limit=1", auditor, PASSWORD).status()).isEqualTo(200);
        assertThat(get("/api/v1/audit/verify", auditor, PASSWORD).status()).isEqualTo(200);
        Response refused = get("/api/v1/audit?limit=1", collector, PASSWORD);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(get("/api/v1/audit/verify", collector, PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void logins_succeededAndFailed_areRecordedWithoutUnknownNames() {
        String user = "audit-login-" + suffix;
        user(user, "ADMIN");
        assertThat(get("/api/v1/audit?limit=1", user, PASSWORD).status()).isEqualTo(200);
        assertThat(get("/api/v1/audit?limit=1", user, "wrong-password").status()).isEqualTo(401);
        String typo = "hunter2-typed-as-a-name-" + suffix;
        assertThat(get("/api/v1/audit?limit=1", typo, "whatever").status()).isEqualTo(401);

        JsonNode entries = get("/api/v1/audit?subjectType=user&subjectId=" + user + "&limit=100").json()
                .get("entries");
        List<String> kinds = entries.valueStream().map(e -> e.get("kind").asString()).toList();
        assertThat(kinds).containsExactly("LOGIN_SUCCEEDED", "LOGIN_FAILED");
        assertThat(entries.get(0).get("actor").asString()).isEqualTo(user);
        assertThat(entries.get(1).get("details").get("reason").asString()).isEqualTo("BadCredentialsException");
        assertThat(entries.get(1).get("details").get("knownUser").asBoolean()).isTrue();

        String unknownSubject = "unknown:" + trail.fingerprint(typo);
        JsonNode unknown = get("/api/v1/audit?kind=LOGIN_FAILED&subjectType=user&subjectId=" + unknownSubject).json()
                .get("entries");
        assertThat(unknown.size()).isEqualTo(1);
        assertThat(unknown.get(0).get("actor").asString()).isEqualTo("anonymous");
        assertThat(unknown.get(0).get("details").get("knownUser").asBoolean()).isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where actor like ? or subject_id like ? or details like ?""")
                .params("%" + typo + "%", "%" + typo + "%", "%" + typo + "%").query(Long.class).single()).isZero();
    }
}
