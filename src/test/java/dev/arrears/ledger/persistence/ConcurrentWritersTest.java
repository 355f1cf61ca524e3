package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writers on one account that had no history: the bulk path computes the state row from memory, so when
 * another transaction commits a bill for the same account first, the row must be recomputed from the database.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConcurrentWritersTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerStore store;

    private final String p = "CW" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private IssueBill bill(String ref, long amount) {
        return new IssueBill(p + ref, p + "A", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 20), CNY, amount,
                List.of(new BillLine("plan", LineCategory.SERVICE, amount)));
    }

    @Test
    void stateRowCountsTheBillsOfBothWritersWhenAnotherCommittedFirst() {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "Li Na", CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of())));
        ledger.openAccounts(List.of(new OpenAccount(p + "A", p + "C", ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)));

        store.bulk(writer -> {
            writer.bills(List.of(bill("B1", 10_000)));
            // Another transaction, on another thread, writes to the same account and commits in between.
            CompletableFuture.runAsync(() -> ledger.issueBills(List.of(bill("B2", 2_500)))).join();
            return null;
        });

        AccountSummary stored = ledger.accountByRef(p + "A").orElseThrow();
        AccountSummary replayed = ledger.account(stored.id(), null).orElseThrow().summary();
        assertThat(replayed.balanceMinor()).isEqualTo(12_500);
        assertThat(stored.balanceMinor()).isEqualTo(12_500);
        assertThat(stored.overdueMinor()).isEqualTo(replayed.overdueMinor());
        assertThat(stored.daysPastDue()).isEqualTo(replayed.daysPastDue());
    }
}
