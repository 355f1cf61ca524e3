package dev.arrears.selfservice;

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
import dev.arrears.selfservice.domain.PortalInput.ComplaintCategory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Complaints recorded about an account count in {@code history.complaints90d}, for 90 days. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ComplaintFactsTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    SelfService selfService;

    private final String p = "CF" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void complaintsOfTheLast90Days_areAFactForStrategies() {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Complainer", CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of())));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + "B", p + "A", LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 11, 1), CNY, 10_000, List.of(new BillLine("plan", LineCategory.SERVICE, 10_000)))));
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertThat(complaints(id, today)).isEqualTo(0L);

        selfService.complain(id, SelfService.Source.COLLECTOR, ComplaintCategory.CONTACT_FREQUENCY,
                "Too many calls", "collector-1");
        selfService.complain(id, SelfService.Source.API, ComplaintCategory.BILLING, "Wrong amount", "crm");

        assertThat(complaints(id, today)).isEqualTo(2L);
        assertThat(complaints(id, today.plusDays(89))).isEqualTo(2L);
        assertThat(complaints(id, today.plusDays(90))).as("90 days later").isEqualTo(0L);
        assertThat(complaints(id, today.minusDays(1))).as("the day before they were made").isEqualTo(0L);
    }

    private Object complaints(long accountId, LocalDate asOf) {
        return ((Number) cycles.evaluate("general", null, accountId, asOf).facts().get("history.complaints90d"))
                .longValue();
    }
}
