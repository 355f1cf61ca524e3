package dev.arrears.contact.template.web;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
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
import tools.jackson.databind.node.ObjectNode;

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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the template API over real HTTP with Basic auth: list, read, store, 422 with positions, activate, preview. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemplateApiTest {

    private static final String USER = "template-api-test";
    private static final String PASSWORD = "template-api-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String TAIL = " {{disclosures.debtCollector}}{{disclosures.optOut}}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Ledger ledger;

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
        name = "api_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String draft(String zhCn, String zhTw, String en) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("description", "API test");
        ObjectNode locales = body.putObject("locales");
        locales.putObject("zh-CN").put("body", zhCn);
        locales.putObject("zh-TW").put("body", zhTw);
        locales.putObject("en").put("body", en);
        return body.toString();
    }

    @Test
    void listsTheShippedTemplates() {
        Response r = get("/api/v1/templates");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().values()).anySatisfy(t -> {
            assertThat(t.get("name").asString()).isEqualTo("overdue_notice");
            assertThat(t.get("channel").asString()).isEqualTo("EMAIL");
            assertThat(t.get("activeVersion").asInt()).isEqualTo(1);
        });
        Response detail = get("/api/v1/templates/final_notice/email");
        assertThat(detail.status()).isEqualTo(200);
        JsonNode v1 = detail.json().get("versions").get(0);
        assertThat(v1.get("active").asBoolean()).isTrue();
        assertThat(v1.get("locales").get("zh-TW").get("subject").asString()).startsWith("最後通知：");
        assertThat(v1.get("locales").get("en").propertyNames()).containsExactly("subject", "html", "text");
        assertThat(get("/api/v1/templates/variables").json().values())
                .anySatisfy(v -> assertThat(v.get("name").asString()).isEqualTo("payment.link"));
    }

    @Test
    void invalidVersionIs422WithLocalePartLineAndColumn() {
        Response r = post("/api/v1/templates/" + name + "/sms", draft("您好{{customer.name}}" + TAIL,
                "您好\n{{#bills}}{{number}}" + TAIL, "Hi {{customer.nmae}}" + TAIL));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").values()).hasSize(2).anySatisfy(e -> {
            assertThat(e.get("pointer").asString()).isEqualTo("/locales/zh-TW/body");
            assertThat(e.get("line").asInt()).isEqualTo(2);
            assertThat(e.get("column").asInt()).isEqualTo(1);
            assertThat(e.get("detail").asString()).isEqualTo("{{#bills}} is not closed: add {{/bills}}");
        }).anySatisfy(e -> {
            assertThat(e.get("pointer").asString()).isEqualTo("/locales/en/body");
            assertThat(e.get("column").asInt()).isEqualTo(4);
            assertThat(e.get("detail").asString()).contains("did you mean 'customer.name'?");
        });
        assertThat(get("/api/v1/templates/" + name + "/sms").status()).isEqualTo(404);
    }

    @Test
    void missingLocaleAndWrongTypesAre422AtTheirPointers() {
        Response r = post("/api/v1/templates/" + name + "/push",
                "{\"maxSegments\": \"three\", \"colour\": 1, \"locales\": {\"en\": {\"title\": 5, \"body\": \"x\"}}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").values()).extracting(e -> e.get("pointer").asString())
                .containsExactlyInAnyOrder("/colour", "/maxSegments", "/locales/en/title");
        Response missing = post("/api/v1/templates/" + name + "/push",
                "{\"locales\": {\"en\": {\"title\": \"T\", \"body\": \"x{{disclosures.debtCollector}}\"}}}");
        assertThat(missing.json().get("errors").values()).extracting(e -> e.get("pointer").asString())
                .containsExactly("/locales/zh-CN", "/locales/zh-TW");
    }

    @Test
    void emailVersionMayAskForTheBillAsAnAttachment() {
        Response shipped = get("/api/v1/templates/statement_of_account/email");
        assertThat(shipped.json().get("versions").get(0).get("attachBill").asBoolean()).isTrue();
        assertThat(get("/api/v1/templates/overdue_notice_bill/email").json().get("versions").get(0)
                .get("attachBill").asBoolean()).as("the e-mail benchmark's template attaches nothing").isFalse();
        assertThat(get("/api/v1/templates/demand_letter/letter").json().get("versions").get(0).has("attachBill"))
                .isFalse();

        String email = "{\"attachBill\": true, \"locales\": " + emailLocales() + "}";
        Response created = post("/api/v1/templates/" + name + "/email", email);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("attachBill").asBoolean()).isTrue();
        Response plain = post("/api/v1/templates/" + name + "/email", "{\"locales\": " + emailLocales() + "}");
        assertThat(plain.json().get("attachBill").asBoolean()).isFalse();
        assertThat(plain.json().get("sha256").asString()).as("the flag is part of the version's content")
                .isNotEqualTo(created.json().get("sha256").asString());

        Response notText = post("/api/v1/templates/" + name + "/email", "{\"attachBill\": \"yes\", \"locales\": "
                + emailLocales() + "}");
        assertThat(notText.status()).isEqualTo(422);
        assertThat(notText.json().get("errors").values()).extracting(e -> e.get("pointer").asString())
                .containsExactly("/attachBill");
        Response sms = post("/api/v1/templates/" + name + "/sms", draft("x" + TAIL, "x" + TAIL, "x" + TAIL)
                .replaceFirst("\\{", "{\"attachBill\": true, "));
        assertThat(sms.status()).as(sms.toString()).isEqualTo(422);
        assertThat(sms.json().get("errors").values()).extracting(e -> e.get("pointer").asString())
                .containsExactly("/attachBill");
    }

    private static String emailLocales() {
        String parts = "{\"subject\": \"S\", \"html\": \"<p>{{disclosures.optOut}} {{disclosures.optOutLink}}"
                + " {{disclosures.debtCollector}}</p>\", \"text\": \"{{disclosures.optOut}} "
                + "{{disclosures.optOutLink}} {{disclosures.debtCollector}}\"}";
        return "{\"zh-CN\": " + parts + ", \"zh-TW\": " + parts + ", \"en\": " + parts + "}";
    }

    @Test
    void storesActivatesAndPreviews() {
        long account = account();
        String owes = "{{customer.name}}，欠{{account.overdueAmount}}" + TAIL;
        Response created = post("/api/v1/templates/" + name + "/sms", draft(owes, owes,
                "{{customer.name}} owes {{account.overdueAmount}}" + TAIL));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/v1/templates/" + name + "/sms");
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("active").asBoolean()).isFalse();
        assertThat(created.json().get("maxSegments").asInt()).isEqualTo(3);

        Response notYet = post("/api/v1/templates/" + name + "/sms/preview", "{\"accountId\": " + account + "}");
        assertThat(notYet.status()).isEqualTo(404);

        Response activated = post("/api/v1/templates/" + name + "/SMS/versions/1/activate", "");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        assertThat(activated.json().get("activeVersion").asInt()).isEqualTo(1);
        assertThat(activated.json().get("activatedBy").asString()).isEqualTo(USER);

        Response preview = post("/api/v1/templates/" + name + "/sms/preview",
                "{\"accountId\": " + account + ", \"locale\": \"en\", \"jurisdiction\": \"US-REGF\"}");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("body").asString()).isEqualTo(
                "Chen Jing owes CN¥12.34 This is a communication from a debt collector.Reply STOP to opt out");
        assertThat(preview.json().get("hasOptOut").asBoolean()).isTrue();
        assertThat(preview.json().get("sms").get("encoding").asString()).isEqualTo("GSM-7");
        assertThat(preview.json().get("sms").get("segments").asInt()).isEqualTo(1);
        assertThat(preview.json().has("html")).isFalse();

        Response zh = post("/api/v1/templates/" + name + "/sms/preview", "{\"accountId\": " + account + "}");
        assertThat(zh.json().get("locale").asString()).isEqualTo("zh-TW");
        assertThat(zh.json().get("sms").get("encoding").asString()).isEqualTo("UCS-2");
    }

    @Test
    void badPathsAndBodiesAre400Or404() {
        assertThat(get("/api/v1/templates/overdue_notice/visit").status()).isEqualTo(400);
        assertThat(get("/api/v1/templates/overdue_notice/fax").status()).isEqualTo(400);
        assertThat(get("/api/v1/templates/Bad-Name/sms").status()).isEqualTo(400);
        assertThat(get("/api/v1/templates/no_such_template/sms").status()).isEqualTo(404);
        assertThat(post("/api/v1/templates/overdue_notice/sms/versions/99/activate", "").status()).isEqualTo(404);
        Response preview = post("/api/v1/templates/overdue_notice/sms/preview", "{\"locale\": \"fr\", \"x\": 1}");
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.text()).contains("accountId").contains("locale").contains("unknown key");
        assertThat(post("/api/v1/templates/" + name + "/sms", "[1, 2]").status()).isEqualTo(400);
        assertThat(post("/api/v1/templates/" + name + "/sms", "{not json").status()).isEqualTo(400);
        assertThat(send(at("/api/v1/templates").GET(), false).status()).isEqualTo(401);
    }

    private long account() {
        String p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Chen Jing", CustomerType.PERSON, "zh-TW",
                ZoneId.of("Asia/Taipei"), List.of())));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.TELECOM_POSTPAID,
                Currency.getInstance("CNY"), AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + "B", p + "A", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 20), Currency.getInstance("CNY"), 1_234L,
                List.of(new BillLine("Plan", LineCategory.SERVICE, 1_234L)))));
        return id;
    }

    Response send(HttpRequest.Builder request, boolean authenticated) {
        request.header("Accept", "application/json, application/problem+json");
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? MAPPER.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, r.headers().firstValue("Location").orElse(null), json, r.body());
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

    Response post(String path, String json) {
        return send(at(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), true);
    }

    Response get(String path) {
        return send(at(path).GET(), true);
    }
}
