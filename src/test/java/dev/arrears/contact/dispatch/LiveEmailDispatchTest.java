package dev.arrears.contact.dispatch;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.arrears.compliance.Clearance;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.contact.channel.ChannelSenders;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.email.EmailProperties;
import dev.arrears.contact.email.SmtpChannelSender;
import dev.arrears.contact.email.SmtpStub;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dispatch with e-mail live over SMTP against GreenMail on a free port: the due e-mails of a cycle go out once each
 * as text and HTML in the customer's language with the itemised bill, the one-click unsubscribe headers and the
 * Message-ID recorded on the job; a 5xx rejection (from a stub server) is permanent and falls back, a 4xx or a
 * refused connection is transient, and a clearance for another contact is refused before anything is sent.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LiveEmailDispatchTest {

    private static final String WORKER = "email-test-worker";
    private static final GreenMail MAIL = start();

    private static GreenMail start() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void emailLive(DynamicPropertyRegistry registry) {
        registry.add("arrears.contact.email.mode", () -> "live");
        registry.add("arrears.contact.email.from", () -> "Arrears Billing <billing@arrears.test>");
        registry.add("arrears.contact.email.smtp.host", () -> "127.0.0.1");
        registry.add("arrears.contact.email.smtp.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    Dispatch dispatch;
    @Autowired
    ChannelSenders senders;
    @Autowired
    SmtpChannelSender live;
    @Autowired
    Ledger ledger;
    @Autowired
    ContactGuard guard;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Portal portal;
    @Autowired
    ProviderIds ids;
    @Autowired
    Clock clock;

    private static String address(String name) {
        return name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(r -> ((InternetAddress) r).getAddress().equals(address))) {
                found.add(m);
            }
        }
        return found;
    }

    /** Returns the content of the part of a multipart/alternative message with the given type. */
    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            BodyPart p = alternatives.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            zh-CN | 您好 | ¥100.00   | 服务费  | 退订此类邮件
            zh-TW | 您好 | CN¥100.00 | 服務費  | 取消訂閱此類郵件
            en    | Dear | CN¥100.00 | Service | Unsubscribe from these e-mails
            """)
    void dueEmailsGoOutOnceEachInTheCustomersLanguageWithTheBillAndUnsubscribeHeaders(
            String locale, String greeting, String amount, String category, String optOut) throws Exception {
        assertThat(senders.sender(Channel.EMAIL)).isSameAs(live);
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        List<String> addresses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> actions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "Lin" + (char) ('A' + i);
            String address = address(name);
            names.add(name);
            long a = f.account(name, locale, List.of(new ContactPoint(ContactKind.EMAIL, address,
                    Set.of(Channel.EMAIL), Set.of())));
            addresses.add(address);
            actions.add(f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice_bill"));
        }

        DispatchReport report = dispatch.runOnce(f.accounts);

        assertThat(report.sent()).isEqualTo(4);
        for (int i = 0; i < actions.size(); i++) {
            JobView job = dispatch.jobOf(actions.get(i)).orElseThrow();
            assertThat(job.state()).isEqualTo("SENT");
            List<MimeMessage> received = receivedBy(addresses.get(i));
            assertThat(received).hasSize(1);
            MimeMessage mail = received.getFirst();
            assertThat(mail.getMessageID()).isEqualTo(job.messageId()).startsWith("<planned-action-");
            assertThat(job.providerIds()).containsExactly(job.messageId());
            assertThat(mail.getFrom()[0].toString()).contains("billing@arrears.test");
            assertThat(mail.getSubject()).isNotBlank().doesNotContain("{{");
            assertThat(mail.isMimeType("multipart/alternative")).isTrue();
            assertThat(part(mail, "text/plain")).contains(greeting, names.get(i), f.p + names.get(i) + "-B",
                    "套餐费 plan", category, amount, optOut, "/optout/").doesNotContain("{{");
            assertThat(part(mail, "text/html")).contains("套餐费 plan", category, optOut, "/optout/");
            assertThat(mail.getHeader("List-Unsubscribe", null))
                    .matches("<" + portal.baseUrl() + "/optout/[^>?]+\\?channel=email>");
            String token = mail.getHeader("List-Unsubscribe", null).replaceAll("^.*/optout/([^?]+)\\?.*$", "$1");
            assertThat(portal.verify(token)).isInstanceOfSatisfying(PortalToken.Valid.class,
                    v -> assertThat(v.claims().accountId()).isEqualTo(f.accounts.get(actions.indexOf(job
                            .plannedActionId()))));
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            // the journal holds the accepted Message-ID for a takeover
            ProviderRecord record = live.lookup(job.idempotencyKey());
            assertThat(record.known()).isEqualTo(ProviderRecord.Known.ACCEPTED);
            assertThat(record.providerIds()).containsExactly(job.messageId());
        }

        // a second run finds nothing to send
        jdbc.sql("update planned_action set state = 'PLANNED' where id = any (?)")
                .param(actions.toArray(Long[]::new)).update();
        assertThat(dispatch.runOnce(f.accounts).sent()).isZero();
        for (String address : addresses) {
            assertThat(receivedBy(address)).hasSize(1);
        }
    }

    @Test
    void rejectedRecipientIsPermanentAndFallsBackToTheStepsFallback() throws Exception {
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        long a = f.account("Gao", List.of(
                new ContactPoint(ContactKind.PHONE, "+86137" + (10_000_000 + (int) (Math.random() * 89_999_999)),
                        Set.of(Channel.SMS), Set.of()),
                new ContactPoint(ContactKind.EMAIL, address("gao"), Set.of(Channel.EMAIL), Set.of())));
        long action = f.plan(a, "EMAIL", "EMAIL", "SMS", "overdue_notice");
        try (SmtpStub stub = SmtpStub.rejecting("550 5.1.1 <gao@example.cn>: unknown user")) {
            SmtpChannelSender rejecting = new SmtpChannelSender(EmailProperties.of("billing@arrears.test",
                    "127.0.0.1", stub.port()), portal, ids, clock);
            DispatchEngine engine = DispatchFixture.variant(dispatch.engine(), s -> s.with(rejecting), clock,
                    s -> s);

            DispatchReport report = engine.runOnce(List.of(a), WORKER);

            assertThat(report.fellBack()).isEqualTo(1);
            assertThat(stub.rcpts()).isEqualTo(1);
            assertThat(stub.data()).isZero();
        }
        JobView job = dispatch.jobOf(action).orElseThrow();
        assertThat(job.channel()).isEqualTo(Channel.SMS);
        assertThat(job.state()).isEqualTo("SENT");
        assertThat(jdbc.sql("select channel || ':' || outcome from dispatch_attempt where job_id = ? order by id")
                .param(job.id()).query(String.class).list()).containsExactly("EMAIL:PERMANENT", "SMS:ACCEPTED");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 unknown user                 | PERMANENT
            553 5.1.3 bad destination syntax       | PERMANENT
            450 4.2.1 mailbox busy, try again later | TRANSIENT
            421 4.7.0 too many connections         | TRANSIENT
            """)
    void smtpReplyClassesMapToTransientAndPermanent(String reply, SendResult.Status expected) throws Exception {
        String key = "test:" + UUID.randomUUID();
        try (SmtpStub stub = SmtpStub.rejecting(reply)) {
            SmtpChannelSender sender = new SmtpChannelSender(EmailProperties.of("billing@arrears.test",
                    "127.0.0.1", stub.port()), portal, ids, clock);

            SendResult result = sender.send(clearance(key), message(key, "wu@example.cn"));

            assertThat(result.status()).isEqualTo(expected);
            assertThat(result.detail()).startsWith("SMTP " + reply.substring(0, 3));
            assertThat(stub.data()).isZero();
        }
    }

    @Test
    void connectionLostAfterTheContentWentIsPermanentSoItIsNeverSentTwice() throws Exception {
        String key = "test:" + UUID.randomUUID();
        try (SmtpStub stub = SmtpStub.droppingAfterData()) {
            SmtpChannelSender sender = new SmtpChannelSender(EmailProperties.of("billing@arrears.test",
                    "127.0.0.1", stub.port()), portal, ids, clock);

            SendResult result = sender.send(clearance(key), message(key, "wu@example.cn"));

            assertThat(result.status()).isEqualTo(SendResult.Status.PERMANENT);
            assertThat(result.detail()).startsWith("not sent again");
            assertThat(stub.data()).isEqualTo(1);
        }
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        String key = "test:" + UUID.randomUUID();
        SmtpChannelSender sender = new SmtpChannelSender(EmailProperties.of("billing@arrears.test", "127.0.0.1",
                port), portal, ids, clock);

        SendResult result = sender.send(clearance(key), message(key, "wu@example.cn"));

        assertThat(result.status()).isEqualTo(SendResult.Status.TRANSIENT);
        assertThat(result.detail()).contains("cannot connect");
    }

    @Test
    void clearanceForAnotherContactIsRefusedBeforeAnythingIsSent() {
        String key = "test:" + UUID.randomUUID();
        Clearance other = clearance(key + "-other");
        int before = MAIL.getReceivedMessages().length;

        assertThatThrownBy(() -> live.send(other, message(key, "zhao@example.cn")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid compliance clearance");
        assertThat(MAIL.getReceivedMessages()).hasSize(before);
    }

    private Clearance clearance(String key) {
        return guard.check(new ContactCheck(key, 1, 1, new Selection("CN", null, "TELECOM_POSTPAID",
                CollectorRole.FIRST_PARTY, DebtType.CONSUMER), Channel.EMAIL, null, "1", null, null, null, true,
                null, null, null, null)).clearanceIfAllowed().orElseThrow();
    }

    private static OutboundMessage message(String key, String to) {
        return new OutboundMessage(key, 1, 1, Channel.EMAIL, 1, 1, "zh-CN", to, "逾期提醒", "您好",
                "<p>您好</p>", null, null, 0, null);
    }
}
