package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.Receipt;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.platform.Role;
import dev.arrears.platform.Users;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox outbox and print queue pages over real HTTP, signed in per role: the list with masked recipients and
 * dispatch status, filters, one message with its job and receipts, the e-mail's HTML isolated in a sandboxed frame
 * served under its own policy, a letter's PDF, and who may act on the print queue.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxPagesTest {

    private static final String PASSWORD = "outbox-pages-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Dispatch dispatch;

    DispatchFixture f;

    @BeforeEach
    void setUp() {
        f = new DispatchFixture(ledger, cycles, jdbc);
    }

    @Test
    void outboxListsMaskedRecipients_withTheirDispatchStatus_andFilters() throws Exception {
        long a = f.account("Ma");
        f.sms(a);
        f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
        dispatch.runOnce(List.of(a));
        JobView sms = dispatch.jobs(new dev.arrears.contact.ContactViews.JobFilter(a, null, Channel.SMS, 0, 5))
                .items().getFirst();
        dispatch.recordReceipts(List.of(new Receipt(Channel.SMS, sms.providerIds().getFirst(), "DELIVERED",
                Instant.parse("2026-11-23T04:00:05Z"), "err:000")));
        String phone = jdbc.sql("select recipient from sandbox_message where account_id = ? and channel = 'SMS'")
                .param(a).query(String.class).single();

        Session auditor = signIn(Role.AUDITOR);
        HttpResponse<String> all = auditor.get("/outbox?account=" + a);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("<h1>Outbox</h1>", "Showing 1–2 of 2", "href=\"/accounts/" + a + "\"",
                        phone.substring(0, 5) + "****" + phone.substring(phone.length() - 4), "m***@example.cn",
                        ">Delivered<", ">Sent<")
                .doesNotContain(phone, "ma@example.cn");
        HttpResponse<String> delivered = auditor.get("/outbox?account=" + a + "&status=delivered&channel=");
        assertThat(delivered.body()).contains("Showing 1–1 of 1", "data-message=\"" + messageId(a, Channel.SMS) + "\"");
        HttpResponse<String> emails = auditor.get("/outbox?account=" + a + "&channel=EMAIL&status=nonsense");
        assertThat(emails.body()).contains("Showing 1–1 of 1",
                "data-message=\"" + messageId(a, Channel.EMAIL) + "\"");
        assertThat(auditor.get("/outbox?account=" + a + "&channel=LETTER").body()).contains("No message matches.");
    }

    @Test
    void smsMessage_showsItsTextEncodingSegments_andTheJobWithItsReceipt() throws Exception {
        long a = f.account("Lu");
        f.sms(a);
        dispatch.runOnce(List.of(a));
        JobView job = dispatch.jobs(new dev.arrears.contact.ContactViews.JobFilter(a, null, Channel.SMS, 0, 5))
                .items().getFirst();
        dispatch.recordReceipts(List.of(new Receipt(Channel.SMS, job.providerIds().getFirst(), "DELIVERED",
                Instant.parse("2026-11-23T04:00:05Z"), "err:000")));
        long id = messageId(a, Channel.SMS);

        HttpResponse<String> page = signIn(Role.COLLECTOR).get("/outbox/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Message " + id, "Lu您好", "data-sms=\"alphabet\">UCS2<",
                "data-sms=\"segments\"", "data-job=\"" + job.id() + "\"", job.providerIds().getFirst(),
                "Delivery receipts", "err:000", "2026-11-23 04:00:05");
    }

    @Test
    void emailHtml_isNeverInlined_butFramedInASandbox_underItsOwnPolicy() throws Exception {
        long a = f.account("Ge");
        f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
        dispatch.runOnce(List.of(a));
        long id = messageId(a, Channel.EMAIL);
        Session manager = signIn(Role.MANAGER);

        HttpResponse<String> page = manager.get("/outbox/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<iframe class=\"email-html\" sandbox=\"\"",
                "src=\"/outbox/" + id + "/html\"").doesNotContain("<p>Ge，您好：</p>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");

        HttpResponse<String> html = manager.get("/outbox/" + id + "/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<p>Ge，您好：</p>");
        assertThat(html.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("sandbox", "default-src 'none'", "frame-ancestors 'self'").doesNotContain("script-src");
        assertThat(html.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(manager.get("/outbox/" + messageIdOrZero(a, Channel.SMS) + "/html").statusCode())
                .isEqualTo(404);
    }

    @Test
    void letterInTheSandbox_linksItsPdf() throws Exception {
        long a = f.account("Qin", List.of(new ContactPoint(ContactKind.POSTAL, "上海市浦东新区世纪大道100号\nQin 收",
                Set.of(Channel.LETTER), Set.of())));
        f.plan(a, "LETTER", "LETTER", null, "demand_letter");
        dispatch.runOnce(List.of(a));
        long id = messageId(a, Channel.LETTER);
        Session supervisor = signIn(Role.SUPERVISOR);

        assertThat(supervisor.get("/outbox/" + id).body()).contains("href=\"/outbox/" + id + "/pdf\"");
        HttpResponse<String> pdf = supervisor.get("/outbox/" + id + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void letters_everyRoleButAgencyReads_andOnlyPrintersAct(Role role) throws Exception {
        Session s = signIn(role);
        HttpResponse<String> page = s.get("/letters");
        boolean reads = role != Role.AGENCY;
        boolean acts = Set.of(Role.ADMIN, Role.MANAGER, Role.SUPERVISOR).contains(role);
        assertThat(page.statusCode()).isEqualTo(reads ? 200 : 403);
        if (!reads) {
            assertThat(page.body()).contains("Not allowed");
            assertThat(s.get("/outbox").statusCode()).isEqualTo(403);
            return;
        }
        assertThat(page.body()).contains("<h1>Letters</h1>", "Batches");
        assertThat(page.body().contains("action=\"/letters/batches\"")).isEqualTo(acts);

        HttpResponse<String> create = s.post("/letters/batches", "maxLetters=1");
        if (acts) {
            assertThat(create.statusCode()).isEqualTo(200);
            assertThat(create.uri().getPath()).isEqualTo("/letters");
            assertThat(create.body()).containsAnyOf("data-notice=\"created\"", "No letter is waiting for a batch.");
        } else {
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(create.body()).contains("Not allowed");
        }
        HttpResponse<String> missing = s.post("/letters/batches/999999999/printed", "");
        assertThat(missing.statusCode()).isEqualTo(acts ? 200 : 403);
        if (acts) {
            assertThat(missing.body()).contains("There is no such batch.");
        }
    }

    private long messageId(long accountId, Channel channel) {
        return jdbc.sql("select id from sandbox_message where account_id = ? and channel = ? order by id desc limit 1")
                .params(accountId, channel.name()).query(Long.class).single();
    }

    private long messageIdOrZero(long accountId, Channel channel) {
        return jdbc.sql("select coalesce(max(id), 0) from sandbox_message where account_id = ? and channel = ?")
                .params(accountId, channel.name()).query(Long.class).single();
    }

    private Session signIn(Role role) throws Exception {
        String name = "obx-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "outbox-pages-test");
        Session s = new Session();
        s.login(name);
        return s;
    }

    /** A browser-like session: cookies, the login form with its CSRF token, GETs and form posts in English. */
    private final class Session {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private String csrf;

        void login(String name) throws Exception {
            String body = "username=" + encode(name) + "&password=" + PASSWORD + "&_csrf=" + token(get("/login"));
            HttpResponse<String> after = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(after.uri().getPath()).isNotEqualTo("/login");
            csrf = token(get("/"));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private String token(HttpResponse<String> page) {
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a CSRF token on " + page.uri()).isTrue();
            return encode(m.group(1));
        }

        private String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
