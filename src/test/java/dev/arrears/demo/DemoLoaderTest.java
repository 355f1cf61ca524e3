package dev.arrears.demo;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.ledger.Views.AccountSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads a small demo into the real database twice. The demo's references are fixed (CUST-000001 …), so the test
 * uses the default seed and the application's today: any other demo load in a shared database with those settings
 * has the same records for the same references.
 */
@Tag("integration")
@SpringBootTest
class DemoLoaderTest {

    @Autowired
    DemoLoader loader;

    @Autowired
    Ledger ledger;

    @Autowired
    dev.arrears.bank.DirectDebits debits;

    @Test
    void loadingTheSameDemoTwice_createsNothingTheSecondTime() {
        LocalDate asOf = loader.today();
        LedgerBatch batch = DemoPortfolio.generate(200, 42, asOf);
        int records = batch.customers().size() + batch.accounts().size() + batch.bills().size()
                + batch.payments().size() + batch.adjustments().size();

        LoadReport first = loader.load(200, 42, asOf);
        LoadReport second = loader.load(200, 42, asOf);

        assertThat(first.created() + first.unchanged()).isEqualTo(records);
        assertThat(second.created()).isZero();
        assertThat(second.unchanged()).isEqualTo(records);
        assertThat(ledger.customerCount()).isGreaterThanOrEqualTo(200);
        AccountSummary account = ledger.accountByRef("ACC-000001").orElseThrow();
        assertThat(account.customerRef()).isEqualTo("CUST-000001");
        assertThat(account.currency()).isEqualTo(batch.accounts().getFirst().currency().getCurrencyCode());
        assertThat(account.productLine()).isEqualTo(batch.accounts().getFirst().productLine());

        // The bulk path computed every state row from memory; each must equal a replay of the stored history.
        int delinquent = 0;
        for (var opened : batch.accounts()) {
            AccountSummary stored = ledger.accountByRef(opened.externalRef()).orElseThrow();
            AccountSummary replayed = ledger.account(stored.id(), null).orElseThrow().summary();
            assertThat(stored.balanceMinor()).as(opened.externalRef()).isEqualTo(replayed.balanceMinor());
            assertThat(stored.overdueMinor()).as(opened.externalRef()).isEqualTo(replayed.overdueMinor());
            assertThat(stored.daysPastDue()).as(opened.externalRef()).isEqualTo(replayed.daysPastDue());
            assertThat(stored.bucket()).as(opened.externalRef()).isEqualTo(replayed.bucket());
            assertThat(stored.oldestOpenDueDate()).as(opened.externalRef()).isEqualTo(replayed.oldestOpenDueDate());
            delinquent += stored.overdueMinor() > 0 ? 1 : 0;
        }
        assertThat(delinquent).as("a demo with late payers has overdue accounts").isPositive();
    }

    @Test
    void theDemoRecordsAutoDebitMandates_ibansForGbpAccounts_agreementsForTheOthers() {
        LocalDate asOf = loader.today();
        loader.load(200, 42, asOf);
        DemoPortfolio.Portfolio portfolio = DemoPortfolio.portfolio(200, 42, asOf);
        loader.mandates(portfolio, asOf); // a second call (another test, a restart) finds them made: no harm

        var withMandates = portfolio.batch().accounts().stream()
                .map(a -> debits.mandates(ledger.accountByRef(a.externalRef()).orElseThrow().id()))
                .filter(m -> !m.isEmpty()).map(java.util.List::getFirst).toList();
        assertThat(withMandates).hasSizeGreaterThan(10);
        assertThat(withMandates).allSatisfy(m -> {
            assertThat(m.reference()).isEqualTo("DEMO-" + m.accountRef());
            assertThat(m.debtorIbanMasked() != null || m.agreementId() != null).isTrue();
        });
        assertThat(withMandates).anySatisfy(m -> assertThat(m.debtorIbanMasked()).startsWith("GB"));
        assertThat(withMandates).anySatisfy(m -> assertThat(m.agreementId()).startsWith("GW-AGREEMENT-"));
    }
}
