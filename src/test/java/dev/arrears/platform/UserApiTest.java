package dev.arrears.platform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The users API as an administrator: create with a generated password, change roles, disable, bad input. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserApiTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String PASSWORD = "user-api-test-password";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = "uapi-admin-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAdministrator_createsAUserWithAGeneratedPassword_thatSignsIn_thenDisablesIt() throws Exception {
        users.add(admin, List.of("ADMIN"), PASSWORD, "test");
        String name = "uapi-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/users", admin, PASSWORD,
                "{\"username\":\"" + name + "\",\"roles\":[\"COLLECTOR\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode json = MAPPER.readTree(created.body());
        String password = json.get("password").asString();
        assertThat(json.get("user").get("roles").get(0).asString()).isEqualTo("COLLECTOR");
        assertThat(send("GET", "/api/v1/accounts?size=1", name, password, null).statusCode()).isEqualTo(200);

        HttpResponse<String> roles = send("PUT", "/api/v1/users/" + name + "/roles", admin, PASSWORD,
                "{\"roles\":[\"AUDITOR\",\"SUPERVISOR\"]}");
        assertThat(roles.body()).contains("\"roles\":[\"SUPERVISOR\",\"AUDITOR\"]");
        assertThat(send("POST", "/api/v1/users/" + name + "/disable", admin, PASSWORD, "").body())
                .contains("\"enabled\":false");
        assertThat(send("GET", "/api/v1/accounts?size=1", name, password, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badInput_isAProblemNamingEachField() throws Exception {
        users.add(admin, List.of("ADMIN"), PASSWORD, "test");
        HttpResponse<String> bad = send("POST", "/api/v1/users", admin, PASSWORD,
                "{\"username\":\"x\",\"roles\":[\"ROOT\"],\"password\":\"short\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body()).contains("/username").contains("/roles").contains("/password");
        assertThat(send("POST", "/api/v1/users/no-such-user-zz/enable", admin, PASSWORD, "").statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
