package dev.arrears.ledger.web;

import dev.arrears.ledger.web.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the ledger's REST API over real HTTP with Basic auth against the embedded database. Every test uses
 * its own external references, so the tests hold on a shared database too. The clock is fixed at
 * 2026-11-23T04:00:00Z (src/test/resources/application.properties).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerApiTest {

    private static final String USER = "api-test";
    private static final String PASSWORD = "api-test-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    ApiClient api;
    String p;

    @BeforeEach
    void setUp() {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                .params(USER, encoder.encode(PASSWORD), "{ADMIN}", Timestamp.from(Instant.now()))
                .update();
        api = new ApiClient(port, USER, PASSWORD);
        p = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    static String customer(String ref, String name, String timeZone) {
        return """
                {"externalRef": "%s", "name": "%s", "type": "PERSON", "locale": "zh-CN", "timeZone": "%s",
                 "contactPoints": [{"kind": "PHONE", "value": "+8613800138000", "consents": ["SMS", "CALL"]},
                                   {"kind": "EMAIL", "value": "wang@example.cn", "consents": ["EMAIL"]}]}"""
                .formatted(ref, name, timeZone);
    }

    static String account(String ref, String customerRef, String productLine, String currency) {
        return """
                {"externalRef": "%s", "customerRef": "%s", "productLine": "%s", "currency": "%s",
                 "openedOn": "2025-01-15", "creditLimit": "5000.00"}""".formatted(ref, customerRef, productLine, currency);
    }

    static String bill(String ref, String accountRef, String currency, String dueDate, String amount) {
        return """
                {"externalRef": "%s", "accountRef": "%s", "issueDate": "2026-09-01", "dueDate": "%s",
                 "currency": "%s", "total": "%s",
                 "lines": [{"description": "Monthly plan", "category": "SERVICE", "amount": "%s"}]}"""
                .formatted(ref, accountRef, dueDate, currency, amount, amount);
    }

    static String payment(String ref, String accountRef, String amount, String reference) {
        return """
                {"externalRef": "%s", "accountRef": "%s", "amount": "%s", "currency": "CNY",
                 "receivedAt": "2026-11-01T10:00:00+08:00", "method": "ALIPAY", "reference": %s}"""
                .formatted(ref, accountRef, amount, reference == null ? "null" : "\"" + reference + "\"");
    }

    static String adjustment(String ref, String accountRef, String reason) {
        return """
                {"externalRef": "%s", "accountRef": "%s", "type": "CREDIT_NOTE", "amount": "5.00",
                 "currency": "CNY", "reason": "%s", "effectiveDate": "2026-11-02"}""".formatted(ref, accountRef, reason);
    }

    /** Creates a customer and a CNY telecom account; returns the account's external reference. */
    String openAccount(String currency, String productLine) {
        assertThat(api.post("/api/v1/customers", customer(p + "C", "王小明", "Asia/Shanghai")).status())
                .isEqualTo(201);
        Response account = api.post("/api/v1/accounts", account(p + "A", p + "C", productLine, currency));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        return p + "A";
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    // ---- security ------------------------------------------------------------------------------------------

    @Test
    void unauthenticatedCallGets401ProblemNotRedirect() {
        Response anonymous = new ApiClient(port, null, null).get("/api/v1/accounts");
        Response wrongPassword = new ApiClient(port, USER, "wrong").post("/api/v1/customers",
                customer(p + "C", "x", "Asia/Shanghai"));

        assertProblem(anonymous, 401);
        assertProblem(wrongPassword, 401);
    }

    // ---- writes --------------------------------------------------------------------------------------------

    @Test
    void customerIsCreatedThenFoundUnchanged() {
        Response first = api.post("/api/v1/customers", customer(p + "C", "王小明", "Asia/Shanghai"));
        Response again = api.post("/api/v1/customers", customer(p + "C", "王小明", "Asia/Shanghai"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("externalRef").asString()).isEqualTo(p + "C");
        long id = first.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);

        Response read = api.get("/api/v1/customers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asString()).isEqualTo("王小明");
        assertThat(read.json().get("timeZone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(read.json().get("contactPoints")).hasSize(2);
    }

    @Test
    void arrayAnswersWithArrayAnd201WhenAnyIsNew() {
        assertThat(api.post("/api/v1/customers", customer(p + "C1", "Ann", "Europe/London")).status()).isEqualTo(201);

        Response batch = api.post("/api/v1/customers", "[" + customer(p + "C1", "Ann", "Europe/London") + ","
                + customer(p + "C2", "Bob", "America/New_York") + "]");

        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().isArray()).isTrue();
        assertThat(batch.json().valueStream().map(n -> n.get("externalRef").asString()))
                .containsExactly(p + "C1", p + "C2");
    }

    @Test
    void sameRefWithOtherContentIsConflictNamingTheField() {
        assertThat(api.post("/api/v1/customers", customer(p + "C", "王小明", "Asia/Shanghai")).status()).isEqualTo(201);

        Response conflict = api.post("/api/v1/customers", customer(p + "C", "王大明", "Asia/Shanghai"));

        assertProblem(conflict, 409);
        assertThat(conflict.pointers()).anySatisfy(pointer -> assertThat(pointer).endsWith("name"));
    }

    @Test
    void badFieldsOfAnArrayArePointedAtAndNothingIsWritten() {
        Response bad = api.post("/api/v1/customers", "[" + customer(p + "C1", "Ann", "Europe/London") + ","
                + customer(p + "C2", "Bob", "Mars/Olympus") + "]");

        assertProblem(bad, 400);
        assertThat(bad.pointers()).containsExactly("/1/timeZone");
        // The good record of the refused batch was not written: posting it now creates it.
        assertThat(api.post("/api/v1/customers", customer(p + "C1", "Ann", "Europe/London")).status()).isEqualTo(201);
    }

    @Test
    void singleObjectErrorsPointWithoutIndex() {
        Response bad = api.post("/api/v1/customers", customer(p + "C", "Ann", "Mars/Olympus"));

        assertProblem(bad, 400);
        assertThat(bad.pointers()).containsExactly("/timeZone");
    }

    @Test
    void unknownReferenceInBatchWritesNone() {
        assertThat(api.post("/api/v1/customers", customer(p + "C", "Ann", "Europe/London")).status()).isEqualTo(201);

        Response bad = api.post("/api/v1/accounts", "[" + account(p + "A1", p + "C", "TELECOM_POSTPAID", "CNY") + ","
                + account(p + "A2", p + "NOBODY", "TELECOM_POSTPAID", "CNY") + "]");

        assertProblem(bad, 400);
        assertThat(bad.pointers()).anySatisfy(pointer -> assertThat(pointer).startsWith("/1"));
        assertProblem(api.get("/api/v1/accounts/by-ref/" + p + "A1"), 404);
    }

    @Test
    void malformedJsonIs400Problem() {
        assertProblem(api.post("/api/v1/customers", "{\"externalRef\": "), 400);
        assertProblem(api.post("/api/v1/bills", "[{}, "), 400);
    }

    @Test
    void wrongContentTypeIs415Problem() {
        assertProblem(api.post("/api/v1/customers", "text/plain", customer(p + "C", "Ann", "Europe/London")), 415);
    }

    @Test
    void anAcceptThatNoRepresentationMeets_is406Problem() {
        Response response = api.get("/api/v1/portfolio/aging", "text/csv");
        assertProblem(response, 406);
        assertThat(response.json().get("detail").asString()).contains("text/csv");
    }

    @Test
    void amountAsJsonNumberIs400() {
        String body = bill(p + "B", p + "A", "CNY", "2026-10-01", "12.34").replace("\"total\": \"12.34\"",
                "\"total\": 12.34");

        Response bad = api.post("/api/v1/bills", "[" + body + "]");

        assertProblem(bad, 400);
        assertThat(bad.pointers()).containsExactly("/0/total");
        assertThat(bad.json().get("errors").get(0).get("detail").asString()).contains("JSON number");
    }

    @Test
    void billsPaymentsAndAdjustmentsAreIdempotentAndConflictOnChange() {
        String accountRef = openAccount("CNY", "TELECOM_POSTPAID");

        String bill = bill(p + "B", accountRef, "CNY", "2026-10-01", "88.00");
        Response created = api.post("/api/v1/bills", bill);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("total").asString()).isEqualTo("88.00");
        assertThat(created.json().get("currency").asString()).isEqualTo("CNY");
        assertThat(created.json().get("id").asLong()).isPositive();
        assertThat(api.post("/api/v1/bills", bill).status()).isEqualTo(200);
        Response billConflict = api.post("/api/v1/bills", bill.replace("2026-10-01", "2026-10-05"));
        assertProblem(billConflict, 409);
        assertThat(billConflict.pointers()).anySatisfy(pointer -> assertThat(pointer).endsWith("dueDate"));

        String payment = payment(p + "P", accountRef, "10.00", null);
        Response paid = api.post("/api/v1/payments", payment);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("amount").asString()).isEqualTo("10.00");
        assertThat(paid.json().get("receivedAt").asString()).isEqualTo("2026-11-01T02:00:00Z");
        assertThat(api.post("/api/v1/payments", payment).status()).isEqualTo(200);
        Response paymentConflict = api.post("/api/v1/payments", payment.replace("\"10.00\"", "\"11.00\""));
        assertProblem(paymentConflict, 409);
        assertThat(paymentConflict.pointers()).anySatisfy(pointer -> assertThat(pointer).endsWith("amount"));
        Response readPayment = api.get("/api/v1/payments/" + paid.json().get("id").asLong());
        assertThat(readPayment.json().get("externalRef").asString()).isEqualTo(p + "P");

        String adjustment = adjustment(p + "J", accountRef, "goodwill");
        Response adjusted = api.post("/api/v1/adjustments", adjustment);
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(201);
        assertThat(adjusted.json().get("amount").asString()).isEqualTo("5.00");
        assertThat(api.post("/api/v1/adjustments", adjustment).status()).isEqualTo(200);
        Response adjustmentConflict = api.post("/api/v1/adjustments", adjustment.replace("goodwill", "complaint"));
        assertProblem(adjustmentConflict, 409);
        assertThat(adjustmentConflict.pointers()).anySatisfy(pointer -> assertThat(pointer).endsWith("reason"));
    }

    @Test
    void billInAnotherCurrencyThanItsAccountIsRefused() {
        String accountRef = openAccount("CNY", "TELECOM_POSTPAID");

        Response bad = api.post("/api/v1/bills", "[" + bill(p + "B", accountRef, "USD", "2026-10-01", "1.00") + "]");

        assertProblem(bad, 400);
        assertThat(bad.pointers()).isNotEmpty().allSatisfy(pointer -> assertThat(pointer).startsWith("/0"));
    }

    // ---- allocation and reversal -----------------------------------------------------------------------------

    @Test
    void accountDetailShowsPaymentAllocatedToTheBillItNames() {
        String accountRef = openAccount("CNY", "TELECOM_POSTPAID");
        assertThat(api.post("/api/v1/bills", "[" + bill(p + "B1", accountRef, "CNY", "2026-09-30", "100.00") + ","
                + bill(p + "B2", accountRef, "CNY", "2026-10-31", "60.00") + "]").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/payments", payment(p + "P", accountRef, "60.00", p + "B2")).status())
                .isEqualTo(201);
        long accountId = api.get("/api/v1/accounts/by-ref/" + accountRef).json().get("id").asLong();

        Response detail = api.get("/api/v1/accounts/" + accountId);

        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        JsonNode account = detail.json();
        assertThat(account.get("externalRef").asString()).isEqualTo(accountRef);
        assertThat(account.get("balance").asString()).isEqualTo("100.00");
        assertThat(account.get("overdue").asString()).isEqualTo("100.00");
        assertThat(account.get("daysPastDue").asInt()).isEqualTo(54);
        assertThat(account.get("bucket").asString()).isEqualTo("31-60");
        assertThat(account.get("customer").get("externalRef").asString()).isEqualTo(p + "C");
        assertThat(account.get("bills")).hasSize(2);
        assertThat(outstanding(account, p + "B1")).isEqualTo("100.00");
        assertThat(outstanding(account, p + "B2")).isEqualTo("0.00");
        assertThat(account.get("payments")).hasSize(1);
        List<String> allocations = new ArrayList<>();
        account.get("allocations").forEach(a -> allocations.add(a.get("sourceRef").asString() + "->"
                + a.get("itemRef").asString() + "=" + a.get("amount").asString()));
        assertThat(allocations).containsExactly(p + "P->" + p + "B2=60.00");
        assertThat(account.get("episodes")).isNotEmpty();
    }

    @Test
    void reversalReopensWhatThePaymentPaidAndRepeatsWithoutChange() {
        String accountRef = openAccount("CNY", "TELECOM_POSTPAID");
        assertThat(api.post("/api/v1/bills", bill(p + "B", accountRef, "CNY", "2026-10-31", "60.00")).status())
                .isEqualTo(201);
        long paymentId = api.post("/api/v1/payments", payment(p + "P", accountRef, "60.00", p + "B")).json()
                .get("id").asLong();

        Response reversed = api.post("/api/v1/payments/" + paymentId + "/reversal", "{\"reason\": \"CHARGEBACK\"}");
        Response again = api.post("/api/v1/payments/" + paymentId + "/reversal", "{\"reason\": \"CHARGEBACK\"}");

        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(reversed.json().get("reversalReason").asString()).isEqualTo("CHARGEBACK");
        assertThat(reversed.json().get("reversedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reversedAt").asString()).isEqualTo("2026-11-23T04:00:00Z");
        long accountId = reversed.json().get("accountId").asLong();
        JsonNode account = api.get("/api/v1/accounts/" + accountId).json();
        assertThat(account.get("balance").asString()).isEqualTo("60.00");
        assertThat(outstanding(account, p + "B")).isEqualTo("60.00");
    }

    @Test
    void reversalOfUnknownPaymentIs404AndBadReasonIs400() {
        assertProblem(api.post("/api/v1/payments/999999999/reversal", "{\"reason\": \"ERROR\"}"), 404);

        Response bad = api.post("/api/v1/payments/1/reversal", "{\"reason\": \"CHANGED_MIND\"}");
        assertProblem(bad, 400);
        assertThat(bad.pointers()).containsExactly("/reason");
    }

    private static String outstanding(JsonNode account, String billRef) {
        for (JsonNode bill : account.get("bills")) {
            if (bill.get("externalRef").asString().equals(billRef)) {
                return bill.get("outstanding").asString();
            }
        }
        throw new AssertionError("no bill " + billRef + " in " + account);
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    @Test
    void agingTotalsCountANewOverdueAccount() {
        JsonNode before = api.get("/api/v1/portfolio/aging").json();
        String accountRef = openAccount("SGD", "UTILITY");
        assertThat(api.post("/api/v1/bills", bill(p + "B", accountRef, "SGD", "2026-10-01", "70.25")).status())
                .isEqualTo(201);

        Response after = api.get("/api/v1/portfolio/aging");

        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().get("asOf").isNull()).isTrue();
        JsonNode was = total(before, "SGD");
        JsonNode now = total(after.json(), "SGD");
        assertThat(now.get("accounts").asLong() - (was == null ? 0 : was.get("accounts").asLong())).isEqualTo(1);
        assertThat(new java.math.BigDecimal(now.get("balance").asString())
                .subtract(was == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(was.get("balance").asString())))
                .isEqualByComparingTo("70.25");
        assertThat(new java.math.BigDecimal(now.get("overdue").asString())
                .subtract(was == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(was.get("overdue").asString())))
                .isEqualByComparingTo("70.25");
        assertThat(after.json().get("rows").valueStream()
                .filter(r -> r.get("currency").asString().equals("SGD") && r.get("bucket").asString().equals("31-60")
                        && r.get("productLine").asString().equals("UTILITY"))).hasSize(1);

        Response past = api.get("/api/v1/portfolio/aging?asOf=2026-06-30");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.json().get("asOf").asString()).isEqualTo("2026-06-30");
    }

    private static JsonNode total(JsonNode aging, String currency) {
        return aging.get("totals").valueStream().filter(t -> t.get("currency").asString().equals(currency))
                .findFirst().orElse(null);
    }

    @Test
    void findsAccountByRefAndInTheList() {
        String accountRef = openAccount("CNY", "WALLET_CREDIT");

        Response byRef = api.get("/api/v1/accounts/by-ref/" + accountRef);
        Response list = api.get("/api/v1/accounts?productLine=WALLET_CREDIT&q=" + accountRef + "&size=10");

        assertThat(byRef.status()).as(byRef.toString()).isEqualTo(200);
        assertThat(byRef.json().get("externalRef").asString()).isEqualTo(accountRef);
        assertThat(byRef.json().get("customerRef").asString()).isEqualTo(p + "C");
        assertThat(byRef.json().get("balance").asString()).isEqualTo("0.00");
        assertThat(byRef.json().get("bucket").asString()).isEqualTo("CURRENT");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("size").asInt()).isEqualTo(10);
        assertThat(list.json().get("page").asInt()).isZero();
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("id").asLong()).isEqualTo(byRef.json().get("id").asLong());
    }

    @Test
    void unknownIdsAre404Problems() {
        assertProblem(api.get("/api/v1/accounts/999999999"), 404);
        assertProblem(api.get("/api/v1/accounts/by-ref/" + p + "NOWHERE"), 404);
        assertProblem(api.get("/api/v1/customers/999999999"), 404);
        assertProblem(api.get("/api/v1/payments/999999999"), 404);
    }

    @Test
    void badQueryParametersAre400ProblemsNamingThem() {
        Response badDate = api.get("/api/v1/portfolio/aging?asOf=2026-13-01");
        Response badList = api.get("/api/v1/accounts?bucket=overdue&minOverdue=lots&size=501");
        Response badId = api.get("/api/v1/accounts/abc");

        assertProblem(badDate, 400);
        assertThat(parameters(badDate)).containsExactly("asOf");
        assertProblem(badList, 400);
        assertThat(parameters(badList)).containsExactly("bucket", "minOverdue", "size");
        assertProblem(badId, 400);
        assertThat(parameters(badId)).containsExactly("id");
        Response badListDate = api.get("/api/v1/accounts?asOf=yesterday");
        assertProblem(badListDate, 400);
        assertThat(parameters(badListDate)).containsExactly("asOf");
        assertThat(api.get("/api/v1/accounts?asOf=2026-06-30&size=5").status()).isEqualTo(200);
    }

    private static List<String> parameters(Response response) {
        return response.json().get("errors").valueStream().map(e -> e.get("parameter").asString()).toList();
    }

    @Test
    void apiDocsListTheLedgerEndpoints() {
        Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/bills")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/portfolio/aging")).isTrue();
    }
}
