package dev.arrears.contact.channel;

import dev.arrears.shared.Channel;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a message is rendered from: the template (null when the strategy named none) for the channel and the
 * customer's locale (zh-CN, zh-TW, en) and zone, the account's figures from its current state (minor units of
 * {@code currency}), and the recipient address. A renderer may read more (bill lines) by account id.
 */
public record RenderInput(String contactKey, String template, Channel channel, String locale, ZoneId zone,
                          long accountId, long customerId, String customerName, String currency, long balanceMinor,
                          long overdueMinor, int daysPastDue, LocalDate oldestOpenDue, String recipient) {
}
