package dev.arrears.contact.dispatch;

import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.GuardRules;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.dispatch.domain.Backoff;
import dev.arrears.contact.dispatch.domain.CallPriority;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.arrears.contact.dispatch.DispatchFixture.NOW;
import static dev.arrears.contact.dispatch.DispatchFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dispatch against a real PostgreSQL: jobs from due actions, the sandbox, deferrals and blocks, retries with
 * backoff, fallback, lease takeover after a worker died, payments and holds that stop contacts, call tasks.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DispatchIntegrationTest {

    private static final String WORKER = "test-worker";

    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    ContactGuard guard;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    DispatchFixture f;
    DispatchEngine engine;

    @BeforeEach
    void setUp() {
        f = new DispatchFixture(ledger, cycles, jdbc);
        engine = dispatch.engine();
    }

    @AfterEach
    void allowEverythingAgain() {
        GuardRules.decideWith(guard, null);
    }

    private JobView job(long plannedActionId) {
        return dispatch.jobOf(plannedActionId).orElseThrow();
    }

    private String lastOutcome(long jobId) {
        return jdbc.sql("select outcome from dispatch_attempt where job_id = ? and decision = 'ALLOW' order by id desc"
                + " limit 1").param(jobId).query(String.class).single();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | Lin您好         | ¥100.00   | 回复TD退订             | 服务费  | 退订此类邮件
            zh-TW | Lin您好         | CN¥100.00 | 回覆STOP停止接收        | 服務費  | 取消訂閱此類郵件
            en    | Hi Lin          | CN¥100.00 | Reply STOP to opt out | Service | Unsubscribe from these e-mails
            """)
    void dispatchedSmsAndEmailCarryTheTemplateInTheCustomersLocale(String locale, String greeting, String amount,
                                                                  String smsOptOut, String category,
                                                                  String emailOptOut) {
        long a = f.account("Lin", locale, List.of(
                new ContactPoint(ContactKind.PHONE, "+8613900000002", Set.of(Channel.SMS), Set.of()),
                new ContactPoint(ContactKind.EMAIL, "lin@example.cn", Set.of(Channel.EMAIL), Set.of())));
        long sms = f.plan(a, "SMS", "SMS", null, "overdue_notice");
        long email = f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice_bill");

        assertThat(engine.runOnce(List.of(a), WORKER).sent()).isEqualTo(2);

        Map<String, Object> text = jdbc.sql("select locale, body_text, segments from sandbox_message"
                + " where account_id = ? and channel = 'SMS'").param(a).query().singleRow();
        assertThat(text.get("locale")).isEqualTo(locale);
        assertThat((String) text.get("body_text")).contains(greeting, amount, "/portal/", smsOptOut)
                .doesNotContain("{{");
        assertThat((Integer) text.get("segments")).isBetween(1, 3);
        Map<String, Object> mail = jdbc.sql("select subject, body_text, body_html from sandbox_message"
                + " where account_id = ? and channel = 'EMAIL'").param(a).query().singleRow();
        assertThat((String) mail.get("subject")).isNotBlank().doesNotContain("{{");
        // the itemised bill: its number, its line with the category in the customer's language and the amount
        assertThat((String) mail.get("body_text")).contains(f.p + "Lin-B", "套餐费 plan", category, amount,
                emailOptOut, "/optout/").doesNotContain("{{");
        assertThat((String) mail.get("body_html")).contains("套餐费 plan", category, emailOptOut, "/optout/");
        assertThat(job(sms).state()).isEqualTo("SENT");
        assertThat(job(email).state()).isEqualTo("SENT");
    }

    @Test
    void stepWithUnknownTemplateFailsWithoutReachingTheGuard() {
        long a = f.account("Qian");
        long sms = f.plan(a, "SMS", "SMS", null, "no_such_template");

        DispatchReport report = engine.runOnce(List.of(a), WORKER);

        assertThat(report.failed()).isEqualTo(1);
        assertThat(job(sms).state()).isEqualTo("FAILED");
        assertThat(job(sms).reason()).contains("could not render template no_such_template");
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
    }

    @Test
    void dueMessagesBecomeOneJobEachAndLandInTheSandbox() {
        long a = f.account("Wang", List.of(
                new ContactPoint(ContactKind.PHONE, "+8613800000001", Set.of(Channel.SMS), Set.of()),
                new ContactPoint(ContactKind.EMAIL, "wang@example.cn", Set.of(Channel.EMAIL), Set.of()),
                new ContactPoint(ContactKind.PUSH, "push-token-wang", Set.of(Channel.PUSH), Set.of()),
                new ContactPoint(ContactKind.POSTAL, "上海市 1号", Set.of(Channel.LETTER), Set.of())));
        long sms = f.sms(a);
        long email = f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
        long push = f.plan(a, "PUSH", "PUSH", null, "overdue_notice");
        long letter = f.plan(a, "LETTER", "LETTER", null, "demand_letter");

        DispatchReport report = engine.runOnce(List.of(a), WORKER);

        assertThat(report.queued()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(4);
        for (long action : List.of(sms, email, push, letter)) {
            JobView job = job(action);
            assertThat(job.state()).isEqualTo("SENT");
            assertThat(job.idempotencyKey()).isEqualTo("planned-action:" + action);
            assertThat(job.providerIds()).singleElement().asString().startsWith("sandbox-");
            assertThat(f.actionState(action)).isEqualTo("SENT");
        }
        for (Channel c : List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH, Channel.LETTER)) {
            assertThat(f.sandbox(a, c)).as(c.name()).isEqualTo(1);
        }
        Map<String, Object> smsRow = jdbc.sql("select recipient, body_text from sandbox_message where account_id = ?"
                + " and channel = 'SMS'").param(a).query().singleRow();
        assertThat(smsRow.get("recipient")).isEqualTo("+8613800000001");
        assertThat((String) smsRow.get("body_text")).contains("Wang您好", "¥100.00", "回复TD退订");
        assertThat(job(email).messageId()).isEqualTo("<planned-action-" + email + "." + job(email).verdictId()
                + "@arrears.dispatch>");
        assertThat(jdbc.sql("select payload from sandbox_message where account_id = ? and channel = 'PUSH'").param(a)
                .query(String.class).single()).startsWith("{\"title\":");
        assertThat(jdbc.sql("select count(*) from contact_attempt where account_id = ? and debt_ids = ?::text[]")
                .params(a, new String[] {String.valueOf(a)}).query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from provider_message where job_id = ?").param(job(sms).id())
                .query(Long.class).single()).isEqualTo(1);

        // the same action again (another planner reset it): still one job, nothing sent twice
        jdbc.sql("update planned_action set state = 'PLANNED' where id = ?").param(sms).update();
        assertThat(engine.runOnce(List.of(a), WORKER).sent()).isZero();
        assertThat(f.sandbox(a, Channel.SMS)).isEqualTo(1);
    }

    @Test
    void deferredMessageIsRescheduledExactlyAtNotBeforeAndGoesThen() {
        long a = f.account("Li");
        long sms = f.sms(a);
        Instant notBefore = Instant.parse("2026-11-24T00:00:00Z");
        GuardRules.decideWith(guard, c -> c.accountId() == a ? new Verdict(Decision.DEFER, notBefore,
                List.of(new Reason("CN-NIFA/contact-window", "NIFA 2018", "outside 08:00-22:00"))) : Verdict.ALLOW);

        DispatchReport report = engine.runOnce(List.of(a), WORKER);

        JobView job = job(sms);
        assertThat(report.deferred()).isEqualTo(1);
        assertThat(job.state()).isEqualTo("PENDING");
        assertThat(job.dueAt()).isEqualTo(notBefore);
        assertThat(job.lastResult()).isEqualTo("DEFERRED");
        assertThat(job.reason()).contains("CN-NIFA/contact-window");
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
        assertThat(f.actionState(sms)).isEqualTo("QUEUED");

        GuardRules.decideWith(guard, null);
        MutableClock later = new MutableClock(notBefore.minusSeconds(1));
        DispatchEngine at = DispatchFixture.variant(engine, s -> s, later, s -> s);
        assertThat(at.drain(List.of(a), WORKER).claimed()).as("a second early: not due").isZero();
        later.set(notBefore);
        assertThat(at.drain(List.of(a), WORKER).sent()).isEqualTo(1);
        assertThat(f.sandbox(a, Channel.SMS)).isEqualTo(1);
    }

    @Test
    void blockedMessageNeverReachesTheSender() {
        long a = f.account("Zhao");
        long sms = f.sms(a);
        GuardRules.decideWith(guard, c -> c.accountId() == a ? new Verdict(Decision.BLOCK, null,
                List.of(new Reason("CN-NIFA/dispute", "our rule", "dispute open"))) : Verdict.ALLOW);
        TestSenders.Scripted recording = new TestSenders.Scripted(senders.sender(Channel.SMS), clock);
        DispatchEngine recorded = DispatchFixture.variant(engine, s -> s.with(recording), clock, s -> s);

        DispatchReport report = recorded.runOnce(List.of(a), WORKER);

        assertThat(report.blocked()).isEqualTo(1);
        assertThat(recording.seen).isEmpty();
        assertThat(job(sms).state()).isEqualTo("BLOCKED");
        assertThat(job(sms).reason()).contains("CN-NIFA/dispute");
        assertThat(f.actionState(sms)).isEqualTo("CANCELLED");
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
        assertThat(f.contacts(a)).isZero();
        assertThat(jdbc.sql("select decision from dispatch_attempt where job_id = ?").param(job(sms).id())
                .query(String.class).list()).containsExactly("BLOCK");
    }

    @Test
    void transientFailuresRetryWithExponentialBackoffAndSeededJitterUntilTheyGiveUp() {
        long a = f.account("Sun");
        long sms = f.sms(a);
        TestSenders.Scripted throttled = new TestSenders.Scripted(senders.sender(Channel.SMS), clock,
                SendResult.transientFailure("throttled"), SendResult.transientFailure("throttled"),
                SendResult.transientFailure("throttled"));
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.5, 3);
        MutableClock now = new MutableClock(NOW);
        DispatchEngine retrying = DispatchFixture.variant(engine, s -> s.with(throttled), now,
                s -> s.withBackoff(backoff, 42L));
        Random draws = new Random(42);

        assertThat(retrying.runOnce(List.of(a), WORKER).retried()).isEqualTo(1);
        Instant first = NOW.plus(backoff.delay(1, draws.nextDouble()));
        assertThat(job(sms).dueAt()).isEqualTo(first).isBetween(NOW.plusSeconds(15), NOW.plusSeconds(30));
        assertThat(job(sms).attempts()).isEqualTo(1);
        assertThat(job(sms).lastResult()).isEqualTo("TRANSIENT");

        now.set(first);
        assertThat(retrying.drain(List.of(a), WORKER).retried()).isEqualTo(1);
        Instant second = first.plus(backoff.delay(2, draws.nextDouble()));
        assertThat(job(sms).dueAt()).isEqualTo(second).isBetween(first.plusSeconds(30), first.plusSeconds(60));

        now.set(second);
        assertThat(retrying.drain(List.of(a), WORKER).failed()).isEqualTo(1);
        assertThat(job(sms).state()).isEqualTo("FAILED");
        assertThat(job(sms).reason()).isEqualTo("gave up after 3 attempts: throttled");
        assertThat(f.actionState(sms)).isEqualTo("FAILED");
        assertThat(throttled.seen).hasSize(3);
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
    }

    @Test
    void permanentFailureFallsBackToTheStepsFallbackChannel() {
        long a = f.account("Zhou");
        long sms = f.plan(a, "SMS", "SMS", "EMAIL", "overdue_notice");
        TestSenders.Scripted unknownNumber = new TestSenders.Scripted(senders.sender(Channel.SMS), clock,
                SendResult.permanentFailure("unknown subscriber"));
        DispatchEngine failing = DispatchFixture.variant(engine, s -> s.with(unknownNumber), clock, s -> s);

        DispatchReport report = failing.runOnce(List.of(a), WORKER);

        assertThat(report.fellBack()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(1);
        JobView job = job(sms);
        assertThat(job.state()).isEqualTo("SENT");
        assertThat(job.channel()).isEqualTo(Channel.EMAIL);
        assertThat(job.fallback()).isNull();
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
        assertThat(f.sandbox(a, Channel.EMAIL)).isEqualTo(1);
        assertThat(jdbc.sql("select channel || ':' || outcome from dispatch_attempt where job_id = ? order by id")
                .param(job.id()).query(String.class).list()).containsExactly("SMS:PERMANENT", "EMAIL:ACCEPTED");
    }

    @Test
    void permanentFailureWithoutFallbackFailsTheJob() {
        long a = f.account("Wu");
        long sms = f.sms(a);
        DispatchEngine failing = DispatchFixture.variant(engine, s -> s.with(new TestSenders.Scripted(
                senders.sender(Channel.SMS), clock, SendResult.permanentFailure("barred"))), clock, s -> s);

        assertThat(failing.runOnce(List.of(a), WORKER).failed()).isEqualTo(1);
        assertThat(job(sms).state()).isEqualTo("FAILED");
        assertThat(f.actionState(sms)).isEqualTo("FAILED");
    }

    @Test
    void jobWhoseWorkerDiedAfterTheProviderAcceptedIsTakenOverAfterTheLeaseAndNotSentTwice() {
        long a = f.account("Qian");
        long sms = f.sms(a);
        DispatchEngine dying = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesAfterHandover(senders.sender(Channel.SMS))), clock, s -> s);

        assertThatThrownBy(() -> dying.runOnce(List.of(a), "dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);
        JobView claimed = job(sms);
        assertThat(claimed.state()).isEqualTo("CLAIMED");
        assertThat(f.sandbox(a, Channel.SMS)).as("the provider has it").isEqualTo(1);
        assertThat(lastOutcome(claimed.id())).isEqualTo("HANDING");

        MutableClock later = new MutableClock(NOW.plusSeconds(30));
        DispatchEngine other = DispatchFixture.variant(engine, s -> s, later, s -> s);
        assertThat(other.drain(List.of(a), "second-worker").claimed()).as("lease still running").isZero();

        later.set(NOW.plus(engine.settings().lease()));
        DispatchReport report = other.drain(List.of(a), "second-worker");

        assertThat(report.takenOver()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(1);
        assertThat(f.sandbox(a, Channel.SMS)).as("not sent twice").isEqualTo(1);
        JobView sent = job(sms);
        assertThat(sent.state()).isEqualTo("SENT");
        assertThat(sent.providerIds()).isEqualTo(jdbc.sql("select provider_id from sandbox_message where"
                + " account_id = ?").param(a).query(String.class).list());
        assertThat(lastOutcome(sent.id())).isEqualTo("ACCEPTED");
        assertThat(f.contacts(a)).isEqualTo(1);
        assertThat(f.actionState(sms)).isEqualTo("SENT");
    }

    @Test
    void jobWhoseWorkerDiedBeforeTheHandoverIsSentOnceByTheWorkerThatTakesItOver() {
        long a = f.account("Feng");
        long sms = f.sms(a);
        DispatchEngine dying = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesBeforeHandover(senders.sender(Channel.SMS))), clock, s -> s);
        assertThatThrownBy(() -> dying.runOnce(List.of(a), "dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);
        assertThat(f.sandbox(a, Channel.SMS)).isZero();

        DispatchEngine other = DispatchFixture.variant(engine, s -> s,
                Clock.fixed(NOW.plus(engine.settings().lease()), java.time.ZoneOffset.UTC), s -> s);
        DispatchReport report = other.drain(List.of(a), "second-worker");

        assertThat(report.takenOver()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(1);
        assertThat(f.sandbox(a, Channel.SMS)).isEqualTo(1);
        assertThat(jdbc.sql("select outcome from dispatch_attempt where job_id = ? and decision = 'ALLOW' order by id")
                .param(job(sms).id()).query(String.class).list()).containsExactly("LOST", "ACCEPTED");
    }

    @Test
    void handoverThatNoOneCanVouchForIsMarkedUncertainAndNotSentAgain() {
        long a = f.account("Chen");
        long sms = f.sms(a);
        TestSenders.NoLookup blind = new TestSenders.NoLookup(senders.sender(Channel.SMS));
        DispatchEngine dying = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesAfterHandover(blind)), clock, s -> s);
        assertThatThrownBy(() -> dying.runOnce(List.of(a), "dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);

        DispatchEngine other = DispatchFixture.variant(engine, s -> s.with(blind),
                Clock.fixed(NOW.plus(engine.settings().lease()), java.time.ZoneOffset.UTC), s -> s);
        DispatchReport report = other.drain(List.of(a), "second-worker");

        assertThat(report.uncertain()).isEqualTo(1);
        assertThat(job(sms).state()).isEqualTo("UNCERTAIN");
        assertThat(f.sandbox(a, Channel.SMS)).as("at most once").isEqualTo(1);
        assertThat(f.actionState(sms)).isEqualTo("FAILED");
        assertThat(f.contacts(a)).as("counted as a contact: it may have gone").isEqualTo(1);
    }

    @Test
    void takeoverThatDiedAfterMarkingAHandoverUncertainLeavesItUncertainForTheNextAndNeverResendsIt() {
        long first = f.account("Jiang");
        long sms = f.sms(first);
        TestSenders.NoLookup blind = new TestSenders.NoLookup(senders.sender(Channel.SMS));
        DispatchEngine dying = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesAfterHandover(blind)), clock, s -> s);
        assertThatThrownBy(() -> dying.runOnce(List.of(first), "dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);
        assertThat(f.sandbox(first, Channel.SMS)).as("the provider has it").isEqualTo(1);

        // the second worker takes it over (the provider cannot tell: UNCERTAIN, journaled on a connection of its
        // own) and dies in the same pass, handing over a fresh job: its pass never commits
        long second = f.account("Jin");
        long fresh = f.sms(second);
        Instant takeover = NOW.plus(engine.settings().lease());
        DispatchEngine dyingAgain = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesBeforeHandover(blind)), Clock.fixed(takeover, ZoneOffset.UTC),
                s -> s);
        assertThatThrownBy(() -> dyingAgain.runOnce(List.of(first, second), "second-dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);
        assertThat(job(sms).state()).isEqualTo("CLAIMED");
        assertThat(lastOutcome(job(sms).id())).isEqualTo("UNCERTAIN");

        DispatchEngine third = DispatchFixture.variant(engine, s -> s.with(blind),
                Clock.fixed(takeover.plus(engine.settings().lease()), ZoneOffset.UTC), s -> s);
        DispatchReport report = third.drain(List.of(first, second), "third-worker");

        assertThat(report.takenOver()).isEqualTo(2);
        assertThat(report.uncertain()).isEqualTo(2);
        assertThat(report.sent()).isZero();
        assertThat(f.sandbox(first, Channel.SMS)).as("not sent again").isEqualTo(1);
        assertThat(f.sandbox(second, Channel.SMS)).as("its hand-over was journaled, then nothing left").isZero();
        assertThat(job(sms).state()).isEqualTo("UNCERTAIN");
        assertThat(job(fresh).state()).isEqualTo("UNCERTAIN");
        assertThat(f.actionState(sms)).isEqualTo("FAILED");
        assertThat(f.contacts(first)).as("counted once: it may have gone").isEqualTo(1);
    }

    @Test
    void handoverRefusedPermanentlyBeforeItsWorkerDiedFailsOnTakeoverAndIsNotSentAgain() {
        long a = f.account("Kong");
        long sms = f.sms(a);
        TestSenders.NoLookup blind = new TestSenders.NoLookup(senders.sender(Channel.SMS));
        DispatchEngine dying = DispatchFixture.variant(engine,
                s -> s.with(new TestSenders.DiesAfterHandover(blind)), clock, s -> s);
        assertThatThrownBy(() -> dying.runOnce(List.of(a), "dead-worker"))
                .isInstanceOf(TestSenders.WorkerDied.class);
        // as a worker leaves it that journaled the SMSC's answer ("not sent again": a part may be at the SMSC) on
        // its own connection and died before its pass committed
        long id = job(sms).id();
        jdbc.sql("update dispatch_attempt set outcome = 'PERMANENT', detail = ? where job_id = ? and decision = 'ALLOW'")
                .params("not sent again: 1 of 3 parts accepted and the next may have reached the SMSC (link lost)", id)
                .update();

        DispatchEngine other = DispatchFixture.variant(engine, s -> s.with(blind),
                Clock.fixed(NOW.plus(engine.settings().lease()), ZoneOffset.UTC), s -> s);
        DispatchReport report = other.drain(List.of(a), "second-worker");

        assertThat(report.takenOver()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(f.sandbox(a, Channel.SMS)).as("not sent again").isEqualTo(1);
        JobView failed = job(sms);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.reason()).startsWith("not sent again");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(f.actionState(sms)).isEqualTo("FAILED");
    }

    @Test
    void paymentThatClearsTheOverdueAmountCancelsPendingJobsButAPartialOneDoesNot() {
        long paid = f.account("Yang");
        long partial = f.account("Xu");
        long paidSms = f.sms(paid);
        long paidEmail = f.plan(paid, "EMAIL", "EMAIL", null, "overdue_notice");
        long paidCall = f.plan(paid, "CALL_TASK", "CALL", null, null);
        long partialSms = f.sms(partial);
        engine.enqueue(List.of(paid, partial));
        assertThat(job(paidSms).state()).isEqualTo("PENDING");

        cycles.withoutEventEvaluation(() -> {
            f.pay("Yang", 10_000);
            f.pay("Xu", 4_000);
            return null;
        });

        assertThat(job(paidSms).state()).isEqualTo("CANCELLED");
        assertThat(job(paidEmail).state()).isEqualTo("CANCELLED");
        assertThat(job(paidSms).reason()).isEqualTo("paid: nothing overdue");
        assertThat(f.actionState(paidSms)).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select state from call_task where planned_action_id = ?").param(paidCall)
                .query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(f.actionState(paidCall)).isEqualTo("CANCELLED");
        assertThat(job(partialSms).state()).isEqualTo("PENDING");
        engine.drain(List.of(paid, partial), WORKER);
        assertThat(f.sandbox(paid, Channel.SMS) + f.sandbox(paid, Channel.EMAIL)).isZero();
        assertThat(f.sandbox(partial, Channel.SMS)).isEqualTo(1);
    }

    @Test
    void paymentCommittedAfterEnqueueIsSeenByTheWorkersRecheck() {
        long a = f.account("He");
        long sms = f.sms(a);
        engine.enqueue(List.of(a));
        cycles.withoutEventEvaluation(() -> {
            f.pay("He", 10_000);
            return null;
        });
        // undo what the payment's listener did: only the worker's re-check under the account's lock is left
        jdbc.sql("update dispatch_job set state = 'PENDING', reason = null where id = ?").param(job(sms).id())
                .update();
        jdbc.sql("update planned_action set state = 'QUEUED' where id = ?").param(sms).update();

        DispatchReport report = engine.drain(List.of(a), WORKER);

        assertThat(report.cancelled()).isEqualTo(1);
        assertThat(job(sms).state()).isEqualTo("CANCELLED");
        assertThat(job(sms).reason()).isEqualTo("paid: nothing overdue");
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
    }

    @Test
    void promiseHoldCancelsTheJob() {
        long a = f.account("Lv");
        long sms = f.sms(a);
        cycles.holdForPromise(a, true, TODAY);

        assertThat(engine.runOnce(List.of(a), WORKER).cancelled()).isEqualTo(1);
        assertThat(job(sms).reason()).isEqualTo("hold: promise to pay active");
        assertThat(f.sandbox(a, Channel.SMS)).isZero();
    }

    @Test
    void missingAddressFailsWithoutAskingTheGuardOrFallsBack() {
        long a = f.account("Shi", List.of(new ContactPoint(ContactKind.PHONE, "+8613900000009", Set.of(Channel.SMS),
                Set.of())));
        long email = f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
        long emailThenSms = f.plan(a, "EMAIL", "EMAIL", "SMS", "overdue_notice");

        engine.runOnce(List.of(a), WORKER);

        assertThat(job(email).state()).isEqualTo("FAILED");
        assertThat(job(email).reason()).isEqualTo("no EMAIL contact point");
        assertThat(job(email).verdictId()).isNull();
        assertThat(job(emailThenSms).state()).isEqualTo("SENT");
        assertThat(job(emailThenSms).channel()).isEqualTo(Channel.SMS);
        assertThat(f.sandbox(a, Channel.SMS)).isEqualTo(1);
    }

    @Test
    void channelRateLimitSpreadsABurstOverTime() {
        long a = f.account("Tang");
        for (int i = 0; i < 30; i++) {
            f.sms(a);
        }
        DispatchEngine limited = DispatchFixture.variant(engine, s -> s, clock,
                s -> s.withRates(Map.of(Channel.SMS, 20.0)));

        long started = System.nanoTime();
        DispatchReport report = limited.runOnce(List.of(a), WORKER);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.sent()).isEqualTo(30);
        // 20 a second with a burst of 20: the last 10 wait half a second
        assertThat(millis).isGreaterThanOrEqualTo(450);
    }

    @Test
    void callStepsBecomeCallTasksOrderedByPriority() {
        long a = f.account("Kong");
        long call = f.plan(a, "CALL_TASK", "CALL", null, "call_script");

        DispatchReport report = engine.runOnce(List.of(a), WORKER);

        assertThat(report.callTasks()).isEqualTo(1);
        Map<String, Object> task = jdbc.sql("select queue, priority, state, summary, script from call_task"
                + " where planned_action_id = ?").param(call).query().singleRow();
        assertThat(task.get("queue")).isEqualTo(f.p + "queue");
        assertThat(task.get("state")).isEqualTo("OPEN");
        assertThat((String) task.get("script")).startsWith("通话脚本：Kong（账户 " + f.p + "Kong）");
        assertThat((String) task.get("summary")).startsWith("overdue 100.00 CNY, 34 days past due");
        assertThat(task.get("priority")).isEqualTo(CallPriority.of(ledger.currentStates(List.of(a)).get(a), TODAY));
        assertThat(f.actionState(call)).isEqualTo("QUEUED");
        assertThat(dispatch.jobOf(call)).isEmpty();
    }
}
