package dev.arrears.casework;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.shared.Channel;
import dev.arrears.shared.PersonalDataRead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The portfolio pages over the real ledger and database, signed in through the login form. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioPagesTest {

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

    private final String prefix = "PPT-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private WebSession session;

    @BeforeEach
    void signIn() throws Exception {
        session = WebSession.signedIn(port, jdbc, encoder);
    }

    @Test
    void portfolioShowsTheAgingTableAndFindsAnAccountBySearch() throws Exception {
        AccountSummary account = overdueAccount();

        HttpResponse<String> page = session.get("/");
        HttpResponse<String> found = session.get("/?q=" + prefix + "ACC");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Aging as of 2026-11-23", "Telecom postpaid · CNY", ">31-60<");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("href=\"/accounts/" + account.id() + "\"", prefix + "ACC", "Zhang Min")
                .contains("Showing 1–1 of 1");
    }

    @Test
    void accountPageShowsBillLinesAndWhatIsOutstanding() throws Exception {
        AccountSummary account = overdueAccount();

        HttpResponse<String> page = session.get("/accounts/" + account.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Account " + prefix + "ACC", "Zhang Min", "+8613912345678")
                .contains(prefix + "BILL", "Monthly plan", "88.00 CNY", "Roaming", "32.50 CNY")
                .contains("120.50 CNY")
                .contains("2026-10-10");
    }

    @Test
    void accountPageAnnouncesTheReadOfTheCustomersPersonalData() throws Exception {
        AccountSummary account = overdueAccount();
        List<PersonalDataRead> reads = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<?>> recorder = e -> {
            if (e.getPayload() instanceof PersonalDataRead read && read.customerId() == account.customerId()) {
                reads.add(read);
            }
        };
        context.addApplicationListener(recorder);
        try {
            assertThat(session.get("/accounts/" + account.id()).statusCode()).isEqualTo(200);
        } finally {
            context.removeApplicationListener(recorder);
        }

        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.actor()).startsWith("page-test-");
            assertThat(read.where()).isEqualTo("page /accounts/{id}");
            assertThat(read.at()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
        });
    }

    /** Creates a customer with one account and one unpaid bill due 2026-10-10: 44 days past due on 2026-11-23. */
    private AccountSummary overdueAccount() {
        Currency cny = Currency.getInstance("CNY");
        ledger.registerCustomers(List.of(new RegisterCustomer(prefix + "CUST", "Zhang Min", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613912345678",
                Set.of(Channel.SMS), Set.of())))));
        AccountSummary account = ledger.openAccounts(List.of(new OpenAccount(prefix + "ACC", prefix + "CUST",
                ProductLine.TELECOM_POSTPAID, cny, AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view();
        ledger.issueBills(List.of(new IssueBill(prefix + "BILL", prefix + "ACC", LocalDate.of(2026, 9, 25),
                LocalDate.of(2026, 10, 10), cny, 12_050, List.of(
                new BillLine("Monthly plan", LineCategory.SERVICE, 8_800),
                new BillLine("Roaming", LineCategory.USAGE, 3_250)))));
        return account;
    }
}
