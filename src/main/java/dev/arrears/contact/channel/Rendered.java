package dev.arrears.contact.channel;

/**
 * A rendered message: the parts its channel uses (see {@link OutboundMessage}), whether it carries an opt-out line
 * (the guard checks it for e-mail and SMS) and, for SMS, the number of segments (0 when not counted).
 */
public record Rendered(String subject, String text, String html, String payload, String document, boolean hasOptOut,
                       int segments) {
}
