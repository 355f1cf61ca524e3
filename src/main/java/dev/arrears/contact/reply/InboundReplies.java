package dev.arrears.contact.reply;

import dev.arrears.contact.sms.InboundSms;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.ContactPreferenceChanged.Source;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Acts on what customers send back: an SMS "STOP" (or 退订) opts the sending number out of SMS for every customer
 * who has that number, through the ledger, which records the preference and announces it for the audit trail. Any
 * other reply is logged (masked) and left for the collectors' timeline.
 */
@Component
public class InboundReplies {

    private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

    private final Ledger ledger;

    InboundReplies(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Handles one inbound SMS; returns the number of customers opted out. */
    public int onSms(InboundSms sms) {
        if (!StopReplies.isStop(sms.text())) {
            log.info("Inbound SMS from {} is no stop request; left for the timeline", sms.from());
            return 0;
        }
        String number = sms.from().startsWith("+") ? sms.from() : "+" + sms.from();
        List<Long> customers = ledger.customersAt(ContactKind.PHONE, number);
        for (long customer : customers) {
            ledger.optOut(customer, Channel.SMS, number, Source.SMS_STOP);
        }
        log.info("SMS stop request from {}: {} customer(s) opted out of SMS at that number", number,
                customers.size());
        return customers.size();
    }
}
