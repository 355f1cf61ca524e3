package dev.arrears.cycle;

import dev.arrears.cycle.persistence.RunStore;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.StrategyBook;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Tag("integration")
class CycleEngineTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Cycles cycles;

    private final String p = "CY" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private StrategyBook book() {
        String product = "account.productLine == 'OTHER' && account.currency == 'CNY'";
        var ladder = List.of(Step.of("due+1d", ActionKind.SMS, "overdue_notice"),
                Step.of("due+7d", ActionKind.EMAIL, "overdue_notice_bill"),
                new Step(dev.arrears.strategy.domain.Offset.parse("due+15d"), ActionKind.CALL_TASK, null, "general",
                        null, null, null, null, false),
                new Step(dev.arrears.strategy.domain.Offset.parse("due+30d"), ActionKind.RESTRICT_SERVICE, null, null,
                        null, "soft", null, null, false));
        var def = new StrategyDefinition("engine-test-" + p, null, 1, product,
                List.of(new Segment("all", null, ladder, List.of())), "case.promiseActive");
        return new StrategyBook(List.of(CompiledStrategy.compile(-1, 1, def)));
    }

    private long account(String ref, LocalDate due, long amount) {
        ledger.registerCustomers(List.of(new RegisterCustomer(p + ref, "王芳", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+8613800138001",
                        Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(p + ref, p + ref, ProductLine.OTHER, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(p + ref + "-B", p + ref, due.minusDays(20), due, CNY, amount,
                List.of(new BillLine("plan", LineCategory.SERVICE, amount)))));
        return id;
    }

    @Test
    void cycleOpensCasesPlansDueStepsAndIsIdempotent() throws Exception {
        LocalDate asOf = LocalDate.of(2026, 11, 23);
        // the shipped strategies must not plan for these accounts on the ledger's events: this test's book does
        long late = cycles.withoutEventEvaluation(() -> account("A", asOf.minusDays(8), 12_000)); // EMAIL at due+7
        long fresh = cycles.withoutEventEvaluation(() -> account("B", asOf.minusDays(1), 5_000)); // SMS at due+1
        long notDue = cycles.withoutEventEvaluation(() -> account("C", asOf.plusDays(10), 5_000)); // nothing yet
        CycleEngine engine = new CycleEngine(dataSource, new RunStore(jdbc), 0);
        RunStore runs = new RunStore(jdbc);
        long run = runs.create(asOf, "test", 1000);
        engine.work(run, asOf, book(), 2);
        assertThat(runs.view(run).orElseThrow().state()).isEqualTo("DONE");

        List<Map<String, Object>> actions = jdbc.sql(
                "select account_id, action, step, skipped from planned_action where account_id in (?, ?, ?) order by account_id")
                .params(late, fresh, notDue).query().listOfRows();
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).containsEntry("action", "EMAIL").containsEntry("step", 2).containsEntry("skipped", "1");
        assertThat(actions.get(1)).containsEntry("action", "SMS").containsEntry("step", 1);
        assertThat(jdbc.sql("select count(*) from collection_case where account_id in (?, ?, ?) and status = 'OPEN'")
                .params(late, fresh, notDue).query(Long.class).single()).isEqualTo(2);

        long again = runs.create(asOf, "test", 1000);
        engine.work(again, asOf, book(), 2);
        assertThat(jdbc.sql("select count(*) from planned_action where account_id in (?, ?, ?)")
                .params(late, fresh, notDue).query(Long.class).single()).isEqualTo(2);

        cycles.withoutEventEvaluation(() -> ledger.postPayments(List.of(new PostPayment(p + "PAY", p + "B", 5_000,
                CNY, Instant.parse("2026-11-23T02:00:00Z"), PaymentMethod.BANK_TRANSFER, null))));
        long third = runs.create(asOf, "test", 1000);
        engine.work(third, asOf, book(), 2);
        assertThat(jdbc.sql("select status || ':' || coalesce(close_reason, '') from collection_case where account_id = ?")
                .param(fresh).query(String.class).single()).isEqualTo("CLOSED:CURED");
        assertThat(jdbc.sql("select state from planned_action where account_id = ?").param(fresh)
                .query(String.class).single()).isEqualTo("CANCELLED");
    }
}
