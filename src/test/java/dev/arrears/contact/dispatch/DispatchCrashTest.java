package dev.arrears.contact.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import dev.arrears.contact.sms.SmscSimulator;
import dev.arrears.contact.sms.SmscSimulator.ReceivedSms;
import dev.arrears.cycle.Cycles;
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
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatch killed with SIGKILL: {@code arrears dispatch run} runs in a child JVM on the tests' database with SMS
 * live over SMPP into the SMS centre simulator in this JVM, and is killed five times at random points while 10,000
 * due SMS go out (each time after a random number of messages reached the simulator), restarted, and finally left
 * to finish. Every job must end SENT or UNCERTAIN (none lost, none left), every SENT job's message must have reached
 * the simulator exactly once with the job's SMSC ids, no message or part twice, and the UNCERTAIN jobs — the
 * hand-overs in flight when a process died, which are never sent again — stay within what docs/dispatch.md
 * promises: at most {@code batch-size} per worker per kill; those that reached the SMSC lack the stored id of exactly
 * one part, their last. Each restart runs on a later fixed clock, past the lease. The figures go to standard
 * output for docs/dispatch.md.
 */
@Tag("crash")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DispatchCrashTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /**
     * 10:00 in Shanghai on the tests' day, inside the contact window: the first child's fixed clock. Each restart
     * is fixed {@link #RESTART} later, past the lease, as a restart after the lease ran out would find the world: a
     * fixed clock never lets a lease run out within one life, and the dead child's claims must lapse for the next.
     */
    private static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");
    private static final Duration RESTART = Duration.ofSeconds(10);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final int MESSAGES = 10_000;
    private static final int KILLS = 5;
    private static final int WORKERS = 2;
    private static final int BATCH = 250;
    private static final int WINDOW = 20;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** How long one life of the child may take to reach its kill point or, the last, to finish. */
    private static final Duration LIFE = Duration.ofSeconds(60);

    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HikariDataSource dataSource;

    private final String prefix = "K" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void sigkilledDispatch_sendsEverySentMessageExactlyOnceAndNoMessageTwice() throws Exception {
        Random random = new Random(20_261_123L);
        int base = 10_000_000 + new Random().nextInt(80_000_000);
        List<Long> ids = build(base);
        assertThat(ids).hasSize(MESSAGES);
        Path log = Path.of("target", "dispatch-crash-" + prefix + "log");
        List<String> kills = new ArrayList<>();
        try (SmscSimulator smsc = SmscSimulator.start(SmscSimulator.Settings.of("arrears", "crash")
                .withReceiptDelay(Duration.ofMillis(50)), 0)) {
            for (int k = 0; k < KILLS; k++) {
                Process child = child(smsc.port(), log, AT.plus(RESTART.multipliedBy(k)));
                int from = smsc.distinctMessages();
                int after = 300 + random.nextInt(1_200);
                boolean reached = await(() -> smsc.distinctMessages() >= from + after || !child.isAlive(),
                        () -> unfinished(ids) == 0, LIFE);
                assertThat(child.isAlive()).as("child alive before kill %d; see %s", k + 1, log).isTrue();
                assertThat(reached).as("kill point %d reached; see %s", k + 1, log).isTrue();
                Thread.sleep(random.nextInt(100));
                child.destroyForcibly();
                child.waitFor();
                kills.add("kill %d after %d messages of its life, %d in all".formatted(k + 1,
                        smsc.distinctMessages() - from, smsc.distinctMessages()));
            }
            Process last = child(smsc.port(), log, AT.plus(RESTART.multipliedBy(KILLS)));
            boolean finished = await(() -> !last.isAlive(), () -> unfinished(ids) == 0, LIFE);
            last.destroy();
            last.waitFor();
            assertThat(finished).as("the last life finished the work; see %s; %s; kills %s; smsc received %d",
                    log, progress(ids), kills, smsc.distinctMessages()).isTrue();
            // a message whose last submit_sm_resp the dead child never stored may still complete at the simulator
            Thread.sleep(500);

            check(ids, base, smsc, kills);
        }
    }

    /** Asserts the outcome and prints the figures. */
    private void check(List<Long> ids, int base, SmscSimulator smsc, List<String> kills) {
        record Job(long account, String ref, String state, List<String> providerIds) {
        }
        List<Job> jobs = jdbc.sql("""
                        select j.account_id, a.external_ref, j.state, j.provider_ids from dispatch_job j
                        join account a on a.id = j.account_id where j.account_id = any (?)""")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> new Job(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getArray(4) == null ? List.of() : List.of((String[]) rs.getArray(4).getArray())))
                .list();
        Map<String, List<ReceivedSms>> byPhone = new HashMap<>();
        for (ReceivedSms sms : smsc.received()) {
            byPhone.computeIfAbsent(sms.destination(), d -> new ArrayList<>()).add(sms);
        }
        Map<String, Integer> states = new TreeMap<>();
        int uncertainWent = 0;
        List<String> wentUnrecorded = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Job j : jobs) {
            states.merge(j.state(), 1, Integer::sum);
            List<ReceivedSms> got = byPhone.getOrDefault(phone(base, index(j.ref())), List.of());
            if (j.state().equals("SENT")) {
                if (got.size() != 1 || !got.getFirst().messageIds().equals(j.providerIds())) {
                    wrong.add("SENT %s with ids %s: %s".formatted(j.ref(), j.providerIds(), got));
                }
            } else {
                if (got.size() > 1) {
                    wrong.add("%s %s: %s".formatted(j.state(), j.ref(), got));
                }
                uncertainWent += got.size();
                got.forEach(sms -> wentUnrecorded.addAll(sms.messageIds()));
            }
        }
        int uncertain = states.getOrDefault("UNCERTAIN", 0);
        // parts of UNCERTAIN messages that reached the SMSC and whose ids dispatch stored before the child died
        long stored = jdbc.sql("select count(*) from provider_message where channel = 'SMS' and provider_id = any (?)")
                .param(wentUnrecorded.toArray(String[]::new)).query(Long.class).single();
        long lookedUp = jdbc.sql("select count(*) from dispatch_attempt where account_id = any (?) and detail ="
                        + " 'accepted before its worker died (provider lookup)'")
                .param(ids.toArray(Long[]::new)).query(Long.class).single();
        System.out.printf(Locale.ROOT, "dispatch crash: %s; jobs %s; sent after a takeover from the journal=%d;"
                        + " uncertain=%d of which reached the SMSC=%d (%d parts, %d of them stored, none whole);"
                        + " smsc submits=%d received=%d duplicates=%d duplicate_parts=%d%n", kills, states, lookedUp,
                uncertain, uncertainWent, wentUnrecorded.size(), stored, smsc.submits(), smsc.received().size(),
                smsc.duplicates(), smsc.duplicateParts());
        System.out.printf(Locale.ROOT, "dispatch crash: %d wrong: %s%n", wrong.size(),
                wrong.subList(0, Math.min(20, wrong.size())));
        assertThat(wrong).as("SENT jobs not received exactly once with their ids, or others received twice")
                .isEmpty();
        assertThat(jobs).as("one job per message").hasSize(MESSAGES);
        assertThat(states.keySet()).as("job states: none lost, none left over").isSubsetOf(Set.of("SENT", "UNCERTAIN"));
        assertThat(smsc.duplicates()).as("messages received twice").isZero();
        assertThat(smsc.duplicateParts()).as("parts received twice").isZero();
        assertThat(uncertain).as("UNCERTAIN: at most the batches in flight, batch-size per worker per kill")
                .isLessThanOrEqualTo(KILLS * WORKERS * BATCH);
        // each part's id is stored before the next part goes, and a wholly stored message is found by the takeover:
        // an UNCERTAIN message that reached the SMSC lacks exactly the id of its last part
        assertThat(wentUnrecorded.size() - stored).as("unstored parts of UNCERTAIN messages at the SMSC")
                .isEqualTo(uncertainWent);
    }

    /** Describes where the accounts' jobs and planned actions stand, for a failure message. */
    private String progress(List<Long> ids) {
        Long[] a = ids.toArray(Long[]::new);
        return "jobs " + jdbc.sql("select state || '/' || coalesce(last_result, '-') || '/' || coalesce(reason, '-')"
                        + " || ' claims=' || claims, count(*) from dispatch_job where account_id = any (?) group by 1")
                .param(a).query((rs, n) -> rs.getString(1) + ": " + rs.getLong(2)).list()
                + "; planned actions " + jdbc.sql("select state, count(*) from planned_action"
                        + " where account_id = any (?) group by 1")
                .param(a).query((rs, n) -> rs.getString(1) + ": " + rs.getLong(2)).list();
    }

    /** Returns how many of the accounts' planned actions are not settled yet. */
    private long unfinished(List<Long> ids) {
        return jdbc.sql("select count(*) from planned_action where account_id = any (?) and state in ('PLANNED',"
                        + " 'QUEUED')")
                .param(ids.toArray(Long[]::new)).query(Long.class).single();
    }

    /** Waits until {@code fast} (checked every 5 ms) or {@code slow} (every 0.5 s) holds; returns whether one did. */
    private static boolean await(BooleanSupplier fast, BooleanSupplier slow, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (int checks = 0; System.nanoTime() < end; checks++) {
            if (fast.getAsBoolean() || checks % 100 == 99 && slow.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return fast.getAsBoolean() || slow.getAsBoolean();
    }

    /** Starts {@code arrears dispatch run} in a JVM of its own on the tests' database at a fixed clock. */
    private Process child(int smscPort, Path log, Instant clock) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "-Darrears.db.url=" + dataSource.getJdbcUrl(),
                "-Darrears.db.user=" + nonNull(dataSource.getUsername()),
                "-Darrears.db.password=" + nonNull(dataSource.getPassword()),
                "-Darrears.clock.fixed=" + clock,
                "-Darrears.contact.sms.mode=live",
                "-Darrears.sms.smpp.host=127.0.0.1",
                "-Darrears.sms.smpp.port=" + smscPort,
                "-Darrears.sms.smpp.system-id=arrears",
                "-Darrears.sms.smpp.password=crash",
                "-Darrears.sms.smpp.window=" + WINDOW,
                "-Darrears.contact.dispatch.lease=" + LEASE,
                "-Darrears.contact.dispatch.batch-size=" + BATCH,
                "-Darrears.contact.dispatch.idle=PT0.2S",
                "-Darrears.contact.dispatch.enqueue-every=PT1S",
                "-Dlogging.level.org.jsmpp=ERROR",
                "dev.arrears.Arrears", "dispatch", "run", "--workers", String.valueOf(WORKERS)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private String phone(int base, int i) {
        return "+86135" + (base + i);
    }

    private int index(String externalRef) {
        return Integer.parseInt(externalRef.substring(externalRef.lastIndexOf('a') + 1));
    }

    /**
     * Writes MESSAGES overdue accounts of customers in Shanghai (zh-CN, one bill with two lines, a phone each), an
     * open case and an SMS step due today each, as {@code bench dispatch} does; returns the account ids.
     */
    private List<Long> build(int base) {
        LocalDate issued = TODAY.minusDays(53);
        LocalDate due = TODAY.minusDays(34);
        for (int from = 0; from < MESSAGES; from += 5_000) {
            List<RegisterCustomer> customers = new ArrayList<>();
            List<OpenAccount> accounts = new ArrayList<>();
            List<IssueBill> bills = new ArrayList<>();
            for (int i = from; i < Math.min(MESSAGES, from + 5_000); i++) {
                customers.add(new RegisterCustomer(prefix + "c" + i, "王伟" + i, CustomerType.PERSON, "zh-CN",
                        SHANGHAI, List.of(new ContactPoint(ContactKind.PHONE, phone(base, i), Set.of(Channel.SMS),
                        Set.of()))));
                accounts.add(new OpenAccount(prefix + "a" + i, prefix + "c" + i, ProductLine.TELECOM_POSTPAID,
                        DispatchFixture.CNY, AccountStatus.ACTIVE, issued.minusYears(1), null));
                long plan = 5_800 + (i % 7) * 1_000;
                long usage = 1_250 + (i % 13) * 110;
                bills.add(new IssueBill(prefix + "b" + i, prefix + "a" + i, issued, due, DispatchFixture.CNY,
                        plan + usage, List.of(new BillLine("月租套餐", LineCategory.SERVICE, plan),
                        new BillLine("国内流量超出", LineCategory.USAGE, usage))));
            }
            cycles.withoutEventEvaluation(() -> ledger.load(new LedgerBatch(customers, accounts, bills, List.of(),
                    List.of())));
        }
        List<Long> ids = jdbc.sql("select id from account where external_ref like ? order by id")
                .param(prefix + "a%").query(Long.class).list();
        Timestamp now = Timestamp.from(AT);
        jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                            outcome, updated_at)
                        select id, customer_id, 'OPEN', ?, ?, 0, 'ACTIVE', ? from account where id = any (?)""")
                .params(due.plusDays(1), due, now, ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, strategy_version_id, segment, variant, facts, state, created_at,
                            updated_at)
                        select id, account_id, ?, ?, 1, 'SMS', 'SMS', 'overdue_notice', 0, 'crash', 'A', '',
                               'PLANNED', ?, ? from collection_case where account_id = any (?)""")
                .params(TODAY, TODAY, now, now, ids.toArray(Long[]::new)).update();
        return ids;
    }
}
