package dev.arrears.bank.web;

import dev.arrears.bank.DirectDebits;
import dev.arrears.bank.domain.Pain008;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.shared.PersonalDataSource;
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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mandates, pain.008 batches, collections and returns over real HTTP against the embedded database. The tests share
 * one database, so each works on its own accounts (a prefix per test) and asserts only about them: a run collects
 * every active mandate's due bills, other tests' included.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectDebitApiTest {

    private static final String PASSWORD = "debit-test-password";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Ledger ledger;

    @Autowired
    DirectDebits debits;

    @Autowired
    List<PersonalDataSource> personalData;

    private final HttpClient http = HttpClient.newHttpClient();
    private String p;
    private LocalDate today;

    record Response(int status, String contentType, String text, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    @BeforeEach
    void setUp() {
        for (String role : List.of("ADMIN", "MANAGER", "COLLECTOR", "AUDITOR")) {
            jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                    .params("debit-" + role.toLowerCase(Locale.ROOT), encoder.encode(PASSWORD), "{" + role + "}",
                            Timestamp.from(Instant.now()))
                    .update();
        }
        p = "DD" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
        today = debits.today();
        Currency eur = Currency.getInstance("EUR");
        ledger.load(new LedgerBatch(
                List.of(new RegisterCustomer(p + "C1", "Anna Schmidt", CustomerType.PERSON, "en",
                                ZoneId.of("Europe/Berlin"), List.of()),
                        new RegisterCustomer(p + "C2", "Bert Braun", CustomerType.PERSON, "en",
                                ZoneId.of("Europe/Berlin"), List.of())),
                List.of(new OpenAccount(p + "A1", p + "C1", ProductLine.UTILITY, eur, AccountStatus.ACTIVE,
                                LocalDate.of(2025, 1, 1), null),
                        new OpenAccount(p + "A2", p + "C2", ProductLine.UTILITY, eur, AccountStatus.ACTIVE,
                                LocalDate.of(2025, 1, 1), null)),
                List.of(bill(p + "B1", p + "A1", today.minusDays(10), 12000),
                        bill(p + "B2", p + "A1", today.plusDays(20), 5000),
                        bill(p + "B3", p + "A2", today.plusDays(1), 7700)),
                List.of(), List.of()));
    }

    private static IssueBill bill(String ref, String account, LocalDate due, long minor) {
        return new IssueBill(ref, account, due.minusDays(14), due, Currency.getInstance("EUR"), minor,
                List.of(new BillLine("Electricity", LineCategory.SERVICE, minor)));
    }

    private long account(String n) {
        return ledger.accountByRef(p + "A" + n).orElseThrow().id();
    }

    private Response mandate(String user, long accountId, String reference, String iban) {
        return post(user, "/api/v1/accounts/" + accountId + "/mandates", Map.of("reference", reference,
                "scheme", "CORE", "debtorName", "Anna Schmidt", "debtorIban", iban, "debtorBic", "cobadeff",
                "signedOn", today.minusDays(40).toString()));
    }

    private JsonNode collectionOf(JsonNode batch, String accountRef) {
        return StreamSupport.stream(batch.get("collections").spliterator(), false)
                .filter(c -> c.get("accountRef").asString().equals(accountRef)).findFirst().orElse(null);
    }

    @Test
    void mandate_collect_post_return_reverse() {
        long a1 = account("1");
        Response created = mandate("collector", a1, p + "-M1", "de89 3704 0044 0532 0130 00");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("debtorIban").asString()).isEqualTo("DE89 …3000");
        assertThat(created.json().get("debtorBic").asString()).isEqualTo("COBADEFF");
        assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");
        long mandateId = created.json().get("id").asLong();

        assertThat(mandate("collector", a1, p + "-M2", "DE89370400440532013000").status()).isEqualTo(409);
        assertThat(mandate("collector", account("2"), p + "-M1", "DE89370400440532013000").status()).isEqualTo(409);
        assertThat(mandate("auditor", account("2"), p + "-M3", "DE89370400440532013000").status()).isEqualTo(403);

        // a collector may not run the bank's files
        assertThat(post("collector", "/api/v1/direct-debits/batches", Map.of()).status()).isEqualTo(403);

        Response batch = post("manager", "/api/v1/direct-debits/batches", Map.of("collectionDate", today.toString()));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        JsonNode mine = collectionOf(batch.json(), p + "A1");
        assertThat(mine).as("the overdue bill is collected, the one due later is not").isNotNull();
        assertThat(mine.get("billRef").asString()).isEqualTo(p + "B1");
        assertThat(mine.get("amount").asString()).isEqualTo("120.00");
        assertThat(mine.get("sequence").asString()).isEqualTo("FRST");
        assertThat(mine.get("status").asString()).isEqualTo("PENDING");
        assertThat(collectionOf(batch.json(), p + "A2")).as("no mandate, no collection").isNull();
        long batchId = batch.json().get("id").asLong();
        String endToEnd = mine.get("endToEndId").asString();

        Response file = get("manager", "/api/v1/direct-debits/batches/" + batchId + "/pain.008");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("application/xml");
        assertThat(Pain008.validate(file.text())).isEmpty();
        assertThat(file.text()).contains("<EndToEndId>" + endToEnd + "</EndToEndId>")
                .contains("<MndtId>" + p + "-M1</MndtId>").contains("<IBAN>DE89370400440532013000</IBAN>");

        // the same date again does not collect the bill twice
        Response again = post("manager", "/api/v1/direct-debits/batches", Map.of("collectionDate", today.toString()));
        assertThat(again.status()).isIn(200, 201);
        if (again.status() == 201) {
            assertThat(collectionOf(again.json(), p + "A1")).isNull();
        }

        assertThat(post("manager", "/api/v1/direct-debits/batches/" + batchId + "/collected", Map.of()).status())
                .as("not submitted yet").isEqualTo(409);
        assertThat(post("manager", "/api/v1/direct-debits/batches/" + batchId + "/submitted", Map.of()).status())
                .isEqualTo(200);
        assertThat(post("manager", "/api/v1/direct-debits/batches/" + batchId + "/submitted", Map.of()).status())
                .isEqualTo(409);
        Response collected = post("manager", "/api/v1/direct-debits/batches/" + batchId + "/collected", Map.of());
        assertThat(collected.status()).as(collected.toString()).isEqualTo(200);
        assertThat(collected.json().get("status").asString()).isEqualTo("COLLECTED");
        assertThat(collectionOf(collected.json(), p + "A1").get("status").asString()).isEqualTo("COLLECTED");

        PaymentView payment = ledger.paymentByRef(DirectDebits.paymentRef(endToEnd)).orElseThrow();
        assertThat(payment.amountMinor()).isEqualTo(12000);
        assertThat(payment.method()).isEqualTo(PaymentMethod.DIRECT_DEBIT);
        assertThat(payment.reversedAt()).isNull();
        assertThat(ledger.account(a1, null).orElseThrow().summary().overdueMinor()).isZero();

        assertThat(post("manager", "/api/v1/direct-debits/returns", Map.of("endToEndId", endToEnd, "reason", "x"))
                .status()).isEqualTo(400);
        assertThat(post("manager", "/api/v1/direct-debits/returns", Map.of("endToEndId", p + "nope",
                "reason", "AM04")).status()).isEqualTo(404);
        Response returned = post("manager", "/api/v1/direct-debits/returns",
                Map.of("endToEndId", endToEnd, "reason", "am04"));
        assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
        assertThat(returned.json().get("status").asString()).isEqualTo("RETURNED");
        assertThat(returned.json().get("returnReason").asString()).isEqualTo("AM04");
        assertThat(ledger.paymentByRef(DirectDebits.paymentRef(endToEnd)).orElseThrow().reversedAt()).isNotNull();
        assertThat(ledger.account(a1, null).orElseThrow().summary().overdueMinor()).isEqualTo(12000);
        assertThat(post("manager", "/api/v1/direct-debits/returns", Map.of("endToEndId", endToEnd, "reason", "AM04"))
                .status()).isEqualTo(409);

        Response collections = get("collector", "/api/v1/accounts/" + a1 + "/direct-debits");
        assertThat(collections.json().get(0).get("status").asString()).isEqualTo("RETURNED");

        Object export = personalData.stream().filter(s -> s.name().equals("bank")).findFirst().orElseThrow()
                .export(ledger.accountByRef(p + "A1").orElseThrow().customerId());
        assertThat(export.toString()).contains(p + "-M1").contains("DE89 …3000").doesNotContain("0532013000");

        Response revoked = post("collector", "/api/v1/mandates/" + mandateId + "/revoke",
                Map.of("reason", "customer cancelled"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("REVOKED");
        assertThat(post("collector", "/api/v1/mandates/" + mandateId + "/revoke", Map.of("reason", "again"))
                .status()).isEqualTo(409);
        assertThat(get("collector", "/api/v1/accounts/" + a1 + "/mandates").json().get(0).get("status").asString())
                .isEqualTo("REVOKED");
    }

    @Test
    void aBatchCollectsOnlyOnceItsDateHasCome_andAReturnBeforeThatRejectsTheCollection() {
        long a2 = account("2");
        assertThat(post("admin", "/api/v1/accounts/" + a2 + "/mandates", Map.of("reference", p + "-AG",
                "scheme", "B2B", "debtorName", "Bert Braun GmbH", "agreementId", "GW-AGREEMENT-" + p,
                "signedOn", today.toString())).status()).isEqualTo(201);
        Response batch = post("admin", "/api/v1/direct-debits/batches",
                Map.of("collectionDate", today.plusDays(1).toString()));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        JsonNode mine = collectionOf(batch.json(), p + "A2");
        assertThat(mine.get("amount").asString()).isEqualTo("77.00");
        long batchId = batch.json().get("id").asLong();
        String file = get("admin", "/api/v1/direct-debits/batches/" + batchId + "/pain.008").text();
        assertThat(file).contains("<Cd>B2B</Cd>").contains("<Id>GW-AGREEMENT-" + p + "</Id>");

        assertThat(post("admin", "/api/v1/direct-debits/batches/" + batchId + "/submitted", Map.of()).status())
                .isEqualTo(200);
        Response early = post("admin", "/api/v1/direct-debits/batches/" + batchId + "/collected", Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asString()).contains("has not come");

        Response rejected = post("admin", "/api/v1/direct-debits/returns",
                Map.of("endToEndId", mine.get("endToEndId").asString(), "reason", "AC04"));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("paymentId").isNull()).isTrue();
    }

    @Test
    void badInputIsA400NamingEachField_andAPastDateIsRefused() {
        Response bad = post("admin", "/api/v1/accounts/" + account("1") + "/mandates", Map.of("reference", "",
                "scheme", "XYZ", "debtorIban", "DE89370400440532013001", "debtorBic", "NOTABIC!", "signedOn",
                "yesterday"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.text()).contains("/scheme").contains("/signedOn");

        Response bad2 = post("admin", "/api/v1/accounts/" + account("1") + "/mandates", Map.of("reference", "a|b",
                "scheme", "CORE", "debtorIban", "DE89370400440532013001", "debtorBic", "NOTABIC!", "signedOn",
                today.plusDays(3).toString()));
        assertThat(bad2.status()).isEqualTo(400);
        assertThat(bad2.text()).contains("/reference").contains("/debtorName").contains("check digits")
                .contains("/debtorBic").contains("after today");

        assertThat(post("admin", "/api/v1/accounts/999999999/mandates", Map.of("reference", "X",
                "scheme", "CORE", "debtorName", "X", "debtorIban", "DE89370400440532013000", "signedOn",
                today.toString())).status()).isEqualTo(404);

        Response past = post("admin", "/api/v1/direct-debits/batches",
                Map.of("collectionDate", today.minusDays(1).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.text()).contains("before today");
        assertThat(get("admin", "/api/v1/direct-debits/batches/999999999").status()).isEqualTo(404);
    }

    @Test
    void aReturnBookedInACamtStatementReversesTheCollection() {
        long a1 = account("1");
        assertThat(mandate("admin", a1, p + "-CAMT", "GB82WEST12345698765432").status()).isEqualTo(201);
        Response batch = post("admin", "/api/v1/direct-debits/batches", Map.of("collectionDate", today.toString()));
        long batchId = batch.json().get("id").asLong();
        String endToEnd = collectionOf(batch.json(), p + "A1").get("endToEndId").asString();
        post("admin", "/api/v1/direct-debits/batches/" + batchId + "/submitted", Map.of());
        assertThat(post("admin", "/api/v1/direct-debits/batches/" + batchId + "/collected", Map.of()).status())
                .isEqualTo(200);

        String statement = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%1$s-RET</MsgId><CreDtTm>%2$sT20:00:00+01:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%1$s-RET-1</Id>
                      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
                      <Ntry>
                        <Amt Ccy="EUR">120.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
                        <BookgDt><Dt>%2$s</Dt></BookgDt>
                        <AcctSvcrRef>%1$s-RET-0001</AcctSvcrRef>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>%3$s</EndToEndId></Refs>
                          <RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(p, today, endToEnd);
        Response imported = send(request("admin", "/api/v1/imports/camt053?fileName=" + p + ".xml")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(statement)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("reversed").asInt()).isEqualTo(1);
        assertThat(ledger.paymentByRef(DirectDebits.paymentRef(endToEnd)).orElseThrow().reversedAt()).isNotNull();
        JsonNode collection = get("admin", "/api/v1/accounts/" + a1 + "/direct-debits").json().get(0);
        assertThat(collection.get("status").asString()).isEqualTo("RETURNED");
        assertThat(collection.get("returnReason").asString()).isEqualTo("NARR");
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .setHeader("Accept", "application/json, application/problem+json, application/xml")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("debit-" + user + ":" + PASSWORD).getBytes()));
    }

    private Response get(String user, String path) {
        return send(request(user, path).GET());
    }

    private Response post(String user, String path, Map<String, String> body) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
}
