package dev.arrears.platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.arrears.platform.Role.ADMIN;
import static dev.arrears.platform.Role.AGENCY;
import static dev.arrears.platform.Role.AUDITOR;
import static dev.arrears.platform.Role.COLLECTOR;
import static dev.arrears.platform.Role.MANAGER;
import static dev.arrears.platform.Role.STRATEGIST;
import static dev.arrears.platform.Role.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against representative API endpoints, as a table: a role the rules allow gets past authorisation (the
 * request may still be refused for its content: 400, 404, 422), any other gets 403 problem+json. The requests
 * name things that do not exist or carry bodies that do not validate, so that none of them changes anything.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessByRoleTest {

    private static final String PASSWORD = "access-by-role-password";
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Role, String> names = new EnumMap<>(Role.class);

    @BeforeAll
    void createOneUserPerRole() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (Role role : Role.values()) {
            String name = "abr-" + role.name().toLowerCase() + "-" + suffix;
            users.add(name, List.of(role.name()), PASSWORD, "test");
            names.put(role, name);
        }
    }

    /** An endpoint, how to call it, and the roles that may. */
    record Endpoint(String method, String path, String contentType, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/v1/accounts?size=1", null, null, ALL),
                new Endpoint("GET", "/api/v1/audit?size=1", null, null, EnumSet.of(ADMIN, AUDITOR)),
                new Endpoint("POST", "/api/v1/strategies", "application/yaml", "name: [", EnumSet.of(ADMIN, STRATEGIST)),
                new Endpoint("POST", "/api/v1/strategies/no-such-strategy/versions/999/activate", "application/json",
                        "{}", EnumSet.of(ADMIN, STRATEGIST)),
                new Endpoint("POST", "/api/v1/strategies/no-such-strategy/rollback", "application/json", "{}",
                        EnumSet.of(ADMIN, STRATEGIST)),
                new Endpoint("POST", "/api/v1/templates/no-such-template/SMS/versions/999/activate",
                        "application/json", "{}", EnumSet.of(ADMIN, STRATEGIST)),
                new Endpoint("POST", "/api/v1/tokens", "application/json", "{}", EnumSet.of(ADMIN)),
                new Endpoint("DELETE", "/api/v1/tokens/999999999", null, null, EnumSet.of(ADMIN)),
                new Endpoint("GET", "/api/v1/users", null, null, EnumSet.of(ADMIN)),
                new Endpoint("POST", "/api/v1/users", "application/json", "{}", EnumSet.of(ADMIN)),
                new Endpoint("POST", "/api/v1/users/no-such-user/disable", "application/json", "{}",
                        EnumSet.of(ADMIN)),
                new Endpoint("POST", "/api/v1/approvals/999999999/approve", "application/json", "{}",
                        EnumSet.of(ADMIN, COLLECTOR, SUPERVISOR, MANAGER)),
                new Endpoint("POST", "/api/v1/accounts/999999999/promises", "application/json", "{}",
                        EnumSet.of(ADMIN, COLLECTOR, SUPERVISOR, MANAGER, AGENCY)),
                new Endpoint("POST", "/api/v1/letters/999999999/cancel", "application/json", "{}",
                        EnumSet.of(ADMIN, MANAGER, SUPERVISOR)),
                new Endpoint("POST", "/api/v1/payments", "application/json", "{}", EnumSet.of(ADMIN, MANAGER)),
                new Endpoint("POST", "/api/v1/customers/no-such-customer/erasure", "application/json", "{}",
                        EnumSet.of(ADMIN)),
                // dry runs write nothing: the auditor may make them, as on the strategy pages
                new Endpoint("POST", "/api/v1/compliance/evaluate", "application/json", "{}",
                        EnumSet.of(ADMIN, STRATEGIST, MANAGER, SUPERVISOR, COLLECTOR, AUDITOR)),
                new Endpoint("POST", "/api/v1/strategies/validate", "application/yaml", "name: [",
                        EnumSet.of(ADMIN, STRATEGIST, MANAGER, SUPERVISOR, COLLECTOR, AUDITOR)),
                new Endpoint("POST", "/api/v1/strategies/no-such-strategy/evaluate", "application/json",
                        "{\"accountId\": \"999999999\"}",
                        EnumSet.of(ADMIN, STRATEGIST, MANAGER, SUPERVISOR, COLLECTOR, AUDITOR)));
    }

    static Stream<Arguments> rolesByEndpoint() {
        return endpoints().stream().flatMap(e -> Arrays.stream(Role.values()).map(r -> Arguments.of(r, e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rolesByEndpoint")
    void eachRole_reachesOnlyTheEndpointsItsWorkNeeds(Role role, Endpoint endpoint) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((names.get(role) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(endpoint.method(), endpoint.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(endpoint.body()));
        if (endpoint.contentType() != null) {
            request.header("Content-Type", endpoint.contentType());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (endpoint.allowed().contains(role)) {
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"status\":403");
        }
    }
}
