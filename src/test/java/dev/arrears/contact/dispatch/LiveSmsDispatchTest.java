package dev.arrears.contact.dispatch;

import dev.arrears.compliance.Clearance;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.sms.SmppChannelSender;
import dev.arrears.contact.sms.SmscSimulator;
import dev.arrears.contact.sms.SmscSimulator.ReceivedSms;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dispatch with SMS live over SMPP against the SMS centre simulator on a free port: the due SMS of a cycle go out
 * once each with their rendered text, the SMSC's ids are the jobs' provider ids, receipts come back to the jobs, a
 * second run sends nothing again, a takeover finds an accepted message in the journal, and a STOP reply opts out.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LiveSmsDispatchTest {

    private static final SmscSimulator SMSC = start();

    private static SmscSimulator start() {
        try {
            return SmscSimulator.start(SmscSimulator.Settings.of("arrears", "secret")
                    .withReceiptDelay(Duration.ofMillis(20)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void smsLive(DynamicPropertyRegistry registry) {
        registry.add("arrears.contact.sms.mode", () -> "live");
        registry.add("arrears.sms.smpp.host", () -> "127.0.0.1");
        registry.add("arrears.sms.smpp.port", SMSC::port);
        registry.add("arrears.sms.smpp.system-id", () -> "arrears");
        registry.add("arrears.sms.smpp.password", () -> "secret");
        registry.add("arrears.sms.smpp.window", () -> "10");
    }

    @AfterAll
    static void stopSmsc() {
        SMSC.close();
    }

    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    SmppChannelSender live;
    @Autowired
    Ledger ledger;
    @Autowired
    ContactGuard guard;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;

    @Test
    void dueSmsGoOutOnceEachAndReceiptsComeBackToTheJobs() throws Exception {
        assertThat(senders.sender(Channel.SMS)).isSameAs(live);
        assertThat(live.awaitBound(Duration.ofSeconds(10))).isTrue();
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        int before = SMSC.received().size();
        Map<Long, String> phones = new HashMap<>();
        List<Long> actions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String phone = "+86137" + (10_000_000 + (int) (Math.random() * 89_999_999));
            long a = f.account("Zhou" + i, List.of(new ContactPoint(ContactKind.PHONE, phone, Set.of(Channel.SMS),
                    Set.of())));
            long action = f.sms(a);
            phones.put(action, phone);
            actions.add(action);
        }

        DispatchReport report = dispatch.runOnce(f.accounts);

        assertThat(report.sent()).isEqualTo(12);
        assertThat(SMSC.awaitReceived(before + 12, Duration.ofSeconds(10))).isTrue();
        List<ReceivedSms> received = SMSC.received().subList(before, SMSC.received().size());
        assertThat(received).hasSize(12);
        for (long action : actions) {
            JobView job = dispatch.jobOf(action).orElseThrow();
            assertThat(job.state()).isEqualTo("SENT");
            ReceivedSms sms = received.stream().filter(r -> r.destination().equals(phones.get(action)))
                    .findFirst().orElseThrow();
            assertThat(sms.messageIds()).isEqualTo(job.providerIds());
            assertThat(sms.text()).contains("您好", "¥100.00", "/portal/", "回复TD退订");
            assertThat(SMSC.count(phones.get(action), sms.text())).isEqualTo(1);
        }
        assertThat(SMSC.duplicates()).isZero();

        // receipts: one per part, matched back to the jobs
        long parts = received.stream().mapToLong(r -> r.messageIds().size()).sum();
        assertThat(SMSC.awaitReceipts(parts, Duration.ofSeconds(10))).isTrue();
        assertThat(live.awaitReceiptsStored(Duration.ofSeconds(10))).isTrue();
        for (long action : actions) {
            JobView job = dispatch.jobOf(action).orElseThrow();
            assertThat(job.delivery()).as("delivery of job " + job.id()).isEqualTo("DELIVERED");
            assertThat(jdbc.sql("select count(*) from delivery_receipt where job_id = ?").param(job.id())
                    .query(Long.class).single()).isEqualTo(job.providerIds().size());
        }

        // a second run finds nothing to send
        jdbc.sql("update planned_action set state = 'PLANNED' where id = any (?)")
                .param(actions.toArray(Long[]::new)).update();
        assertThat(dispatch.runOnce(f.accounts).sent()).isZero();
        assertThat(SMSC.received()).hasSize(before + 12);

        // the journal holds each accepted message for a takeover
        JobView first = dispatch.jobOf(actions.getFirst()).orElseThrow();
        assertThat(live.lookup(first.idempotencyKey()).providerIds()).isEqualTo(first.providerIds());
    }

    @Test
    void clearanceForAnotherContactIsRefusedBeforeAnythingLeaves() throws Exception {
        assertThat(live.awaitBound(Duration.ofSeconds(10))).isTrue();
        String key = "test:" + UUID.randomUUID();
        Clearance other = guard.check(new ContactCheck(key + "-other", 1, 1, new Selection("CN", null,
                "TELECOM_POSTPAID", CollectorRole.FIRST_PARTY, DebtType.CONSUMER), Channel.SMS, null, "1", null, null,
                null, true, null, null, null, null)).clearanceIfAllowed().orElseThrow();
        long submits = SMSC.submits();

        assertThatThrownBy(() -> live.send(other, new OutboundMessage(key, 1, 1, Channel.SMS, 1, 1, "zh-CN",
                "+8613800000000", null, "hello", null, null, null, 1, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid compliance clearance");
        assertThat(SMSC.submits()).isEqualTo(submits);
    }

    @Test
    void stopReplyOptsTheNumberOut() throws Exception {
        assertThat(live.awaitBound(Duration.ofSeconds(10))).isTrue();
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        String phone = "+86136" + (10_000_000 + (int) (Math.random() * 89_999_999));
        long a = f.account("Sun", List.of(new ContactPoint(ContactKind.PHONE, phone, Set.of(Channel.SMS), Set.of())));

        SMSC.injectMo(phone, "Arrears", "退订");

        long customer = ledger.currentStates(List.of(a)).get(a).customerId();
        assertThat(ledger.customer(customer).orElseThrow().contactPoints().getFirst().optOuts())
                .contains(Channel.SMS);
    }
}
