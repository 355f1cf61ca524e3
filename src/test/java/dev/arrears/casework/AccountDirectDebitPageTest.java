package dev.arrears.casework;

import dev.arrears.bank.DebitViews.InstructionView;
import dev.arrears.bank.DebitViews.NewMandate;
import dev.arrears.bank.DebitViews.Scheme;
import dev.arrears.bank.DirectDebits;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The account page shows the account's auto-debit mandates (IBAN masked) and its collections with their state. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountDirectDebitPageTest {

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

    @Test
    void mandatesAndCollectionsAreOnTheAccountPage() throws Exception {
        String p = "DP" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = debits.today();
        Currency gbp = Currency.getInstance("GBP");
        ledger.load(new LedgerBatch(
                List.of(new RegisterCustomer(p + "C", "Carla Page", CustomerType.PERSON, "en", ZoneId.of("Europe/London"),
                        List.of())),
                List.of(new OpenAccount(p + "A", p + "C", ProductLine.UTILITY, gbp, AccountStatus.ACTIVE,
                        LocalDate.of(2025, 1, 1), null)),
                List.of(new IssueBill(p + "B", p + "A", today.minusDays(20), today.minusDays(5), gbp, 4_250,
                        List.of(new BillLine("Gas", LineCategory.SERVICE, 4_250)))),
                List.of(), List.of()));
        long id = ledger.accountByRef(p + "A").orElseThrow().id();
        debits.createMandate(id, new NewMandate(p + "-M", Scheme.CORE, "Carla Page", "GB82 WEST 1234 5698 7654 32",
                null, null, today.minusDays(30)), "test");
        long batch = debits.prepare(today, "test").orElseThrow().batch().id();
        InstructionView mine = debits.collections(id).getFirst();
        debits.submitted(batch, "test");
        debits.collected(batch, "test");
        debits.returned(mine.endToEndId(), "MD06", "test");

        WebSession session = WebSession.signedIn(port, jdbc, encoder, "COLLECTOR");
        HttpResponse<String> page = session.get("/accounts/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Direct debit").contains(p + "-M · CORE")
                .contains("Carla Page · GB82 …5432").doesNotContain("12345698765432")
                .contains(mine.endToEndId()).contains("42.50").contains("RETURNED (MD06)");

        HttpResponse<String> chinese = session.get("/accounts/" + id, "zh-TW");
        assertThat(chinese.body()).contains("自動扣款").contains("自動扣款紀錄");
    }
}
