package dev.arrears.bank.web;

import dev.arrears.bank.domain.CreditorReference;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.PaymentView;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives bank reconciliation over real HTTP against the embedded database, with the example files of docs/examples
 * made unique per test (references, servicer references and the name-only payer carry the test's prefix, and the
 * RF reference is recomputed), since the tests share one database.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BankApiTest {

    private static final String USER = "bank-test";
    private static final String PASSWORD = "bank-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String BANK_ACCOUNT = "6222020200112345678";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Ledger ledger;

    @Autowired
    java.util.List<dev.arrears.shared.PersonalDataSource> personalData;

    private final HttpClient http = HttpClient.newHttpClient();
    String p;

    record Response(int status, String contentType, String text, JsonNode json) {
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
        p = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
        loadPortfolio();
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    /** Six CNY accounts, as the example files expect them, under this test's prefix. */
    private void loadPortfolio() {
        String[][] customers = {{"王伟", "16850"}, {"陳美玲", "30000"}, {"Zhang San", "8850"},
                {"Northwind Trading Ltd", "10000"}, {"Alice Walker", "15000"}, {"李娜" + p, "19900"}};
        List<RegisterCustomer> registered = new ArrayList<>();
        List<OpenAccount> accounts = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        Currency cny = Currency.getInstance("CNY");
        for (int i = 0; i < customers.length; i++) {
            String n = String.valueOf(i + 1);
            long total = Long.parseLong(customers[i][1]);
            registered.add(new RegisterCustomer(p + "C" + n, customers[i][0], CustomerType.PERSON, "zh-CN",
                    ZoneId.of("Asia/Shanghai"), List.of()));
            accounts.add(new OpenAccount(p + "ACC1000" + n, p + "C" + n, ProductLine.TELECOM_POSTPAID, cny,
                    AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null));
            bills.add(new IssueBill(p + "INV-202611-000" + n, p + "ACC1000" + n, LocalDate.of(2026, 10, 20),
                    LocalDate.of(2026, 11, 10), cny, total, List.of(new BillLine("Monthly plan",
                    LineCategory.SERVICE, total))));
        }
        ledger.load(new LedgerBatch(registered, accounts, bills, List.of(), List.of()));
    }

    /** Returns an example file with this test's references. */
    private String example(String name) throws IOException {
        return Files.readString(Path.of("docs/examples", name))
                .replace("ACC1000", p + "ACC1000")
                .replace("RF84" + p + "ACC10002", CreditorReference.of(p + "ACC10002"))
                .replace("INV-202611-", p + "INV-202611-")
                .replace("2026112000", p + "2026112000")
                .replace("E2E-20261120", p + "E2E-20261120")
                .replace("李 娜", "李 娜" + p);
    }

    private String paymentRef(String servicerRef) {
        return "camt:" + BANK_ACCOUNT + "|" + p + servicerRef;
    }

    private AccountView account(String n) {
        long id = ledger.accountByRef(p + "ACC1000" + n).orElseThrow().id();
        return ledger.account(id, null).orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") && !response.body().isEmpty()
                    ? MAPPER.readTree(response.body()) : null;
            return new Response(response.statusCode(), contentType, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a file as the multipart part {@code file}. */
    private Response upload(String kind, String fileName, String xml) {
        String boundary = "----arrears" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        return send(request("/api/v1/imports/" + kind)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Response postXml(String kind, String fileName, String xml) {
        return send(request("/api/v1/imports/" + kind + "?fileName=" + fileName)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    private Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private Response get(String path) {
        return send(request(path).GET());
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private long importCount() {
        return jdbc.sql("select count(*) from bank_import").query(Long.class).single();
    }

    // ---- imports --------------------------------------------------------------------------------------------

    @Test
    void statementThenNotification_postsEachBookingOnce() throws IOException {
        Response statement = upload("camt053", "camt053-statement.xml", example("camt053-statement.xml"));
        Response notification = postXml("camt054", "camt054-notification.xml", example("camt054-notification.xml"));

        assertThat(statement.status()).as(statement.toString()).isEqualTo(201);
        JsonNode s = statement.json();
        assertThat(s.get("schema").asString()).isEqualTo("camt.053.001.08");
        assertThat(s.get("alreadyImported").asBoolean()).isFalse();
        assertThat(s.get("entries").asInt()).isEqualTo(8);
        assertThat(s.get("credits").asInt()).isEqualTo(7);
        assertThat(s.get("posted").asInt()).isEqualTo(6);
        assertThat(s.get("unmatched").asInt()).isEqualTo(1);
        assertThat(s.get("notBooked").asInt()).isEqualTo(1);
        assertThat(s.get("debitsIgnored").asInt()).isEqualTo(1);
        assertThat(s.get("importedBy").asString()).isEqualTo(USER);
        assertThat(notification.status()).as(notification.toString()).isEqualTo(201);
        assertThat(notification.json().get("credits").asInt()).isEqualTo(3);
        assertThat(notification.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(notification.json().get("posted").asInt()).isEqualTo(1);

        AccountView wang = account("1");
        assertThat(wang.payments()).extracting(PaymentView::externalRef)
                .containsExactlyInAnyOrder(paymentRef("2026112000001"), paymentRef("2026112000010"));
        assertThat(wang.payments()).filteredOn(pv -> pv.externalRef().equals(paymentRef("2026112000001")))
                .singleElement().satisfies(pv -> {
                    assertThat(pv.amountMinor()).isEqualTo(16_850);
                    assertThat(pv.reference()).isEqualTo(p + "INV-202611-0001");
                    assertThat(pv.receivedAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
                });
        assertThat(account("2").payments()).singleElement().satisfies(pv -> assertThat(pv.amountMinor())
                .isEqualTo(30_000));
        assertThat(account("3").payments()).hasSize(1);
        assertThat(account("4").payments()).hasSize(1);
        assertThat(account("5").payments()).singleElement().satisfies(pv -> assertThat(pv.amountMinor())
                .isEqualTo(15_000));
        assertThat(account("6").summary().balanceMinor()).as("paid by name and amount").isZero();

        Response entries = get("/api/v1/bank/unmatched?state=ALL&importId=" + s.get("id").asLong());
        assertThat(entries.json().get("total").asInt()).isEqualTo(7);
        assertThat(entries.json().get("items").valueStream().map(e -> e.get("rule").asString() + ":"
                + e.get("confidence").asString()).toList())
                .containsExactly("STRUCTURED:1.0", "STRUCTURED:1.0", "UNSTRUCTURED:0.9", "STRUCTURED:1.0",
                        "UNSTRUCTURED:0.9", "AMOUNT_AND_NAME:0.8", "NONE:0.0");
    }

    @Test
    void notificationThenStatement_postsEachBookingOnceToo() throws IOException {
        Response notification = upload("camt054", "n.xml", example("camt054-notification.xml"));
        Response statement = upload("camt053", "s.xml", example("camt053-statement.xml"));

        assertThat(notification.json().get("posted").asInt()).isEqualTo(3);
        assertThat(statement.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(statement.json().get("posted").asInt()).isEqualTo(4);
        assertThat(account("1").payments()).hasSize(2);
        assertThat(account("3").payments()).hasSize(1);
    }

    @Test
    void sameFileAgain_postsNothingAndSaysSo() throws IOException {
        String xml = example("camt053-statement.xml");
        Response first = upload("camt053", "a.xml", xml);
        Response again = postXml("camt053", "a-again.xml", xml);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("alreadyImported").asBoolean()).isTrue();
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("detail").asString()).contains("nothing was posted");
        assertThat(account("1").payments()).hasSize(1);
    }

    @Test
    void malformedXml_is400WithLineAndColumnAndPostsNothing() throws IOException {
        long before = importCount();
        String xml = example("camt053-statement.xml").replace("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DBIT");

        Response response = upload("camt053", "broken.xml", xml);

        assertProblem(response, 400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("line").asInt()).isPositive();
        assertThat(error.get("column").asString()).matches("\\d+");
        assertThat(error.get("detail").asString()).startsWith("malformed XML");
        assertThat(importCount()).isEqualTo(before);
        assertThat(account("1").payments()).as("the good entries before the problem are not posted").isEmpty();
    }

    @Test
    void badEntryAnywhere_postsNothing() throws IOException {
        String xml = example("camt053-statement.xml").replace("<Amt Ccy=\"CNY\">45.00</Amt>",
                "<Amt Ccy=\"CNY\">45.001</Amt>");

        Response response = upload("camt053", "bad-amount.xml", xml);

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("detail").asString()).contains("45.001");
        assertThat(account("1").payments()).isEmpty();
    }

    @Test
    void notificationSentAsStatement_is400NamingTheRightKind() throws IOException {
        Response response = postXml("camt053", "n.xml", example("camt054-notification.xml"));

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("import it as camt054");
        assertThat(response.json().get("errors").get(0).get("line").asInt()).isEqualTo(5);
    }

    @Test
    void emptyBodyOrMissingPart_is400() {
        assertProblem(postXml("camt053", "empty.xml", ""), 400);
        assertProblem(send(request("/api/v1/imports/camt054")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n"))), 400);
    }

    @Test
    void returnedCredit_reversesItsPayment() throws IOException {
        upload("camt053", "s.xml", example("camt053-statement.xml"));
        String returned = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%1$s-RET</MsgId><CreDtTm>2026-11-22T20:00:00+08:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%1$s-RET-1</Id>
                      <Acct><Id><Othr><Id>6222020200112345678</Id></Othr></Id></Acct>
                      <Ntry>
                        <Amt Ccy="CNY">168.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
                        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
                        <AcctSvcrRef>%1$s-RET-0001</AcctSvcrRef>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>%1$sE2E-20261120-0001</EndToEndId></Refs>
                          <RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                      <Ntry>
                        <Amt Ccy="CNY">9.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
                        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
                        <AcctSvcrRef>%1$s-RET-0002</AcctSvcrRef>
                        <NtryDtls><TxDtls><Refs><EndToEndId>%1$s-UNKNOWN</EndToEndId></Refs></TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(p);

        Response response = upload("camt053", "returns.xml", returned);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("returns").asInt()).isEqualTo(2);
        assertThat(response.json().get("reversed").asInt()).isEqualTo(1);
        assertThat(account("1").payments()).singleElement()
                .satisfies(pv -> assertThat(pv.reversedAt()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z")));
        Response states = get("/api/v1/bank/unmatched?state=ALL&importId=" + response.json().get("id").asLong());
        assertThat(states.json().get("items").valueStream().map(e -> e.get("state").asString()).toList())
                .containsExactly("RETURN_APPLIED", "RETURN_UNMATCHED");
        Response reversed = get("/api/v1/bank/unmatched?state=REVERSED&size=500");
        assertThat(reversed.json().get("items").valueStream().map(e -> e.get("paymentRef").asString()))
                .contains(paymentRef("2026112000001"));
    }

    // ---- the unmatched queue --------------------------------------------------------------------------------

    private long unmatchedId() throws IOException {
        Response imported = upload("camt053", "s.xml", example("camt053-statement.xml"));
        Response queue = get("/api/v1/bank/unmatched?importId=" + imported.json().get("id").asLong());
        assertThat(queue.json().get("items")).hasSize(1);
        JsonNode entry = queue.json().get("items").get(0);
        assertThat(entry.get("state").asString()).isEqualTo("UNMATCHED");
        assertThat(entry.get("amount").asString()).isEqualTo("45.00");
        assertThat(entry.get("debtorName").asString()).isEqualTo("Shanghai Unknown Trading Co");
        return entry.get("id").asLong();
    }

    @Test
    void unmatchedCredit_isResolvedToAnAccountOnce() throws IOException {
        long id = unmatchedId();

        Response resolved = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "ACC10005\", \"note\": \"phoned the customer\"}");
        Response again = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "ACC10005\"}");
        Response dismissed = postJson("/api/v1/bank/unmatched/" + id + "/dismiss", "{\"reason\": \"late\"}");

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("rule").asString()).isEqualTo("MANUAL");
        assertThat(resolved.json().get("decidedBy").asString()).isEqualTo(USER);
        assertThat(resolved.json().get("paymentRef").asString()).isEqualTo(paymentRef("2026112000006"));
        assertThat(account("5").payments()).extracting(PaymentView::amountMinor).containsExactlyInAnyOrder(15_000L,
                4_500L);
        assertProblem(again, 409);
        assertThat(again.json().get("detail").asString()).contains("is RESOLVED");
        assertProblem(dismissed, 409);
    }

    @Test
    void unmatchedCredit_isResolvedToABillOfTheAccount() throws IOException {
        long id = unmatchedId();

        Response wrongBill = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "ACC10005\", \"billRef\": \"" + p + "INV-202611-0001\"}");
        Response resolved = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "ACC10001\", \"billRef\": \"" + p + "INV-202611-0001\"}");

        assertProblem(wrongBill, 400);
        assertThat(wrongBill.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/billRef");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("billRef").asString()).isEqualTo(p + "INV-202611-0001");
    }

    @Test
    void unmatchedCredit_isDismissedWithAReason() throws IOException {
        long id = unmatchedId();

        Response noReason = postJson("/api/v1/bank/unmatched/" + id + "/dismiss", "{}");
        Response dismissed = postJson("/api/v1/bank/unmatched/" + id + "/dismiss",
                "{\"reason\": \"refund to sender\"}");
        Response resolveAfter = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "ACC10005\"}");

        assertProblem(noReason, 400);
        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.json().get("state").asString()).isEqualTo("DISMISSED");
        assertThat(dismissed.json().get("note").asString()).isEqualTo("refund to sender");
        assertProblem(resolveAfter, 409);
        assertThat(get("/api/v1/bank/unmatched/" + id).json().get("state").asString()).isEqualTo("DISMISSED");
    }

    @Test
    void badResolutions_are4xxProblems() throws IOException {
        long id = unmatchedId();

        assertProblem(postJson("/api/v1/bank/unmatched/" + id + "/resolve", "{}"), 400);
        assertProblem(postJson("/api/v1/bank/unmatched/" + id + "/resolve", "not json"), 400);
        assertProblem(postJson("/api/v1/bank/unmatched/" + id + "/resolve", "{\"accountRef\": 5}"), 400);
        Response unknownField = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"x\", \"amount\": \"1\"}");
        assertProblem(unknownField, 400);
        assertThat(unknownField.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/amount");
        Response unknownAccount = postJson("/api/v1/bank/unmatched/" + id + "/resolve",
                "{\"accountRef\": \"" + p + "NOPE\"}");
        assertProblem(unknownAccount, 400);
        assertThat(unknownAccount.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/accountRef");
        assertProblem(postJson("/api/v1/bank/unmatched/999999999/resolve", "{\"accountRef\": \"x\"}"), 404);
        assertProblem(postJson("/api/v1/bank/unmatched/abc/dismiss", "{\"reason\": \"x\"}"), 400);
        assertProblem(get("/api/v1/bank/unmatched?state=LOST"), 400);
        assertProblem(get("/api/v1/bank/unmatched?size=0"), 400);
        assertThat(get("/api/v1/bank/unmatched/" + id).json().get("state").asString()).isEqualTo("UNMATCHED");
    }

    @Test
    void personalData_exportsAndErasesTheDebtorNamesOfTheCustomersEntries() throws IOException {
        upload("camt053", "s.xml", example("camt053-statement.xml"));
        dev.arrears.shared.PersonalDataSource bank = personalData.stream().filter(s -> s.name().equals("bank"))
                .findFirst().orElseThrow();
        long customerId = ledger.accountByRef(p + "ACC10001").orElseThrow().customerId();

        String before = MAPPER.writeValueAsString(bank.export(customerId));
        bank.erase(customerId);
        bank.erase(customerId);
        String after = MAPPER.writeValueAsString(bank.export(customerId));

        assertThat(before).contains("王伟").contains("\"amount\":\"168.50\"");
        assertThat(after).doesNotContain("王伟").contains("\"debtorName\":\"erased\"").contains("168.50");
    }

    @Test
    void imports_areListedNewestFirst() throws IOException {
        Response first = upload("camt053", "s.xml", example("camt053-statement.xml"));
        Response second = upload("camt054", "n.xml", example("camt054-notification.xml"));

        Response list = get("/api/v1/bank/imports?size=2");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").valueStream().map(i -> i.get("id").asLong()).toList())
                .containsExactly(second.json().get("id").asLong(), first.json().get("id").asLong());
        assertThat(list.json().get("items").get(0).get("sha256").asString()).hasSize(64);
        assertThat(get("/api/v1/bank/imports/" + first.json().get("id").asLong()).json().get("fileName").asString())
                .isEqualTo("s.xml");
    }
}
