package dev.arrears.platform;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The security baseline and the operations endpoints over real HTTP. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityAndOperationsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String user = "ops-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void createUser() {
        jdbc.sql("insert into app_user (username, password_hash, roles, enabled, created_at) values (?, ?, ?::text[], true, ?)")
                .params(user, encoder.encode("s3cret-pass"), "{ADMIN}", Timestamp.from(Instant.now()))
                .update();
    }

    private HttpResponse<String> get(String path, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOpenAndUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void apiWithoutCredentialsIs401ProblemNotARedirect() throws Exception {
        HttpResponse<String> response = get("/api/v1/accounts", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("/api/v1/accounts", "wrong-password").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/accounts", "s3cret-pass").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesRedirectToTheLoginForm() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsEndpointsNeedCredentials() throws Exception {
        // Spring Boot's test support replaces the meter registries, so the metric content of
        // /actuator/prometheus is checked on the running server (see the README); here: who may read it.
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", "wrong-password").statusCode()).isEqualTo(401);
    }
}
