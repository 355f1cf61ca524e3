package dev.arrears.contact.channel;

import dev.arrears.compliance.Checked;
import dev.arrears.compliance.Clearance;
import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.ContactGuard;
import dev.arrears.compliance.GuardRules;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard cannot be bypassed: a sender refuses a message without a valid clearance and hands nothing over. The
 * sandbox renders letters and e-mail bill attachments to PDF as the live channels would, and keeps them.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SandboxSenderTest {

    @Autowired
    ChannelSenders senders;
    @Autowired
    SandboxStore store;
    @Autowired
    ContactGuard guard;
    @Autowired
    Clock clock;

    private final String key = "test:" + UUID.randomUUID();

    @AfterEach
    void allowEverythingAgain() {
        GuardRules.decideWith(guard, null);
    }

    private ContactCheck check(String contactKey, Channel channel) {
        return new ContactCheck(contactKey, 1, 1, new Selection("CN", null, "TELECOM_POSTPAID",
                CollectorRole.FIRST_PARTY, DebtType.CONSUMER), channel, null, "1", null, null, null, true, null,
                null, null, null);
    }

    private static OutboundMessage sms(String contactKey) {
        return new OutboundMessage(contactKey, 1, 1, Channel.SMS, 1, 1, "zh-CN", "+8613800000000", null, "hello",
                null, null, null, 1, null);
    }

    private Clearance allowed(String contactKey, Channel channel) {
        return guard.check(check(contactKey, channel)).clearanceIfAllowed().orElseThrow();
    }

    private static final String LETTER_XHTML = """
            <html xmlns="http://www.w3.org/1999/xhtml"><head><style>@page { size: A4; }</style></head>
            <body><p>陈静</p><p>上海市浦东新区世纪大道100号</p><table><tr><td>月租套餐</td><td>¥128.00</td></tr></table>
            </body></html>""";

    @Test
    void sandboxLetter_keepsItsRenderedPdf() throws Exception {
        OutboundMessage letter = new OutboundMessage(key, 1, 1, Channel.LETTER, 1, 1, "zh-CN", "上海市浦东新区世纪大道100号",
                null, null, LETTER_XHTML, null, "letters/" + key + ".pdf", 0, null);

        SendResult result = senders.sender(Channel.LETTER).send(allowed(key, Channel.LETTER), letter);

        assertThat(result.status()).isEqualTo(SendResult.Status.ACCEPTED);
        long id = store.messages(new dev.arrears.contact.ContactViews.OutboxFilter(Channel.LETTER, 1L, 0, 500))
                .items().stream().filter(m -> m.contactKey().equals(key)).findFirst().orElseThrow().id();
        assertThat(store.message(id).orElseThrow().pdf()).isEqualTo("/api/v1/outbox/" + id + "/pdf");
        SandboxStore.StoredPdf pdf = store.pdf(id).orElseThrow();
        assertThat(pdf.fileName()).isEqualTo(key + ".pdf");
        assertThat(text(pdf.bytes())).contains("陈静", "月租套餐", "¥128.00");
    }

    @Test
    void sandboxEmailWithBill_keepsTheAttachment() throws Exception {
        OutboundMessage email = new OutboundMessage(key, 1, 1, Channel.EMAIL, 1, 1, "zh-CN", "chen@example.cn",
                "对账单", "text", "<p>html</p>", null, null, 0, "<x@arrears.test>",
                new Attachment("bill-ACC-1.pdf", LETTER_XHTML));

        SendResult result = senders.sender(Channel.EMAIL).send(allowed(key, Channel.EMAIL), email);

        assertThat(result.status()).isEqualTo(SendResult.Status.ACCEPTED);
        long id = store.messages(new dev.arrears.contact.ContactViews.OutboxFilter(Channel.EMAIL, 1L, 0, 500))
                .items().stream().filter(m -> m.contactKey().equals(key)).findFirst().orElseThrow().id();
        SandboxStore.StoredPdf pdf = store.pdf(id).orElseThrow();
        assertThat(pdf.fileName()).isEqualTo("bill-ACC-1.pdf");
        assertThat(text(pdf.bytes())).contains("陈静", "月租套餐");
    }

    @Test
    void sandboxLetterThatCannotRender_isPermanentAndNotKept() {
        OutboundMessage letter = new OutboundMessage(key, 1, 1, Channel.LETTER, 1, 1, "en", "London", null, null,
                "<html><body><p>not closed</body></html>", null, "letters/" + key + ".pdf", 0, null);

        SendResult result = senders.sender(Channel.LETTER).send(allowed(key, Channel.LETTER), letter);

        assertThat(result.status()).isEqualTo(SendResult.Status.PERMANENT);
        assertThat(result.detail()).contains("cannot render the PDF");
        assertThat(store.count(key)).isZero();
    }

    private static String text(byte[] pdf) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(d);
        }
    }

    @Test
    void clearedMessageIsAcceptedOnce() {
        SendResult result = senders.sender(Channel.SMS).send(allowed(key, Channel.SMS), sms(key));

        assertThat(result.status()).isEqualTo(SendResult.Status.ACCEPTED);
        assertThat(store.count(key)).isEqualTo(1);
        assertThat(senders.sender(Channel.SMS).lookup(key).providerIds()).isEqualTo(result.providerIds());
    }

    @Test
    void clearanceForAnotherContactIsRefused() {
        Clearance other = allowed(key + "-other", Channel.SMS);

        assertThatThrownBy(() -> senders.sender(Channel.SMS).send(other, sms(key)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid compliance clearance");
        assertThat(store.count(key)).isZero();
    }

    @Test
    void clearanceForAnotherChannelIsRefused() {
        Clearance email = allowed(key, Channel.EMAIL);

        assertThatThrownBy(() -> senders.sender(Channel.SMS).send(email, sms(key)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.count(key)).isZero();
    }

    @Test
    void expiredClearanceIsRefused() {
        Clearance issuedNow = allowed(key, Channel.SMS);
        SandboxSender minuteLater = new SandboxSender(Channel.SMS, store,
                Clock.fixed(clock.instant().plus(Clearance.VALIDITY), ZoneOffset.UTC));

        assertThatThrownBy(() -> minuteLater.send(issuedNow, sms(key))).isInstanceOf(IllegalStateException.class);
        assertThat(store.count(key)).isZero();
    }

    @Test
    void refusedBatchHandsNothingOver() {
        Clearance good = allowed(key, Channel.SMS);
        Clearance wrong = allowed(key + "-x", Channel.SMS);
        List<ChannelSender.Cleared> batch = List.of(new ChannelSender.Cleared(good, sms(key)),
                new ChannelSender.Cleared(wrong, sms(key + "-y")));

        assertThatThrownBy(() -> senders.sender(Channel.SMS).sendAll(batch)).isInstanceOf(IllegalStateException.class);
        assertThat(store.count(key) + store.count(key + "-y")).isZero();
    }

    @Test
    void deferOrBlockYieldsNoClearance() {
        GuardRules.decideWith(guard, c -> c.channel() == Channel.SMS
                ? new Verdict(Decision.BLOCK, null, List.of(new Reason("X/opt-out", "cite", "opted out")))
                : new Verdict(Decision.DEFER, clock.instant().plusSeconds(60), List.of(new Reason("X/contact-window",
                "cite", "later"))));

        Checked blocked = guard.check(check(key, Channel.SMS));
        Checked deferred = guard.check(check(key, Channel.EMAIL));

        assertThat(blocked.clearanceIfAllowed()).isEmpty();
        assertThat(deferred.clearanceIfAllowed()).isEmpty();
    }
}
