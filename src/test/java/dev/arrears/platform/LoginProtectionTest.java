package dev.arrears.platform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * Sign-in protection over real HTTP: a new session id at sign-in, CSRF on forms, security headers (HSTS only on
 * secure requests), the lock-out after five failures for real and made-up names alike (form and HTTP Basic), and
 * an auditor's refused form post on the friendly 403 page.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginProtectionTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final String PASSWORD = "login-protection-password";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    WebApplicationContext context;

    /** A cookie-keeping client that does not follow redirects. */
    final class Session {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "en").header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "en").header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String csrf(String page) throws Exception {
            Matcher m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("a CSRF token on " + page).isTrue();
            return enc(m.group(1));
        }

        /** Posts the login form; returns where it redirects. */
        String login(String name, String password) throws Exception {
            HttpResponse<String> done = post("/login", "username=" + enc(name) + "&password=" + enc(password)
                    + "&_csrf=" + csrf("/login"));
            assertThat(done.statusCode()).isEqualTo(302);
            return done.headers().firstValue("Location").orElseThrow();
        }

        String sessionId() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    @Test
    void signingIn_changesTheSessionId() throws Exception {
        Session s = new Session();
        String name = user(Role.COLLECTOR);
        s.csrf("/login");
        String before = s.sessionId();
        assertThat(before).as("the login form opens a session for its CSRF token").isNotNull();
        assertThat(s.login(name, PASSWORD)).endsWith("/");
        assertThat(s.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(s.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostedWithoutItsCsrfToken_isRefused() throws Exception {
        Session s = new Session();
        s.login(user(Role.ADMIN), PASSWORD);
        String name = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = s.post("/admin/users", "username=" + name
                + "&password=a-good-long-password&roles=ADMIN");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(users.user(name)).isEmpty();
        HttpResponse<String> accepted = s.post("/admin/users", "username=" + name
                + "&password=a-good-long-password&roles=ADMIN&_csrf=" + s.csrf("/admin/users"));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(users.user(name)).isPresent();
    }

    @Test
    void pages_carryCspAndFrameAncestors_andHstsOnlyWhenSecure() throws Exception {
        HttpResponse<String> plain = new Session().get("/login");
        assertThat(plain.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(plain.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        mvc.perform(get("/login").secure(false)).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void fiveFailures_lockARealNameAndAMadeUpOneAlike_evenForTheRightPassword() throws Exception {
        String real = user(Role.COLLECTOR);
        String madeUp = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of(real, madeUp)) {
            Session s = new Session();
            for (int i = 1; i <= 4; i++) {
                assertThat(s.login(name, "wrong-" + i)).endsWith("/login?error");
            }
            assertThat(s.login(name, "wrong-5")).endsWith("/login?locked");
            assertThat(s.get("/login?locked").body()).contains("Too many failed sign-ins.");
        }
        Session s = new Session();
        assertThat(s.login(real, PASSWORD)).as("locked: the right password waits too").endsWith("/login?locked");
        assertThat(basic(real, PASSWORD).statusCode()).as("and so does HTTP Basic").isEqualTo(401);
        assertThat(users.user(real).orElseThrow().locked()).isTrue();

        assertThat(users.unlock(real, "test")).isTrue();
        assertThat(new Session().login(real, PASSWORD)).endsWith("/");
        assertThat(basic(real, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void anAuditorsFormPost_getsTheFriendly403Page() throws Exception {
        Session s = new Session();
        s.login(user(Role.AUDITOR), PASSWORD);
        assertThat(s.get("/").statusCode()).isEqualTo(200);
        // no page takes a post at "/": anyone else would get 405; the auditor's is refused before that
        HttpResponse<String> refused = s.post("/", "q=x&_csrf=" + s.csrf("/"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).contains("Not allowed").contains("Your role does not allow this");
    }

    @Test
    void signingOut_endsTheSession() throws Exception {
        Session s = new Session();
        s.login(user(Role.MANAGER), PASSWORD);
        HttpResponse<String> out = s.post("/logout", "_csrf=" + s.csrf("/"));
        assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
        HttpResponse<String> after = s.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private HttpResponse<String> basic(String name, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/v1/accounts?size=1"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String user(Role role) {
        String name = "lp-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "test");
        return name;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
