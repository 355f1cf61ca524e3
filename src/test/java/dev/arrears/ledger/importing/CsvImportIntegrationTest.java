package dev.arrears.ledger.importing;

import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV imports against the real ledger and database: the example files through {@code POST /api/v1/imports/{kind}}
 * and through {@link Ledger#importCsv}, idempotency, and bad files answered with line/column problems and nothing
 * written. Tolerates records left by earlier runs on a shared server: it asserts created + unchanged, and uses a
 * random prefix for records it checks are absent.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvImportIntegrationTest {

    private static final List<String> KINDS = List.of("customers", "accounts", "bills", "payments", "adjustments");

    @Value("${local.server.port}")
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private String authorization;

    @BeforeEach
    void createUser() {
        String user = prefix + "importer";
        jdbc.sql("insert into app_user (username, password_hash, roles, enabled, created_at)"
                        + " values (?, ?, ?::text[], true, ?) on conflict (username) do nothing")
                .params(user, encoder.encode("secret-" + user), "{ADMIN}", Timestamp.from(Instant.now()))
                .update();
        authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":secret-" + user).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void importsExampleFilesOverTheApiAndFindsThemUnchangedTheSecondTime() throws Exception {
        for (String kind : KINDS) {
            byte[] file = Files.readAllBytes(Path.of("docs/examples", kind + ".csv"));

            HttpResponse<String> first = post("/api/v1/imports/" + kind, file);
            assertThat(first.statusCode()).as(kind + ": " + first.body()).isIn(200, 201);
            JsonNode body = json.readTree(first.body());
            assertThat(body.get("kind").asString()).isEqualTo(kind);
            assertThat(body.get("errors")).isEmpty();
            assertThat(body.get("created").asInt() + body.get("unchanged").asInt())
                    .isEqualTo(body.get("records").asInt()).isPositive();

            HttpResponse<String> second = post("/api/v1/imports/" + kind, file);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            JsonNode again = json.readTree(second.body());
            assertThat(again.get("created").asInt()).isZero();
            assertThat(again.get("unchanged").asInt()).isEqualTo(body.get("records").asInt());
        }
        assertThat(ledger.accountByRef("EX-A-0001")).isPresent();
    }

    @Test
    void importsExampleFilesThroughTheLedger() throws Exception {
        for (String kind : KINDS) {
            try (InputStream in = Files.newInputStream(Path.of("docs/examples", kind + ".csv"))) {
                ImportResult result = ledger.importCsv(ImportKind.parse(kind), in, false);

                assertThat(result.errors()).as(kind).isEmpty();
                assertThat(result.written()).isTrue();
                assertThat(result.created() + result.unchanged()).isEqualTo(result.records()).isPositive();
            }
        }
        try (InputStream in = Files.newInputStream(Path.of("docs/examples/bills.csv"))) {
            ImportResult again = ledger.importCsv(ImportKind.BILLS, in, false);
            assertThat(again.created()).isZero();
            assertThat(again.unchanged()).isEqualTo(7);
        }
    }

    @Test
    void badFileIsAProblemWithLineAndColumnAndWritesNothing() throws Exception {
        importExampleCustomers();
        String file = "externalRef,customerRef,productLine,currency,status,openedOn,creditLimit\n"
                + prefix + "A1,EX-C-0001,BROADBAND,CNY,ACTIVE,2026-01-05,\n"
                + prefix + "A2,EX-C-0001,BROADBAND,XYZ,ACTIVE,2026-01-05,\n"
                + prefix + "A3,EX-C-0001,BROADBAND,CNY,ACTIVE,2026-02-30,\n";

        HttpResponse<String> response = post("/api/v1/imports/accounts", file.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("column").asString()).isEqualTo("currency");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(errors.get(1).get("column").asString()).isEqualTo("openedOn");
        assertThat(ledger.accountByRef(prefix + "A1")).isEmpty();
    }

    @Test
    void unknownAccountIsAnErrorOnItsLineAndSkipInvalidWritesTheRest() throws Exception {
        importExampleCustomers();
        String accounts = "externalRef,customerRef,productLine,currency,openedOn\n"
                + prefix + "A1,EX-C-0001,BROADBAND,CNY,2026-01-05\n"
                + prefix + "A2," + prefix + "no-such-customer,BROADBAND,CNY,2026-01-05\n";

        HttpResponse<String> strict = post("/api/v1/imports/accounts", accounts.getBytes(StandardCharsets.UTF_8));
        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(400);
        assertThat(json.readTree(strict.body()).get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(ledger.accountByRef(prefix + "A1")).isEmpty();

        HttpResponse<String> lenient = post("/api/v1/imports/accounts?skipInvalid=true",
                accounts.getBytes(StandardCharsets.UTF_8));
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(201);
        JsonNode body = json.readTree(lenient.body());
        assertThat(body.get("created").asInt()).isEqualTo(1);
        assertThat(body.get("skipped").asInt()).isEqualTo(1);
        assertThat(body.get("errors").get(0).get("column").asString()).isEqualTo("customerRef");
        assertThat(ledger.accountByRef(prefix + "A1")).isPresent();
    }

    @Test
    void unknownKindIsAProblem() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/invoices", "a\n1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("unknown import kind 'invoices'");
    }

    @Test
    void requestWithoutTheFilePartIsAProblem() throws Exception {
        HttpResponse<String> notMultipart = http.send(HttpRequest.newBuilder(uri("/api/v1/imports/bills"))
                .header("Authorization", authorization).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("externalRef\n")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongPart = send("/api/v1/imports/bills", "upload", "x\n".getBytes(StandardCharsets.UTF_8));

        assertThat(notMultipart.statusCode()).as(notMultipart.body()).isEqualTo(400);
        assertThat(wrongPart.statusCode()).as(wrongPart.body()).isEqualTo(400);
        assertThat(wrongPart.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void emptyFileIsAProblemOnLineOne() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/payments", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("detail").asString()).startsWith("the file is empty");
    }

    private void importExampleCustomers() throws Exception {
        ImportResult customers = ledger.importCsv(ImportKind.CUSTOMERS,
                new ByteArrayInputStream(Files.readAllBytes(Path.of("docs/examples/customers.csv"))), false);
        assertThat(customers.errors()).isEmpty();
    }

    private HttpResponse<String> post(String path, byte[] file) throws Exception {
        return send(path, "file", file);
    }

    private HttpResponse<String> send(String path, String partName, byte[] file) throws Exception {
        String boundary = "----arrears-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
                + "\"; filename=\"upload.csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
