package dev.arrears.cycle;

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
import dev.arrears.platform.DatabaseConfiguration.DatabaseTarget;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a cycle run with SIGKILL half way (a separate JVM running {@code arrears cycle run} against this test's
 * database, slowed down between partitions) and checks that running the cycle again finishes the remaining
 * partitions of the same run and plans nothing twice.
 */
@SpringBootTest
@Tag("integration")
class CycleKillAndResumeTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DatabaseTarget database;

    @Test
    void killedRun_resumesRemainingPartitionsWithoutDuplicates() throws Exception {
        LocalDate asOf = LocalDate.of(2026, 11, 23);
        String p = "KR" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<RegisterCustomer> customers = new ArrayList<>();
        List<OpenAccount> accounts = new ArrayList<>();
        List<IssueBill> bills = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            customers.add(new RegisterCustomer(p + "C" + i, "客户" + i, CustomerType.PERSON, "zh-CN",
                    ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE, "+86139" + (10000000 + i),
                    Set.of(Channel.SMS, Channel.CALL), Set.of()))));
            accounts.add(new OpenAccount(p + "A" + i, p + "C" + i, ProductLine.TELECOM_POSTPAID, CNY,
                    AccountStatus.ACTIVE, LocalDate.of(2024, 1, 1), null));
            LocalDate due = asOf.minusDays(1 + i % 40);
            bills.add(new IssueBill(p + "B" + i, p + "A" + i, due.minusDays(20), due, CNY, 8_000 + i * 100L,
                    List.of(new BillLine("月租费", LineCategory.SERVICE, 8_000 + i * 100L))));
        }
        ledger.registerCustomers(customers);
        ledger.openAccounts(accounts);
        ledger.issueBills(bills);
        ledger.refreshStates(asOf);
        long first = ledger.accountIds(List.of(p + "A0")).get(p + "A0");
        long last = ledger.accountIds(List.of(p + "A119")).get(p + "A119");

        // a separate JVM: one worker, partitions of 10 account ids, a pause after each commit
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Darrears.cycle.partition-size=10", "-Darrears.cycle.workers=1",
                "-Darrears.cycle.pause-after-partition-ms=400", "dev.arrears.Arrears", "cycle", "run",
                "--as-of", asOf.toString());
        builder.environment().put("ARREARS_DB_URL", database.url());
        builder.environment().put("ARREARS_DB_USER", database.user());
        builder.environment().put("ARREARS_DB_PASSWORD", database.password() == null ? "" : database.password());
        Path log = Files.createTempFile("cycle-kill-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        long runId = 0;
        int done = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            List<Long> running = jdbc.sql("select id from cycle_run where as_of = ? and state = 'RUNNING' order by id")
                    .param(asOf).query(Long.class).list();
            if (!running.isEmpty()) {
                runId = running.getLast();
                done = jdbc.sql("select count(*) from cycle_partition where run_id = ? and state = 'DONE'")
                        .param(runId).query(Integer.class).single();
                if (done >= 3) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertThat(process.isAlive()).as("the cycle process is still running; its log:\n" + Files.readString(log))
                .isTrue();
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean rollback from the client side
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int partitions = jdbc.sql("select partitions from cycle_run where id = ?").param(runId)
                .query(Integer.class).single();
        int doneAtKill = jdbc.sql("select count(*) from cycle_partition where run_id = ? and state = 'DONE'")
                .param(runId).query(Integer.class).single();
        assertThat(doneAtKill).as("killed half way").isGreaterThanOrEqualTo(3).isLessThan(partitions);

        CycleView resumed = cycles.run(asOf, "test", v -> { });

        assertThat(resumed.id()).as("the same run is resumed").isEqualTo(runId);
        assertThat(resumed.state()).isEqualTo("DONE");
        assertThat(resumed.partitionsDone()).isEqualTo(partitions);
        assertThat(jdbc.sql("select count(*) from planned_action where run_id = ?").param(runId)
                .query(Long.class).single()).isEqualTo(resumed.actionsPlanned());
        assertThat(jdbc.sql("""
                        select count(*) from (select case_id, step, scheduled_on from planned_action
                        where account_id between ? and ? group by 1, 2, 3 having count(*) > 1) d""")
                .params(first, last).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from collection_case where account_id between ? and ? and status = 'OPEN'")
                .params(first, last).query(Long.class).single()).isEqualTo(120);
        assertThat(jdbc.sql("""
                        select count(distinct account_id) from planned_action
                        where account_id between ? and ? and planned_on = ?""")
                .params(first, last, asOf).query(Long.class).single()).isEqualTo(120);
        Files.deleteIfExists(log);
    }
}
