package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.WebhookSignature;
import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.PaymentView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments end to end over real HTTP: signed gateway webhooks post and reverse payments once (the case cures and
 * opens again), payment links carry a suggested amount inside the signed token, the portal's pay step pays through
 * the sandbox gateway and shows a receipt, and API tokens authenticate integrations by scope.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentsIntegrationTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final byte[] SECRET = "sandbox-webhook-secret-not-for-production".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    Cycles cycles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Portal portal;

    @Autowired
    Clock clock;

    @Autowired
    PasswordEncoder encoder;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final String p = "PY" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final String admin = "pay-admin-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void createAdmin() {
        jdbc.sql("insert into app_user (username, password_hash, roles, enabled, created_at) "
                        + "values (?, ?, ?::text[], true, ?)")
                .params(admin, encoder.encode("s3cret-pass"), "{ADMIN}", Timestamp.from(Instant.now())).update();
    }

    /** An account owing 100.00 CNY since 20 October 2026 with an open case; returns its id. */
    private long account(String name) {
        String ref = p + name;
        return cycles.withoutEventEvaluation(() -> {
            ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", "Chen " + name, CustomerType.PERSON,
                    "zh-CN", ZoneId.of("Asia/Shanghai"), List.of())));
            long id = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C", ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
            ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 10, 1),
                    LocalDate.of(2026, 10, 20), CNY, 10_000, List.of(new BillLine("套餐费", LineCategory.SERVICE,
                            10_000)))));
            long customer = ledger.currentStates(List.of(id)).get(id).customerId();
            jdbc.sql("""
                            insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                                outcome, updated_at)
                            values (?, ?, 'OPEN', ?, ?, 0, 'ACTIVE', ?)""")
                    .params(id, customer, LocalDate.of(2026, 10, 21), LocalDate.of(2026, 10, 20),
                            Timestamp.from(clock.instant())).update();
            return id;
        });
    }

    private String openCaseStatus(long accountId) {
        return jdbc.sql("select string_agg(status || coalesce(':' || close_reason, ''), ',' order by id) "
                        + "from collection_case where account_id = ?")
                .param(accountId).query(String.class).single();
    }

    private HttpResponse<String> webhook(String gateway, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/payments/webhooks/" + gateway))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Arrears-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedWebhook(String body) throws Exception {
        return webhook("sandbox", body, WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET,
                clock.instant().minusSeconds(10)));
    }

    private String succeeded(String eventId, String paymentRef, String accountRef, String amount) {
        return """
                {"id": "%s", "type": "payment.succeeded", "occurredAt": "2026-11-23T03:59:00Z",
                 "paymentRef": "%s", "accountRef": "%s", "amount": "%s", "currency": "CNY", "method": "ALIPAY"}"""
                .formatted(eventId, paymentRef, accountRef, amount);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((admin + ":s3cret-pass").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> api(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- webhooks

    @Test
    void paymentSucceededWebhook_postsThePaymentOnceAndCuresTheCase() throws Exception {
        long id = account("cure");
        String body = succeeded(p + "evt-1", p + "gw-1", p + "cure", "100.00");
        HttpResponse<String> first = signedWebhook(body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"duplicate\":false").contains("\"changed\":true");
        assertThat(ledger.account(id, null).orElseThrow().payments()).extracting(PaymentView::externalRef)
                .containsExactly(p + "gw-1");
        assertThat(ledger.account(id, null).orElseThrow().summary().overdueMinor()).isZero();
        assertThat(openCaseStatus(id)).isEqualTo("CLOSED:CURED");

        HttpResponse<String> replay = signedWebhook(body);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"duplicate\":true");
        assertThat(ledger.account(id, null).orElseThrow().payments()).hasSize(1);

        // the same payment under another event id: the ledger's idempotency holds, one payment, same answer
        HttpResponse<String> again = signedWebhook(succeeded(p + "evt-2", p + "gw-1", p + "cure", "100.00"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":false").contains("\"changed\":false");
        assertThat(ledger.account(id, null).orElseThrow().payments()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chargeback", "debit.returned", "payment.reversed"})
    void reversalWebhook_reversesThePaymentAndOpensACaseAgain(String type) throws Exception {
        long id = account("rev-" + type);
        assertThat(signedWebhook(succeeded(p + type + "-ok", p + type + "-gw", p + "rev-" + type, "100.00"))
                .statusCode()).isEqualTo(200);
        assertThat(openCaseStatus(id)).isEqualTo("CLOSED:CURED");

        String reversal = """
                {"id": "%s", "type": "%s", "paymentRef": "%s", "reason": "CHARGEBACK"}"""
                .formatted(p + type + "-back", type, p + type + "-gw");
        HttpResponse<String> response = signedWebhook(reversal);
        assertThat(response.statusCode()).isEqualTo(200);
        PaymentView payment = ledger.paymentByRef(p + type + "-gw").orElseThrow();
        assertThat(payment.reversedAt()).isNotNull();
        assertThat(payment.reversalReason().name()).isEqualTo(switch (type) {
            case "debit.returned" -> "RETURNED_DEBIT";
            default -> "CHARGEBACK";
        });
        assertThat(ledger.account(id, null).orElseThrow().summary().overdueMinor()).isEqualTo(10_000);
        assertThat(openCaseStatus(id)).isEqualTo("CLOSED:CURED,OPEN");
        assertThat(signedWebhook(reversal).body()).contains("\"duplicate\":true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bad", "stale", "missing", "malformed", "other-secret"})
    void badSignature_is401ProblemAndChangesNothing(String kind) throws Exception {
        long id = account("sig-" + kind);
        String body = succeeded(p + "sig-" + kind, p + "sig-gw-" + kind, p + "sig-" + kind, "10.00");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = switch (kind) {
            case "bad" -> "t=" + clock.instant().getEpochSecond() + ",v1=" + "ab".repeat(32);
            case "stale" -> WebhookSignature.sign(bytes, SECRET, clock.instant().minusSeconds(301));
            case "missing" -> null;
            case "malformed" -> "v1=garbage";
            default -> WebhookSignature.sign(bytes, "another".getBytes(StandardCharsets.UTF_8), clock.instant());
        };
        HttpResponse<String> response = webhook("sandbox", body, header);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ledger.account(id, null).orElseThrow().payments()).isEmpty();
        assertThat(jdbc.sql("select count(*) from payment_event where event_id = ?").param(p + "sig-" + kind)
                .query(Long.class).single()).isZero();
        // the same event correctly signed afterwards is applied: the rejected one left no trace
        assertThat(signedWebhook(body).body()).contains("\"duplicate\":false");
    }

    @Test
    void unknownGateway_is404() throws Exception {
        HttpResponse<String> response = webhook("nosuch", "{}", "t=1,v1=" + "0".repeat(64));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("nosuch");
    }

    @Test
    void signedButUnreadableEvent_is400ProblemNamingTheFields() throws Exception {
        HttpResponse<String> response = signedWebhook("""
                {"id": "%s", "type": "payment.succeeded", "paymentRef": "x", "amount": "1.234", "currency": "CNY"}"""
                .formatted(p + "bad-1"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/accountRef").contains("/amount");
        assertThat(signedWebhook("not json").statusCode()).isEqualTo(400);
        assertThat(signedWebhook("{\"id\":\"x\",\"type\":\"refund\",\"paymentRef\":\"y\"}").body())
                .contains("unknown type");
    }

    @Test
    void reversalOfUnknownPayment_is409AndCanBeRetried() throws Exception {
        String reversal = "{\"id\":\"" + p + "early\",\"type\":\"chargeback\",\"paymentRef\":\"" + p + "later\"}";
        assertThat(signedWebhook(reversal).statusCode()).isEqualTo(409);
        account("late");
        assertThat(signedWebhook(succeeded(p + "late-ok", p + "later", p + "late", "5.00")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> retried = signedWebhook(reversal);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("\"duplicate\":false");
    }

    // ---------------------------------------------------------------- payment links and the portal

    @Test
    void paymentLink_carriesTheSuggestedAmountInsideTheSignedToken() throws Exception {
        long id = account("link");
        HttpResponse<String> created = api("POST", "/api/v1/accounts/" + id + "/payment-links", basic(),
                "{\"amount\": \"12.34\", \"validDays\": 3}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"amount\":\"12.34\"").contains("\"currency\":\"CNY\"")
                .contains("\"expiresAt\":\"2026-11-26T04:00:00Z\"");
        String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(created.body()).contains("\"url\":\"" + portal.link(token) + "\"");
        assertThat(portal.verify(token)).isEqualTo(new PortalToken.Valid(new PortalToken.Claims(id,
                Instant.parse("2026-11-26T04:00:00Z"), 1_234L, "CNY")));

        HttpResponse<String> page = api("GET", "/portal/" + token, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("建议还款金额").contains("value=\"12.34\"").contains("/portal/" + token + "/pay");

        String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        assertThat(api("GET", "/portal/" + tampered, null, null).statusCode()).isEqualTo(404);
        String expired = portal.token(id, clock.instant().minusSeconds(1), dev.arrears.shared.Money.ofMinor(1, "CNY"));
        assertThat(api("GET", "/portal/" + expired, null, null).statusCode()).isEqualTo(410);
    }

    @Test
    void paymentLinkWithoutBody_hasNoAmountAndTheDefaultValidity() throws Exception {
        long id = account("plain");
        HttpResponse<String> created = api("POST", "/api/v1/accounts/" + id + "/payment-links", basic(), null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"amount\":null").contains("\"expiresAt\":\"2026-12-23T04:00:00Z\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"amount\": \"abc\"}", "{\"amount\": \"1.234\"}", "{\"amount\": \"-1\"}",
            "{\"amount\": 12}", "{\"currency\": \"USD\"}", "{\"validDays\": 0}", "{\"validDays\": \"x\"}",
            "{\"colour\": 1}", "[1]", "{oops"})
    void paymentLinkBadInput_is400Problem(String body) throws Exception {
        long id = account("bad" + Math.abs(body.hashCode()));
        HttpResponse<String> response = api("POST", "/api/v1/accounts/" + id + "/payment-links", basic(), body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void paymentLinkForUnknownAccount_is404() throws Exception {
        assertThat(api("POST", "/api/v1/accounts/999999999/payment-links", basic(), "{}").statusCode())
                .isEqualTo(404);
        assertThat(api("POST", "/api/v1/accounts/abc/payment-links", basic(), "{}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> pay(String token, String amount, String attempt, Map<String, String> headers)
            throws Exception {
        String form = "amount=" + URLEncoder.encode(amount, StandardCharsets.UTF_8) + "&attempt=" + attempt;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/portal/" + token + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void portalPayStep_paysThroughTheSandboxOnceAndShowsAReceipt() throws Exception {
        long id = account("portal");
        String token = portal.token(id);
        HttpResponse<String> bill = api("GET", "/portal/" + token, null, null);
        assertThat(bill.body()).contains("立即付款").contains("value=\"100.00\"").doesNotContain("_csrf");
        assertThat(bill.headers().firstValue("Set-Cookie")).isEmpty();

        String attempt = UUID.randomUUID().toString();
        HttpResponse<String> paid = pay(token, "30.00", attempt, Map.of("Sec-Fetch-Site", "same-origin",
                "Origin", base()));
        assertThat(paid.statusCode()).isEqualTo(303);
        String receiptPath = "/portal/" + token + "/receipt/portal-" + attempt;
        assertThat(paid.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(receiptPath));
        assertThat(ledger.paymentByRef("portal-" + attempt).orElseThrow().amountMinor()).isEqualTo(3_000);

        HttpResponse<String> receipt = api("GET", receiptPath, null, null);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(receipt.body()).contains("感谢您的付款").contains("¥30.00").contains("¥70.00")
                .contains("portal-" + attempt);

        // the form sent twice pays once
        assertThat(pay(token, "30.00", attempt, Map.of()).statusCode()).isEqualTo(303);
        assertThat(ledger.account(id, null).orElseThrow().payments()).hasSize(1);
        assertThat(openCaseStatus(id)).isEqualTo("OPEN");
    }

    @Test
    void portalPayStepOfTheWholeOverdueAmount_curesTheCase() throws Exception {
        long id = account("portal-all");
        assertThat(pay(portal.token(id), "100", UUID.randomUUID().toString(), Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(openCaseStatus(id)).isEqualTo("CLOSED:CURED");
    }

    @Test
    void portalPayStepRefusesBadAmountsForgedFormsAndDeadLinks() throws Exception {
        long id = account("portal-bad");
        String token = portal.token(id);
        String attempt = UUID.randomUUID().toString();
        assertThat(pay(token, "100.01", attempt, Map.of()).statusCode()).isEqualTo(400);
        assertThat(pay(token, "0", attempt, Map.of()).statusCode()).isEqualTo(400);
        assertThat(pay(token, "1.001", attempt, Map.of()).statusCode()).isEqualTo(400);
        assertThat(pay(token, "abc", attempt, Map.of()).statusCode()).isEqualTo(400);
        assertThat(pay(token, "10", "short", Map.of()).statusCode()).isEqualTo(403);
        assertThat(pay(token, "10", attempt, Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        assertThat(pay(token, "10", attempt, Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
        String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        assertThat(pay(tampered, "10", attempt, Map.of()).statusCode()).isEqualTo(404);
        assertThat(pay(portal.token(id, clock.instant().minusSeconds(1), null), "10", attempt, Map.of())
                .statusCode()).isEqualTo(410);
        assertThat(ledger.account(id, null).orElseThrow().payments()).isEmpty();
        // another account's payment is not shown through this link
        long other = account("portal-other");
        String otherAttempt = UUID.randomUUID().toString();
        pay(portal.token(other), "5", otherAttempt, Map.of());
        assertThat(api("GET", "/portal/" + token + "/receipt/portal-" + otherAttempt, null, null).statusCode())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- API tokens

    private String createToken(String scopes) throws Exception {
        HttpResponse<String> created = api("POST", "/api/v1/tokens", basic(),
                "{\"name\": \"" + p + "sync\", \"scopes\": [" + scopes + "]}");
        assertThat(created.statusCode()).isEqualTo(201);
        return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private String payment(String ref, String accountRef) {
        return "{\"externalRef\":\"" + ref + "\",\"accountRef\":\"" + accountRef + "\",\"amount\":\"1.00\","
                + "\"currency\":\"CNY\",\"receivedAt\":\"2026-11-23T03:00:00Z\",\"method\":\"CARD\"}";
    }

    @Test
    void apiToken_isStoredAsItsSha256AndPostsPaymentsUntilRevoked() throws Exception {
        account("tok");
        String token = createToken("\"payments:write\", \"read\"");
        assertThat(token).startsWith("arr_").hasSize(47);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> row = jdbc.sql("select * from api_token where token_sha256 = ?").param(hash)
                .query().singleRow();
        assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(token.substring(4)));
        assertThat(row.get("last_used_at")).isNull();

        HttpResponse<String> posted = api("POST", "/api/v1/payments", "Bearer " + token, payment(p + "tp1", p + "tok"));
        assertThat(posted.statusCode()).isEqualTo(201);
        HttpResponse<String> again = api("POST", "/api/v1/payments", "Bearer " + token, payment(p + "tp1", p + "tok"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/accounts", "Bearer " + token, null).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select last_used_at from api_token where token_sha256 = ?").param(hash)
                .query(Timestamp.class).single()).isNotNull();
        // tokens are not administrators
        assertThat(api("GET", "/api/v1/tokens", "Bearer " + token, null).statusCode()).isEqualTo(403);

        long tokenId = (Long) row.get("id");
        HttpResponse<String> listed = api("GET", "/api/v1/tokens", basic(), null);
        assertThat(listed.body()).contains("\"id\":" + tokenId).doesNotContain(token);
        assertThat(api("DELETE", "/api/v1/tokens/" + tokenId, basic(), null).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = api("POST", "/api/v1/payments", "Bearer " + token, payment(p + "tp2", p + "tok"));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(jdbc.sql("select kind from audit_entry where subject_type = 'api-token' and subject_id = ? "
                + "order by id").param(Long.toString(tokenId)).query(String.class).list())
                .containsExactly("API_TOKEN_CREATED", "API_TOKEN_REVOKED");
    }

    @Test
    void apiTokenOutsideItsScopes_is403() throws Exception {
        account("scope");
        String readOnly = createToken("\"read\"");
        assertThat(api("GET", "/api/v1/accounts", "Bearer " + readOnly, null).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = api("POST", "/api/v1/payments", "Bearer " + readOnly,
                payment(p + "sp1", p + "scope"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("payments:write");
        String writeOnly = createToken("\"payments:write\"");
        assertThat(api("GET", "/api/v1/accounts", "Bearer " + writeOnly, null).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/v1/customers", "Bearer " + writeOnly, "{}").statusCode()).isEqualTo(403);
        assertThat(ledger.paymentByRef(p + "sp1")).isEmpty();
    }

    @Test
    void unknownApiToken_is401() throws Exception {
        assertThat(api("GET", "/api/v1/accounts", "Bearer arr_" + "x".repeat(43), null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/v1/accounts", "Bearer nonsense", null).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"name\": \"x\", \"scopes\": [\"root\"]}", "{\"name\": \"x\", \"scopes\": []}",
            "{\"scopes\": [\"read\"]}", "{\"name\": \"x\", \"scopes\": \"read\"}", "not json"})
    void tokenBadInput_is400Problem(String body) throws Exception {
        HttpResponse<String> response = api("POST", "/api/v1/tokens", basic(), body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void revokingAnUnknownToken_is404() throws Exception {
        assertThat(api("DELETE", "/api/v1/tokens/999999999", basic(), null).statusCode()).isEqualTo(404);
    }
}
