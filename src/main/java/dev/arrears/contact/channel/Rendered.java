package dev.arrears.contact.channel;

/**
 * A rendered message: the parts its channel uses (see {@link OutboundMessage}), whether it carries an opt-out line
 * (the guard checks it for e-mail and SMS), for SMS the number of segments (0 when not counted), and the bill to
 * attach as a PDF when an e-mail's template asks for it (null otherwise).
 */
public record Rendered(String subject, String text, String html, String payload, String document, boolean hasOptOut,
                       int segments, Attachment attachment) {

    /** A rendered message without an attachment. */
    public Rendered(String subject, String text, String html, String payload, String document, boolean hasOptOut,
                    int segments) {
        this(subject, text, html, payload, document, hasOptOut, segments, null);
    }
}
