package dev.arrears.privacy;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.AddressDigest;
import dev.arrears.shared.Channel;
import dev.arrears.shared.PersonalDataRead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export and erasure of a customer's personal data over real HTTP against the embedded database, with the
 * events they announce. Every test makes its own customer (unique references) on the shared database; the clock is
 * fixed at 2026-11-23T04:00:00Z.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PHONE = "+8613812345678";
    private static final String EMAIL = "wang.xiaoming@example.cn";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Ledger ledger;

    @Autowired
    ConfigurableApplicationContext context;

    private final String p = "PD" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> recorder = e -> {
        if (e instanceof PayloadApplicationEvent<?> payload) {
            events.add(payload.getPayload());
        }
    };
    private String admin;
    private String collector;

    @BeforeEach
    void setUp() {
        admin = user("ADMIN");
        collector = user("COLLECTOR");
        context.addApplicationListener(recorder);
    }

    @AfterEach
    void tearDown() {
        context.removeApplicationListener(recorder);
    }

    // ---- export ------------------------------------------------------------------------------------------------

    @Test
    void exportHoldsTheCustomerContactsAccountsBillsPaymentsAndAdjustments() {
        long id = customerWithHistory();

        Http.Response export = get(admin, "/api/v1/customers/" + p + "C/personal-data");

        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/json");
        JsonNode json = export.json();
        assertThat(json.get("format").asString()).isEqualTo("arrears-personal-data/1");
        assertThat(json.get("exportedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        JsonNode customer = json.get("customer");
        assertThat(customer.get("id").asLong()).isEqualTo(id);
        assertThat(customer.get("name").asString()).isEqualTo("王小明");
        assertThat(customer.get("type").asString()).isEqualTo("PERSON");
        assertThat(customer.get("locale").asString()).isEqualTo("zh-CN");
        assertThat(customer.get("timeZone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(customer.get("erasedAt").isNull()).isTrue();
        JsonNode phone = customer.get("contactPoints").get(0);
        assertThat(phone.get("value").asString()).isEqualTo(PHONE);
        assertThat(phone.get("consents").values().stream().map(JsonNode::asString)).containsExactly("CALL");
        assertThat(phone.get("optOuts").values().stream().map(JsonNode::asString)).containsExactly("SMS");
        assertThat(customer.get("contactPoints").get(1).get("value").asString()).isEqualTo(EMAIL);
        JsonNode account = json.get("accounts").get(0);
        assertThat(account.get("externalRef").asString()).isEqualTo(p + "A");
        assertThat(account.get("currency").asString()).isEqualTo("CNY");
        assertThat(account.get("creditLimit").asString()).isEqualTo("500.00");
        JsonNode bill = account.get("bills").get(0);
        assertThat(bill.get("total").asString()).isEqualTo("120.50");
        assertThat(bill.get("outstanding").asString()).isEqualTo("20.50");
        assertThat(bill.get("lines").get(1).get("description").asString()).isEqualTo("Roaming");
        assertThat(bill.get("lines").get(1).get("amount").asString()).isEqualTo("32.50");
        assertThat(account.get("payments").get(0).get("amount").asString()).isEqualTo("90.00");
        assertThat(account.get("payments").get(0).get("method").asString()).isEqualTo("ALIPAY");
        assertThat(account.get("adjustments").get(0).get("amount").asString()).isEqualTo("10.00");
        assertThat(account.get("adjustments").get(0).get("reason").asString()).isEqualTo("Goodwill");
        assertThat(json.get("sections").isObject()).isTrue();
    }

    @Test
    void exportAnnouncesTheHashOfTheDeliveredBytesAndTheReader() {
        long id = customerWithHistory();

        Http.Response export = get(admin, "/api/v1/customers/" + p + "C/personal-data");

        String sha256 = AddressDigest.sha256Hex(export.bytes());
        assertThat(export.header("Repr-Digest")).isEqualTo("sha-256=:"
                + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":");
        assertThat(events).contains(
                new PersonalDataExported(id, admin, sha256, Instant.parse("2026-11-23T04:00:00Z")),
                new PersonalDataRead(id, admin, "GET /api/v1/customers/{externalRef}/personal-data",
                        Instant.parse("2026-11-23T04:00:00Z")));
    }

    // ---- erasure -----------------------------------------------------------------------------------------------

    @Test
    void erasureReplacesNameAndAddressesButKeepsAmountsAndBalances() {
        long id = customerWithHistory();
        AccountSummary before = ledger.accountByRef(p + "A").orElseThrow();

        Http.Response erased = post(admin, "/api/v1/customers/" + p + "C/erasure",
                "{\"reason\": \"customer's request of 2026-11-20, sent from " + EMAIL + "\"}");

        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        assertThat(erased.json().get("customerId").asLong()).isEqualTo(id);
        assertThat(erased.json().get("erasedNow").asBoolean()).isTrue();
        assertThat(erased.json().get("erasedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        JsonNode customer = get(admin, "/api/v1/customers/" + id).json();
        assertThat(customer.get("name").asString()).isEqualTo("erased-" + id);
        assertThat(customer.get("contactPoints").values().stream().map(c -> c.get("value").asString()))
                .containsOnly("erased");
        assertThat(customer.get("contactPoints").get(0).get("optOuts").get(0).asString()).isEqualTo("SMS");
        assertThat(customer.get("contactPoints").get(0).get("consents")).isEmpty();
        assertThat(customer.toString()).doesNotContain(PHONE, EMAIL, "王小明", "Beijing");
        AccountSummary after = ledger.accountByRef(p + "A").orElseThrow();
        assertThat(after.balanceMinor()).isEqualTo(before.balanceMinor()).isEqualTo(2_050);
        assertThat(after.overdueMinor()).isEqualTo(before.overdueMinor());
        JsonNode export = get(admin, "/api/v1/customers/" + p + "C/personal-data").json();
        assertThat(export.get("customer").get("erasedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(export.get("customer").get("name").asString()).isEqualTo("erased-" + id);
        assertThat(export.get("accounts").get(0).get("bills").get(0).get("total").asString()).isEqualTo("120.50");
        assertThat(export.get("accounts").get(0).get("payments").get(0).get("receivedAt").asString())
                .isEqualTo("2026-11-01T02:00:00Z");
        assertThat(export.toString()).doesNotContain(PHONE, EMAIL, "王小明");
    }

    @Test
    void erasureKeepsOnlyTheDigestOfAnOptedOutAddress() {
        long id = customerWithHistory();

        post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"request\"}");

        List<String> digests = jdbc.sql(
                        "select value_sha256 from contact_point where customer_id = ? order by position")
                .param(id).query((rs, n) -> rs.getString(1)).list();
        assertThat(digests).containsExactly(AddressDigest.of(PHONE), null, null, null);
        assertThat(ledger.erasedOptOuts("+86 138 1234 5678")).containsExactly(Channel.SMS);
        assertThat(ledger.erasedOptOuts(EMAIL)).isEmpty();
    }

    @Test
    void erasureAnnouncesItselfWithTheReasonMasked() {
        long id = customerWithHistory();

        post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"asked by phone from " + PHONE + "\"}");

        assertThat(events).contains(new PersonalDataErased(id, admin, "asked by phone from +86138****5678",
                Instant.parse("2026-11-23T04:00:00Z")));
    }

    @Test
    void secondErasureChangesNothingAndAnswers200WithTheFirstOne() {
        long id = customerWithHistory();
        post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"request\"}");
        events.clear();

        Http.Response again = post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"again\"}");

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("erasedNow").asBoolean()).isFalse();
        assertThat(again.json().get("erasedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(again.json().get("customerId").asLong()).isEqualTo(id);
        assertThat(events).noneMatch(e -> e instanceof PersonalDataErased);
    }

    @Test
    void erasedReferenceCannotBeRegisteredAgainNorGetNewAccounts() {
        customerWithHistory();
        post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"request\"}");

        Http.Response again = post(admin, "/api/v1/customers", """
                {"externalRef": "%sC", "name": "王小明", "type": "PERSON", "locale": "zh-CN",
                 "timeZone": "Asia/Shanghai", "contactPoints": []}""".formatted(p));
        Http.Response account = post(admin, "/api/v1/accounts", """
                {"externalRef": "%sA2", "customerRef": "%sC", "productLine": "BROADBAND", "currency": "CNY",
                 "openedOn": "2026-11-01"}""".formatted(p, p));

        assertProblem(again, 409);
        assertThat(again.json().get("detail").asString()).startsWith("customer '" + p + "C' was erased on ")
                .contains("cannot be registered again");
        assertThat(pointers(again)).containsExactly("/externalRef");
        assertProblem(account, 400);
        assertThat(pointers(account)).containsExactly("/customerRef");
    }

    @Test
    void paymentsStillPostToAnErasedCustomersAccount() {
        customerWithHistory();
        post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"request\"}");

        ledger.postPayments(List.of(new PostPayment(p + "P2", p + "A", 2_050, Currency.getInstance("CNY"),
                Instant.parse("2026-11-22T02:00:00Z"), PaymentMethod.BANK_TRANSFER, null)));

        assertThat(ledger.accountByRef(p + "A").orElseThrow().balanceMinor()).isZero();
    }

    // ---- refusals ----------------------------------------------------------------------------------------------

    @Test
    void nonAdministratorGets403ProblemForExportAndErasure() {
        customerWithHistory();

        Http.Response export = get(collector, "/api/v1/customers/" + p + "C/personal-data");
        Http.Response erasure = post(collector, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"x\"}");

        assertProblem(export, 403);
        assertProblem(erasure, 403);
        assertThat(ledger.customerRecords(p + "C").orElseThrow().erasedAt()).isNull();
        assertThat(events).noneMatch(e -> e instanceof PersonalDataExported || e instanceof PersonalDataErased);
    }

    @Test
    void unknownCustomerGets404Problem() {
        assertProblem(get(admin, "/api/v1/customers/" + p + "NOBODY/personal-data"), 404);
        assertProblem(post(admin, "/api/v1/customers/" + p + "NOBODY/erasure", "{\"reason\": \"x\"}"), 404);
    }

    @Test
    void erasureWithoutAReasonGets400NamingIt() {
        customerWithHistory();

        Http.Response blank = post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": \"  \"}");
        Http.Response none = post(admin, "/api/v1/customers/" + p + "C/erasure", "");
        Http.Response unknown = post(admin, "/api/v1/customers/" + p + "C/erasure",
                "{\"reason\": \"x\", \"force\": true}");
        Http.Response number = post(admin, "/api/v1/customers/" + p + "C/erasure", "{\"reason\": 42}");

        assertProblem(blank, 400);
        assertThat(pointers(blank)).containsExactly("/reason");
        assertThat(pointers(none)).containsExactly("/reason");
        assertThat(pointers(unknown)).containsExactly("/force");
        assertThat(pointers(number)).containsExactly("/reason");
        assertThat(ledger.customerRecords(p + "C").orElseThrow().erasedAt()).isNull();
    }

    // ---- reads of personal data elsewhere ----------------------------------------------------------------------

    @Test
    void ledgerApiAnnouncesReadsOfACustomer() {
        long id = customerWithHistory();
        long account = ledger.accountByRef(p + "A").orElseThrow().id();

        assertThat(get(admin, "/api/v1/customers/" + id).status()).isEqualTo(200);
        assertThat(get(admin, "/api/v1/accounts/" + account).status()).isEqualTo(200);

        Instant at = Instant.parse("2026-11-23T04:00:00Z");
        assertThat(events).filteredOn(e -> e instanceof PersonalDataRead).containsExactly(
                new PersonalDataRead(id, admin, "GET /api/v1/customers/{id}", at),
                new PersonalDataRead(id, admin, "GET /api/v1/accounts/{id}", at));
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    /**
     * Creates a customer with a phone (opted out of SMS), an e-mail, a postal address and a push token, and a CNY
     * account with a bill of 120.50 due 2026-10-10, a payment of 90.00 and a credit note of 10.00: 20.50 left.
     */
    private long customerWithHistory() {
        Currency cny = Currency.getInstance("CNY");
        long id = ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "王小明", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(
                new ContactPoint(ContactKind.PHONE, PHONE, Set.of(Channel.CALL), Set.of(Channel.SMS)),
                new ContactPoint(ContactKind.EMAIL, EMAIL, Set.of(Channel.EMAIL), Set.of()),
                new ContactPoint(ContactKind.POSTAL, "1 Chang'an Avenue, Beijing", Set.of(Channel.LETTER), Set.of()),
                new ContactPoint(ContactKind.PUSH, "push-token-" + p, Set.of(Channel.PUSH), Set.of())))))
                .getFirst().view().id();
        ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.TELECOM_POSTPAID, cny,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), 50_000L)));
        ledger.issueBills(List.of(new IssueBill(p + "B", p + "A", LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 10),
                cny, 12_050, List.of(new BillLine("Monthly plan", LineCategory.SERVICE, 8_800),
                new BillLine("Roaming", LineCategory.USAGE, 3_250)))));
        ledger.postPayments(List.of(new PostPayment(p + "P", p + "A", 9_000, cny,
                Instant.parse("2026-11-01T02:00:00Z"), PaymentMethod.ALIPAY, p + "B")));
        ledger.recordAdjustments(List.of(new RecordAdjustment(p + "D", p + "A", p + "B", AdjustmentType.CREDIT_NOTE,
                1_000, cny, "Goodwill", LocalDate.of(2026, 11, 2), null)));
        events.clear();
        return id;
    }

    /** Creates a user with the role and the password "pw-" + its name; returns the name. */
    private String user(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?)""")
                .params(name, encoder.encode("pw-" + name), "{" + role + "}", Timestamp.from(Instant.now()))
                .update();
        return name;
    }

    private Http.Response get(String user, String path) {
        return Http.send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    private Http.Response post(String user, String path, String json) {
        return Http.send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    private static List<String> pointers(Http.Response response) {
        return response.json().get("errors").values().stream().map(e -> e.get("pointer").asString()).toList();
    }

    /** A minimal HTTP client with Basic authentication (password "pw-" + user name). */
    private static final class Http {

        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        record Response(int status, String contentType, byte[] bytes, HttpResponse<byte[]> raw) {

            String text() {
                return new String(bytes, StandardCharsets.UTF_8);
            }

            JsonNode json() {
                return JSON.readTree(bytes);
            }

            String header(String name) {
                return raw.headers().firstValue(name).orElse(null);
            }
        }

        static Response send(String user, HttpRequest.Builder request) {
            request.header("Accept", "application/json, application/problem+json").header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":pw-" + user).getBytes(StandardCharsets.UTF_8)));
            try {
                HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.body(), response);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
