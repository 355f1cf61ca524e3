package dev.arrears.contact.reply;

import dev.arrears.contact.sms.SmppProperties;
import dev.arrears.contact.sms.SmppSender;
import dev.arrears.contact.sms.SmscSimulator;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.ContactPreferenceChanged;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.AddressDigest;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer replies STOP through a real SMS centre (the jSMPP simulator over TCP): the reply reaches the inbound
 * handler through the SMPP sender's bind, and the number is opted out of SMS in the ledger with source SMS_STOP.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RecordApplicationEvents
class SmsStopReplyTest {

    @Autowired
    InboundReplies replies;
    @Autowired
    Ledger ledger;
    @Autowired
    ApplicationEvents events;

    @Test
    void stopReplyFromACustomersNumber_optsThatNumberOutOfSms() throws Exception {
        String phone = "+86139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        long customer = ledger.registerCustomers(List.of(new RegisterCustomer("stop-" + UUID.randomUUID(), "Zhao Lei",
                CustomerType.PERSON, "zh-CN", ZoneId.of("Asia/Shanghai"), List.of(
                        new ContactPoint(ContactKind.PHONE, phone, Set.of(Channel.SMS, Channel.CALL), Set.of())))))
                .getFirst().view().id();
        LinkedBlockingQueue<Integer> handled = new LinkedBlockingQueue<>();
        try (SmscSimulator simulator = SmscSimulator.start(SmscSimulator.Settings.of("arrears", "secret"), 0);
             SmppSender sender = new SmppSender(SmppProperties.of("127.0.0.1", simulator.port(), "arrears",
                     "secret"))) {
            sender.onInbound(sms -> handled.add(replies.onSms(sms)));
            sender.start();
            assertThat(sender.awaitBound(Duration.ofSeconds(10))).isTrue();

            simulator.injectMo(phone, "10086", "退订");

            assertThat(handled.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        var point = ledger.customer(customer).orElseThrow().contactPoints().getFirst();
        assertThat(point.optOuts()).contains(Channel.SMS);
        assertThat(point.optOuts()).doesNotContain(Channel.CALL);
        assertThat(events.stream(ContactPreferenceChanged.class).filter(e -> e.customerId() == customer))
                .singleElement().satisfies(e -> {
                    assertThat(e.source()).isEqualTo(ContactPreferenceChanged.Source.SMS_STOP);
                    assertThat(e.addressSha256()).isEqualTo(AddressDigest.of(phone));
                    assertThat(e.optedOut()).isTrue();
                });
    }

    @Test
    void otherReply_optsNobodyOut() {
        assertThat(replies.onSms(new dev.arrears.contact.sms.InboundSms("+8613700000000", "10086", "我明天付款")))
                .isZero();
    }
}
