package dev.arrears.casework;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser-like HTTP session for page tests: a cookie jar, the form login with its CSRF token, and GETs. */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String base;
    private String username;

    private WebSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Creates a user with a unique name in app_user and signs in as that user. */
    static WebSession signedIn(int port, JdbcClient jdbc, PasswordEncoder encoder) throws Exception {
        return signedIn(port, jdbc, encoder, "ADMIN");
    }

    /** Creates a user with a unique name holding one role and signs in as that user. */
    static WebSession signedIn(int port, JdbcClient jdbc, PasswordEncoder encoder, String role) throws Exception {
        String username = "page-test-" + UUID.randomUUID();
        String password = UUID.randomUUID().toString();
        jdbc.sql("insert into app_user (username, password_hash, roles, enabled, created_at) "
                        + "values (?, ?, ?::text[], true, ?)")
                .params(username, encoder.encode(password), "{" + role + "}", Timestamp.from(Instant.now()))
                .update();
        WebSession session = new WebSession(port);
        session.username = username;
        HttpResponse<String> after = session.login(username, password);
        assertThat(after.uri().getPath()).as("lands after login").isNotEqualTo("/login");
        return session;
    }

    /** Returns an unauthenticated session. */
    static WebSession anonymous(int port) {
        return new WebSession(port);
    }

    /** Fetches the login form and posts it with its CSRF token; returns the page the redirects end on. */
    HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                + encode(token.group(1));
        return client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GETs a path (with query) in English and returns the response after redirects. */
    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, "en");
    }

    /** GETs a path (with query) asking for a language ("zh-CN") and returns the response after redirects. */
    HttpResponse<String> get(String pathAndQuery, String language) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .header("Accept", "text/html").header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Returns the signed-in user's name (null when anonymous). */
    String username() {
        return username;
    }

    /**
     * Posts a form to a path with the CSRF token of the page at {@code tokenPage} (any page with a form: the
     * sign-out form will do), without following the redirect; returns the response.
     */
    HttpResponse<String> post(String path, String tokenPage, java.util.Map<String, String> form)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get(tokenPage);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + encode(token.group(1)));
        form.forEach((k, v) -> body.append('&').append(encode(k)).append('=').append(encode(v)));
        HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(client.cookieHandler().orElseThrow())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return noRedirects.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html").header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Posts a form from a page: reads the CSRF token from {@code formPage}, adds it to the fields and posts them to
     * {@code path} (redirects followed), asking for HTML in English.
     */
    HttpResponse<String> postForm(String formPage, String path, java.util.Map<String, String> fields)
            throws IOException, InterruptedException {
        HttpResponse<String> form = get(formPage);
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as("the page %s carries a CSRF token", formPage).isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + encode(token.group(1)));
        fields.forEach((k, v) -> body.append('&').append(encode(k)).append('=').append(encode(v)));
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html").header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
