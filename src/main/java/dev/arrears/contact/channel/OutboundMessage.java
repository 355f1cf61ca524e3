package dev.arrears.contact.channel;

import dev.arrears.shared.Channel;

/**
 * A rendered message ready for its channel: the contact key (the dispatch job's idempotency key, which the
 * clearance names), where it goes and what it says. Fields a channel does not use are null: SMS uses {@code text}
 * (and {@code segments}); e-mail {@code subject}, {@code text}, {@code html} and {@code messageId}; push
 * {@code payload} (JSON); letters {@code html} (the XHTML the PDF is rendered from), {@code document} (a reference to
 * the rendered PDF) and {@code text}. An e-mail whose template asks for the bill carries it as {@code attachment}.
 *
 * @param attemptId the dispatch attempt this hand-over belongs to
 * @param messageId the SMTP Message-ID to set, recorded before the hand-over
 */
public record OutboundMessage(String contactKey, long jobId, long attemptId, Channel channel, long accountId,
                              long customerId, String locale, String recipient, String subject, String text,
                              String html, String payload, String document, int segments, String messageId,
                              Attachment attachment) {

    /** A message without an attachment. */
    public OutboundMessage(String contactKey, long jobId, long attemptId, Channel channel, long accountId,
                           long customerId, String locale, String recipient, String subject, String text, String html,
                           String payload, String document, int segments, String messageId) {
        this(contactKey, jobId, attemptId, channel, accountId, customerId, locale, recipient, subject, text, html,
                payload, document, segments, messageId, null);
    }
}
