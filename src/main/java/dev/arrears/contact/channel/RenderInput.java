package dev.arrears.contact.channel;

import dev.arrears.contact.RenderContext;
import dev.arrears.shared.Channel;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a message is rendered from: the template (null when the strategy named none) for the channel and the
 * customer's locale (zh-CN, zh-TW, en, or a tag the closest of them is taken for) and zone, today in that zone, the
 * jurisdiction profile whose disclosures apply (the guard's selection for the contact; null for none), the
 * account's figures from its current state (minor units of {@code currency}), the recipient address, and the
 * instalment an instalment reminder is about and the reversed payment a payment-reversed notice is about (null for
 * other messages). A renderer reads the bill lines by account
 * id.
 */
public record RenderInput(String contactKey, String template, Channel channel, String locale, ZoneId zone,
                          LocalDate today, String jurisdiction, long accountId, long customerId, String customerName,
                          String currency, long balanceMinor, long overdueMinor, int daysPastDue,
                          LocalDate oldestOpenDue, String recipient, RenderContext.Instalment instalment,
                          RenderContext.Reversal reversal) {

    /** A message about no instalment. */
    public RenderInput(String contactKey, String template, Channel channel, String locale, ZoneId zone,
                       LocalDate today, String jurisdiction, long accountId, long customerId, String customerName,
                       String currency, long balanceMinor, long overdueMinor, int daysPastDue,
                       LocalDate oldestOpenDue, String recipient) {
        this(contactKey, template, channel, locale, zone, today, jurisdiction, accountId, customerId, customerName,
                currency, balanceMinor, overdueMinor, daysPastDue, oldestOpenDue, recipient, null, null);
    }
}
