package dev.arrears.arrangement;

import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late fees and interest charged by the cycle's step: as DEBIT_NOTE adjustments on the bill with a charge row,
 * once however often a date is run, frozen by a breathing space, listed by the API.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "arrears.charges.enabled=true")
class ChargesApiTest {

    private static final String USER = "charges-collector";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Charges charges;
    @Autowired
    DebtorFacts debtors;
    @Autowired
    ApplicationContext context;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, jdbc, encoder, ledger, cycles, USER, "COLLECTOR");
    }

    @Test
    void lateFee_isADebitNoteOnTheBill_chargedOnceHoweverOftenTheDateRuns() {
        // the shipped cn-telecom rule: 5 grace days, 10.00 CNY; the bill fell due on 2026-11-01
        long id = api.account("FEE", 20_000);
        long before = api.balance(id);
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 6))).as("within the grace").isZero();
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 7))).isEqualTo(1);
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 7))).as("the date again").isZero();
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 8))).as("the next date").isZero();
        assertThat(api.balance(id)).isEqualTo(before + 1_000);
        assertThat(jdbc.sql("""
                        select d.type || ' ' || d.amount_minor || ' ' || b.external_ref from adjustment d
                        join bill b on b.id = d.bill_id where d.account_id = ?""").param(id)
                .query(String.class).list()).containsExactly("DEBIT_NOTE 1000 " + api.p + "FEE-B");

        Api.Response listed = api.get(USER, "/api/v1/accounts/" + id + "/charges");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(1);
        assertThat(listed.json().get(0).get("kind").asString()).isEqualTo("FEE");
        assertThat(listed.json().get(0).get("amount").asString()).isEqualTo("10.00");
        assertThat(listed.json().get(0).get("currency").asString()).isEqualTo("CNY");
        assertThat(listed.json().get(0).get("ruleId").asString()).isEqualTo("cn-telecom");
        assertThat(listed.json().get(0).get("billRef").asString()).isEqualTo(api.p + "FEE-B");
    }

    @Test
    void interest_accruesPerPeriodOnTheUnpaidPrincipal_upToTheCap() {
        long id = walletAccount("INT", 100_000);
        // cn-wallet-credit: grace 3, first late day 2026-10-05, 0.05 % a day for 30 days = 1.5 % of 1,000.00
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 2))).isZero();
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 3))).isEqualTo(1);
        assertThat(jdbc.sql("select amount_minor from charge where account_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1_500);
        assertThat(jdbc.sql("select period_from || '..' || period_to from charge where account_id = ?").param(id)
                .query(String.class).single()).isEqualTo("2026-10-05..2026-11-03");
    }

    @Test
    void breathingSpace_freezesCharging() {
        long id = api.account("FROZEN", 20_000);
        long customer = ledger.currentStates(List.of(id)).get(id).customerId();
        debtors.setFlag(customer, Flag.BREATHING_SPACE, null, "debt respite scheme", "test");
        assertThat(charges.charge(List.of(id), LocalDate.of(2026, 11, 7))).isZero();
        assertThat(charges.ofAccount(id)).isEmpty();
    }

    @Test
    void unknownAccount_is404_andTheStepRunsWithTheCycle() {
        assertThat(api.get(USER, "/api/v1/accounts/987654321/charges").status()).isEqualTo(404);
        assertThat(context.getBeansOfType(CycleStep.class).values()).contains(charges);
    }

    /** Opens a CNY wallet credit account with one bill due 2026-10-01. */
    private long walletAccount(String ref, long minor) {
        long id = api.account(ref + "-T", 10_000);
        String customerRef = api.p + ref + "-T";
        long wallet = ledger.openAccounts(List.of(new OpenAccount(api.p + ref, customerRef,
                ProductLine.WALLET_CREDIT, Api.CNY, AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null)))
                .getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(api.p + ref + "-B", api.p + ref, LocalDate.of(2026, 9, 15),
                LocalDate.of(2026, 10, 1), Api.CNY, minor, List.of(new BillLine("loan", LineCategory.SERVICE,
                        minor)))));
        assertThat(id).isNotEqualTo(wallet);
        return wallet;
    }
}
