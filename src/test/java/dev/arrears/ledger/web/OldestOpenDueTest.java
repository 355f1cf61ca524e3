package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
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
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.web.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code account_state.oldest_open_due} after every kind of write: single REST writes (the fresh and the
 * recompute paths), a reversal, a CSV import and a bulk load; each time the column must equal the date a replay
 * of the stored history gives. Today is 2026-11-23 (fixed clock).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OldestOpenDueTest {

    private static final String USER = "open-due-test";
    private static final String PASSWORD = "open-due-test-password";
    private static final Currency CNY = Currency.getInstance("CNY");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Ledger ledger;

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
        p = "OD" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void restWrites_keepTheColumnOnTheOldestOpenItem() {
        post("/api/v1/customers", LedgerApiTest.customer(p + "C", "王小明", "Asia/Shanghai"));
        assertThat(api.post("/api/v1/accounts", LedgerApiTest.account(p + "A", p + "C", "TELECOM_POSTPAID", "CNY"))
                .status()).isEqualTo(201);
        assertColumn(p + "A", null);

        // The first bill goes through the fresh path (state from memory): open, not yet due.
        post("/api/v1/bills", bill(p + "B-DEC", "2026-11-01", "2026-12-05", "80.00"));
        assertColumn(p + "A", "2026-12-05");

        // Later writes recompute from the database: an older bill, overdue, comes first.
        post("/api/v1/bills", bill(p + "B-OCT", "2026-09-01", "2026-10-10", "100.00"));
        assertColumn(p + "A", "2026-10-10");

        Response payment = post("/api/v1/payments", LedgerApiTest.payment(p + "P", p + "A", "100.00", p + "B-OCT"));
        assertColumn(p + "A", "2026-12-05");

        Response reversal = api.post("/api/v1/payments/" + payment.json().get("id").asLong() + "/reversal",
                "{\"reason\": \"CHARGEBACK\", \"reversedAt\": \"2026-11-20T10:00:00+08:00\"}");
        assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
        assertColumn(p + "A", "2026-10-10");

        post("/api/v1/adjustments", """
                {"externalRef": "%s", "accountRef": "%s", "type": "CREDIT_NOTE", "amount": "180.00",
                 "currency": "CNY", "reason": "settled", "effectiveDate": "2026-11-21"}""".formatted(p + "J", p + "A"));
        assertColumn(p + "A", null);
    }

    @Test
    void csvImport_writesTheColumnOnTheFreshAndTheRecomputePaths() {
        importCsv(ImportKind.CUSTOMERS, """
                externalRef,name,type,locale,timeZone,phone,email,postalAddress,pushToken,consents,optOuts
                %sC,Li Na,PERSON,en,Asia/Shanghai,,,,,,
                """.formatted(p));
        StringBuilder accounts = new StringBuilder(
                "externalRef,customerRef,productLine,currency,status,openedOn,creditLimit\n");
        for (String a : List.of("A1", "A2", "A3", "A4")) {
            accounts.append(p).append(a).append(',').append(p).append("C,BROADBAND,CNY,ACTIVE,2025-01-01,\n");
        }
        importCsv(ImportKind.ACCOUNTS, accounts.toString());
        importCsv(ImportKind.BILLS, """
                externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,lineAmount
                %1$sB1,%1$sA1,2026-11-01,2026-12-10,CNY,10.00,plan,SERVICE,10.00
                %1$sB2,%1$sA1,2026-09-01,2026-10-10,CNY,10.00,plan,SERVICE,10.00
                %1$sB3,%1$sA2,2026-11-01,2026-12-01,CNY,10.00,plan,SERVICE,10.00
                %1$sB4,%1$sA3,2026-09-01,2026-10-10,CNY,10.00,plan,SERVICE,10.00
                """.formatted(p));
        assertColumn(p + "A1", "2026-10-10");
        assertColumn(p + "A2", "2026-12-01");
        assertColumn(p + "A3", "2026-10-10");
        assertColumn(p + "A4", null);

        importCsv(ImportKind.PAYMENTS, """
                externalRef,accountRef,amount,currency,receivedAt,method,reference
                %1$sP1,%1$sA1,10.00,CNY,2026-11-02T10:00:00+08:00,ALIPAY,
                %1$sP3,%1$sA3,10.00,CNY,2026-11-02T10:00:00+08:00,ALIPAY,
                """.formatted(p));
        assertColumn(p + "A1", "2026-12-10");
        assertColumn(p + "A3", null);
    }

    @Test
    void bulkLoad_writesTheColumnThatAReplayGives() {
        Random random = new Random(20261123);
        List<OpenAccount> accounts = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        List<PostPayment> payments = new ArrayList<>();
        List<RecordAdjustment> adjustments = new ArrayList<>();
        LocalDate today = LocalDate.of(2026, 11, 23);
        for (int a = 0; a < 60; a++) {
            String account = p + "A" + a;
            accounts.add(new OpenAccount(account, p + "C", ProductLine.UTILITY, CNY, AccountStatus.ACTIVE,
                    LocalDate.of(2025, 1, 1), null));
            long total = 0;
            for (int b = 0; b < random.nextInt(4); b++) {
                LocalDate issued = today.minusDays(random.nextInt(120));
                long amount = 1_000 + random.nextInt(9_000);
                total += amount;
                bills.add(new IssueBill(account + "-B" + b, account, issued, issued.plusDays(random.nextInt(40)), CNY,
                        amount, List.of(new BillLine("plan", LineCategory.SERVICE, amount))));
            }
            if (total > 0 && random.nextBoolean()) {
                payments.add(new PostPayment(account + "-P", account, 1 + random.nextLong(total), CNY,
                        Instant.parse("2026-11-10T02:00:00Z"), PaymentMethod.BANK_TRANSFER, null));
            }
            if (random.nextInt(5) == 0) {
                adjustments.add(new RecordAdjustment(account + "-D", account, null, AdjustmentType.DEBIT_NOTE, 500,
                        CNY, "late fee", today.minusDays(random.nextInt(30)), today.plusDays(random.nextInt(20) - 10)));
            }
        }
        ledger.load(new LedgerBatch(List.of(new RegisterCustomer(p + "C", "Bulk", CustomerType.BUSINESS, "en",
                ZoneId.of("Asia/Shanghai"), List.of())), accounts, bills, payments, adjustments));

        // Read every row as the load wrote it before any read refreshes anything.
        java.util.Map<String, LocalDate> written = new java.util.HashMap<>();
        accounts.forEach(a -> written.put(a.externalRef(), column(a.externalRef())));
        int open = 0;
        for (OpenAccount account : accounts) {
            LocalDate replayed = replayed(account.externalRef());
            assertThat(written.get(account.externalRef())).as(account.externalRef()).isEqualTo(replayed);
            open += replayed != null ? 1 : 0;
        }
        assertThat(open).as("accounts with something open").isBetween(10, 59);
    }

    private Response post(String path, String json) {
        Response response = api.post(path, json);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private String bill(String ref, String issued, String due, String amount) {
        return """
                {"externalRef": "%s", "accountRef": "%s", "issueDate": "%s", "dueDate": "%s", "currency": "CNY",
                 "total": "%s", "lines": [{"description": "plan", "category": "SERVICE", "amount": "%s"}]}"""
                .formatted(ref, p + "A", issued, due, amount, amount);
    }

    private void importCsv(ImportKind kind, String csv) {
        var result = ledger.importCsv(kind, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false);
        assertThat(result.written()).as(kind + ": " + result.errors()).isTrue();
    }

    private void assertColumn(String accountRef, String expected) {
        LocalDate date = expected == null ? null : LocalDate.parse(expected);
        assertThat(column(accountRef)).as("account_state.oldest_open_due of " + accountRef).isEqualTo(date);
        assertThat(replayed(accountRef)).as("replayed oldest open due of " + accountRef).isEqualTo(date);
    }

    private LocalDate column(String accountRef) {
        return jdbc.sql("""
                        select s.oldest_open_due from account_state s join account a on a.id = s.account_id
                        where a.external_ref = ?""")
                .param(accountRef).query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .single().orElse(null);
    }

    private LocalDate replayed(String accountRef) {
        long id = ledger.accountByRef(accountRef).orElseThrow().id();
        return ledger.account(id, null).orElseThrow().summary().oldestOpenDueDate();
    }
}
