package dev.arrears.cycle;

import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
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
import dev.arrears.shared.Channel;
import dev.arrears.shared.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Open cases follow DISPUTE_OPEN set and cleared in the compliance module, for all of a customer's debts or one,
 * in the same transaction; a customer-wide clearing leaves a debt disputed on its own still disputed.
 */
@Tag("integration")
@SpringBootTest
class ComplianceEventsTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    DebtorFacts facts;
    @Autowired
    JdbcClient jdbc;

    private final String p = "CE" + UUID.randomUUID().toString().substring(0, 8) + "-";
    long customer;
    long first;
    long second;

    @BeforeEach
    void twoOverdueAccountsWithOpenCases() {
        customer = ledger.registerCustomers(List.of(new RegisterCustomer(p + "C", "赵敏", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613900139001",
                        Set.of(Channel.SMS), Set.of()))))).getFirst().view().id();
        first = account("A");
        second = account("B");
        cycles.reevaluate(List.of(first, second));
        assertThat(openCases()).isEqualTo(2);
    }

    private long account(String ref) {
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + "C", ProductLine.BROADBAND, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 2, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + ref + "-B", p + ref, TODAY.minusDays(40), TODAY.minusDays(20),
                CNY, 9_900, List.of(new BillLine("宽带月租", LineCategory.SERVICE, 9_900)))));
        return id;
    }

    private long openCases() {
        return jdbc.sql("select count(*) from collection_case where account_id in (?, ?) and status = 'OPEN'")
                .params(first, second).query(Long.class).single();
    }

    private boolean disputed(long account) {
        return jdbc.sql("select dispute_open from collection_case where account_id = ? and status = 'OPEN'")
                .param(account).query(Boolean.class).single();
    }

    private List<String> events(long account) {
        return jdbc.sql("""
                        select e.kind || ' ' || e.on_date from case_event e join collection_case c on c.id = e.case_id
                        where c.account_id = ? and e.kind like 'DISPUTE%' order by e.created_at, e.kind""")
                .param(account).query(String.class).list();
    }

    @Test
    void disputeOfOneDebt_marksThatCaseOnly() {
        facts.setFlag(customer, Flag.DISPUTE_OPEN, Long.toString(first), "line items", null);

        assertThat(disputed(first)).isTrue();
        assertThat(disputed(second)).isFalse();
        assertThat(events(first)).containsExactly("DISPUTE_OPENED 2026-11-23");
        assertThat(events(second)).isEmpty();
    }

    @Test
    void customerWideDispute_marksEveryCase_andItsClearingKeepsADebtDisputedOnItsOwn() {
        facts.setFlag(customer, Flag.DISPUTE_OPEN, Long.toString(first), null, null);
        facts.setFlag(customer, Flag.DISPUTE_OPEN, null, "all bills", null);
        assertThat(disputed(first)).isTrue();
        assertThat(disputed(second)).isTrue();

        facts.clearFlag(customer, Flag.DISPUTE_OPEN, null, "verified", null);
        assertThat(disputed(first)).isTrue();
        assertThat(disputed(second)).isFalse();

        facts.clearFlag(customer, Flag.DISPUTE_OPEN, Long.toString(first), "verified", null);
        assertThat(disputed(first)).isFalse();
        assertThat(events(first)).containsExactly("DISPUTE_OPENED 2026-11-23", "DISPUTE_CLOSED 2026-11-23");
        assertThat(events(second)).containsExactly("DISPUTE_OPENED 2026-11-23", "DISPUTE_CLOSED 2026-11-23");
    }

    @Test
    void caseOpenedWhileTheCustomerDisputesEverything_startsDisputed() {
        facts.setFlag(customer, Flag.DISPUTE_OPEN, null, "disputes every bill", null);

        long third = account("C");
        cycles.reevaluate(List.of(third));

        assertThat(disputed(third)).isTrue();
        assertThat(events(third)).containsExactly("DISPUTE_OPENED 2026-11-23");
    }

    @Test
    void otherFlags_andRefusedChanges_leaveCasesAlone() {
        facts.setFlag(customer, Flag.BANKRUPTCY, null, null, null);
        assertThatThrownBy(() -> facts.clearFlag(customer, Flag.DISPUTE_OPEN, null, null, null))
                .isInstanceOf(ConflictException.class);

        assertThat(disputed(first)).isFalse();
        assertThat(disputed(second)).isFalse();
        assertThat(events(first)).isEmpty();
    }

    @Test
    void disputeOfAnotherCustomersAccount_marksNothing() {
        long stranger = ledger.registerCustomers(List.of(new RegisterCustomer(p + "S", "钱七", CustomerType.PERSON,
                "zh-CN", ZoneId.of("Asia/Shanghai"), List.of()))).getFirst().view().id();

        facts.setFlag(stranger, Flag.DISPUTE_OPEN, Long.toString(first), null, null);

        assertThat(disputed(first)).isFalse();
    }
}
