package dev.arrears.contact.dispatch;

import dev.arrears.contact.CallTasks;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Assignment of call tasks over the real database: a claim is one statement, so of collectors claiming the same
 * task at the same instant exactly one gets it; "next" hands out distinct tasks to collectors asking together; a
 * lapsed claim frees the task; a supervisor's assignment holds it until released; every change is audited.
 */
@Tag("integration")
@SpringBootTest
class CallTaskAssignmentTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Dispatch dispatch;
    @Autowired
    CallTasks tasks;

    DispatchFixture f;

    @BeforeEach
    void setUp() {
        f = new DispatchFixture(ledger, cycles, jdbc);
    }

    /** Creates an enabled collector of a unique name (assignment checks the users); returns the name. */
    private String collector(String name) {
        String unique = f.p + name;
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values (?, 'x', '{COLLECTOR}', true, now())""").param(unique).update();
        return unique;
    }

    /** Creates n call tasks in the fixture's queue; returns their ids. */
    private List<Long> callTasks(int n) {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long a = f.account("Claim" + i);
            f.plan(a, "CALL_TASK", "CALL", null, "call_script");
            accounts.add(a);
        }
        dispatch.runOnce(accounts);
        return jdbc.sql("select id from call_task where queue = ? order by id").param(f.p + "queue")
                .query(Long.class).list();
    }

    private void grade(long account, String grade, int points) {
        jdbc.sql("""
                        insert into account_score (account_id, scored_on, points, grade, probability, logged_points,
                            logged_grade)
                        values (?, ?, ?, ?, 0.5, ?, ?)
                        on conflict (account_id) do update set grade = excluded.grade, points = excluded.points""")
                .params(account, DispatchFixture.TODAY, points, grade, points, grade).update();
    }

    @Test
    void partPaymentAndAWorseGrade_moveTheTaskInTheQueue() {
        long risky = f.account("RankE");
        long plain = f.account("RankNone");
        long safe = f.account("RankA");
        grade(risky, "E", 450);
        grade(safe, "A", 700);
        for (long a : List.of(risky, plain, safe)) {
            f.plan(a, "CALL_TASK", "CALL", null, "call_script");
        }
        dispatch.runOnce(List.of(risky, plain, safe));
        assertThat(tasks.pool(f.p + "queue", 10)).extracting(CallTaskView::accountId)
                .containsExactly(risky, plain, safe);

        // 70.00 of 100.00 paid: 30.00 × 1 400 weighs less than 100.00 × 600; re-ranked when the payment commits
        f.pay("RankE", 7_000);
        assertThat(tasks.pool(f.p + "queue", 10)).extracting(CallTaskView::accountId)
                .containsExactly(plain, safe, risky);
        assertThat(tasks.pool(f.p + "queue", 10).getLast().priority())
                .isEqualTo(dev.arrears.contact.dispatch.domain.CallPriority.of(
                        ledger.currentStates(List.of(risky)).get(risky), 1400, DispatchFixture.TODAY));

        // the safe account's grade falls to E: the periodic re-rank (here asked for at once) moves it to the top
        grade(safe, "E", 450);
        assertThat(dispatch.rerankCalls(List.of(risky, plain, safe))).as("only the regraded task changed")
                .isEqualTo(1);
        assertThat(tasks.pool(f.p + "queue", 10)).extracting(CallTaskView::accountId)
                .containsExactly(safe, plain, risky);
        assertThat(tasks.next("rank-" + f.p, f.p + "queue").orElseThrow().accountId())
                .as("next task claims the current top").isEqualTo(safe);
    }

    @Test
    void taskPriorityWeighsTheAccountsScoreGrade_unscoredNeutral() {
        long worst = f.account("GradeE");
        long best = f.account("GradeA");
        long unscored = f.account("NoScore");
        for (Object[] row : new Object[][]{{worst, "E", 450}, {best, "A", 700}}) {
            jdbc.sql("""
                            insert into account_score (account_id, scored_on, points, grade, probability, logged_points,
                                logged_grade)
                            values (?, ?, ?, ?, 0.5, ?, ?)
                            on conflict (account_id) do update set grade = excluded.grade""")
                    .params(row[0], DispatchFixture.TODAY, row[2], row[1], row[2], row[1]).update();
        }
        for (long a : List.of(worst, best, unscored)) {
            f.plan(a, "CALL_TASK", "CALL", null, "call_script");
        }
        dispatch.runOnce(List.of(worst, best, unscored));

        java.util.Map<Long, dev.arrears.ledger.Views.CurrentState> states = ledger.currentStates(
                List.of(worst, best, unscored));
        for (Object[] expected : new Object[][]{{worst, 1400}, {best, 600}, {unscored, 1000}}) {
            long account = (Long) expected[0];
            assertThat(jdbc.sql("select priority from call_task where account_id = ?").param(account)
                    .query(Long.class).single())
                    .as("risk " + expected[1])
                    .isEqualTo(dev.arrears.contact.dispatch.domain.CallPriority.of(states.get(account),
                            (Integer) expected[1], DispatchFixture.TODAY));
        }
        assertThat(tasks.pool(f.p + "queue", 10)).extracting(CallTaskView::accountId)
                .containsExactly(worst, unscored, best);
    }

    @Test
    void twoCollectorsClaimingOneTaskAtOnce_exactlyOneWins() throws Exception {
        long id = callTasks(1).getFirst();
        for (int round = 0; round < 5; round++) {
            jdbc.sql("update call_task set assignee = null, assigned_until = null where id = ?").param(id).update();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> claims = new ArrayList<>();
                for (String who : List.of("ann", "bob")) {
                    claims.add(pool.submit(() -> {
                        start.await();
                        try {
                            return tasks.claim(id, who).assignee();
                        } catch (ConflictException e) {
                            return null;
                        }
                    }));
                }
                List<String> winners = new ArrayList<>();
                for (Future<String> c : claims) {
                    String w = c.get();
                    if (w != null) {
                        winners.add(w);
                    }
                }
                assertThat(winners).as("round " + round).hasSize(1);
                assertThat(tasks.task(id).orElseThrow().assignee()).isEqualTo(winners.getFirst());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void collectorsAskingForTheirNextTaskTogether_getDistinctTasksHighestPriorityFirst() throws Exception {
        List<Long> ids = callTasks(4);
        // priorities of the test's own, far above any other test's tasks
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("update call_task set priority = ? where id = ?").params(9_000_000_000_000L + i, ids.get(i))
                    .update();
        }
        int collectors = 6;
        CyclicBarrier start = new CyclicBarrier(collectors);
        ExecutorService pool = Executors.newFixedThreadPool(collectors);
        try {
            List<Future<Optional<CallTaskView>>> asks = new ArrayList<>();
            for (int c = 0; c < collectors; c++) {
                String who = f.p + "collector-" + c;
                Callable<Optional<CallTaskView>> ask = () -> {
                    start.await();
                    return tasks.next(who, f.p + "queue");
                };
                asks.add(pool.submit(ask));
            }
            List<Long> got = new ArrayList<>();
            for (Future<Optional<CallTaskView>> a : asks) {
                a.get().ifPresent(t -> got.add(t.id()));
            }
            assertThat(got).as("each task to one collector").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
        Set<String> assignees = new HashSet<>(jdbc.sql("select assignee from call_task where id = any (?)")
                .param(ids.toArray(Long[]::new)).query(String.class).list());
        assertThat(assignees).hasSize(4);
        assertThat(tasks.next(f.p + "late", f.p + "queue")).as("the queue is empty now").isEmpty();
    }

    @Test
    void nextTakesTheHighestPriorityAndThenReturnsTheCollectorsOwnTaskAgain() {
        List<Long> ids = callTasks(2);
        jdbc.sql("update call_task set priority = ? where id = ?").params(1L, ids.get(0)).update();
        jdbc.sql("update call_task set priority = ? where id = ?").params(2L, ids.get(1)).update();
        String me = f.p + "me";

        assertThat(tasks.next(me, f.p + "queue").orElseThrow().id()).isEqualTo(ids.get(1));
        assertThat(tasks.next(me, f.p + "queue").orElseThrow().id()).as("mine first, until I finish it")
                .isEqualTo(ids.get(1));
        assertThat(tasks.tasks(new dev.arrears.contact.ContactViews.CallTaskFilter(null, null, me, 0, 10)).items())
                .extracting(CallTaskView::id).containsExactly(ids.get(1));
    }

    @Test
    void lapsedClaimFreesTheTask_andSupervisorsAssignmentHoldsItUntilReleased() {
        long id = callTasks(1).getFirst();
        tasks.claim(id, "ann");
        assertThatThrownBy(() -> tasks.claim(id, "bob")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("assigned to ann");
        assertThat(tasks.claim(id, "ann").assignee()).as("a claim of one's own is renewed").isEqualTo("ann");

        jdbc.sql("update call_task set assigned_until = ? where id = ?")
                .params(Timestamp.from(Instant.parse("2026-11-23T03:00:00Z")), id).update();
        assertThat(tasks.claim(id, "bob").assignee()).as("ann's claim lapsed").isEqualTo("bob");

        String cat = collector("cat");
        CallTaskView assigned = tasks.assign(id, cat, "sup");
        assertThat(assigned.assignee()).isEqualTo(cat);
        assertThat(assigned.assignedBy()).isEqualTo("sup");
        assertThat(assigned.assignedUntil()).as("held until released").isNull();
        assertThatThrownBy(() -> tasks.claim(id, "bob")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> tasks.dial(id, "bob")).as("nobody else dials it").isInstanceOf(ConflictException.class);

        assertThat(tasks.assign(id, null, "sup").assignee()).isNull();
        assertThat(tasks.claim(id, "bob").assignee()).isEqualTo("bob");

        List<String> audited = jdbc.sql("""
                        select (details::jsonb ->> 'change') || ':' || coalesce(details::jsonb ->> 'assignee', '-')
                        from audit_entry where kind = 'CALL_TASK_ASSIGNED' and subject_id = ? order by id""")
                .param(Long.toString(id)).query(String.class).list();
        assertThat(audited).containsExactly("CLAIMED:ann", "CLAIMED:bob", "ASSIGNED:" + cat, "RELEASED:-",
                "CLAIMED:bob");
    }

    @Test
    void dialledTaskCannotBeReassigned_andAnUnansweredCallReturnsItToTheQueueLater() {
        long id = callTasks(1).getFirst();
        tasks.claim(id, "ann");
        assertThat(tasks.dial(id, "ann").decision()).isEqualTo("ALLOW");
        assertThatThrownBy(() -> tasks.assign(id, collector("bob"), "sup")).isInstanceOf(ConflictException.class);

        CallTaskView after = tasks.recordOutcome(id, "ann", new dev.arrears.contact.ContactViews.CallOutcome(
                dev.arrears.compliance.domain.Attempt.Outcome.NO_ANSWER, null, null, null));
        assertThat(after.state()).isEqualTo("OPEN");
        assertThat(after.assignee()).as("back in the pool for anyone").isNull();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.dueAt()).as("due again after the retry delay").isEqualTo(DispatchFixture.NOW.plusSeconds(7200));
    }
}
