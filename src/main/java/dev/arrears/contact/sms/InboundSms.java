package dev.arrears.contact.sms;

/**
 * A mobile-originated message the SMSC delivered (a deliver_sm that is no receipt), such as a customer replying
 * {@code STOP} or {@code 退订}; concatenated replies arrive reassembled.
 *
 * @param from the customer's number, E.164 when the SMSC marked it international
 * @param to   the number or short code the customer wrote to
 * @param text the decoded text
 */
public record InboundSms(String from, String to, String text) {
}
