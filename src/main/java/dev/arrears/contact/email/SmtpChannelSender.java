package dev.arrears.contact.email;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.Portal;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.shared.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The live e-mail channel ({@code arrears.contact.email.mode=live}): sends cleared messages over SMTP with Jakarta
 * Mail ({@code arrears.contact.email.smtp.*}) as multipart/alternative text and HTML in UTF-8, with the Message-ID
 * that dispatch journaled before the hand-over, and {@code List-Unsubscribe} (the customer's {@code /optout/{token}}
 * link) with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). An e-mail whose template asks
 * for the bill is multipart/mixed: the text and HTML alternatives, then the bill as a PDF attachment rendered here
 * ({@link PdfRenderer}; one that cannot be rendered makes the message PERMANENT). A batch goes over at most
 * {@code smtp.connections} connections side by side, each carrying a contiguous slice (connect once, send each,
 * close). Each accepted Message-ID is stored in dispatch's journal ({@link ProviderIds})
 * while the next message goes, and the batch returns only once all are stored. SMTP 4xx replies and connection
 * failures are TRANSIENT, 5xx PERMANENT; a connection lost after the message's content was sent (the server may
 * have it) is PERMANENT, never sent again (at most once).
 */
@Component
@ConditionalOnProperty(name = "arrears.contact.email.mode", havingValue = "live")
public class SmtpChannelSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpChannelSender.class);
    /** The system property Jakarta Mail reads before it asks ServiceLoader for its stream provider. */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private final EmailProperties properties;
    private final Portal portal;
    private final ProviderIds ids;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final PdfRenderer pdfs;

    /** Returns a sender that cannot attach bills (an e-mail that asks for one fails PERMANENT). */
    public SmtpChannelSender(EmailProperties properties, Portal portal, ProviderIds ids, Clock clock) {
        this(properties, portal, ids, clock, null);
    }

    @Autowired
    public SmtpChannelSender(EmailProperties properties, Portal portal, ProviderIds ids, Clock clock,
                             PdfRenderer pdfs) {
        this.pdfs = pdfs;
        this.properties = properties;
        this.portal = portal;
        this.ids = ids;
        this.clock = clock;
        // Jakarta Mail 2.1 looks its stream provider up through ServiceLoader on every header parsed and subject
        // read, which scanned the jar's entries for most of the CPU of a send; naming Angus's skips the scan
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        this.session = Session.getInstance(sessionProperties(properties.smtp()));
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalStateException("arrears.contact.email.from is not an e-mail address: '"
                    + properties.from() + "'", e);
        }
    }

    private static Properties sessionProperties(EmailProperties.Smtp smtp) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.auth", String.valueOf(!smtp.username().isEmpty()));
        p.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(smtp.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(smtp.timeout().toMillis()));
        p.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendResult send(Clearance clearance, OutboundMessage message) {
        return sendAll(List.of(new Cleared(clearance, message))).getFirst();
    }

    @Override
    public List<SendResult> sendAll(List<Cleared> messages) {
        Instant now = clock.instant();
        ChannelSender.requireCleared(messages, Channel.EMAIL, now);
        // the batch in up to `connections` contiguous slices, each over one connection of its own on a virtual
        // thread: a mail server answers each message in turn, so parallel connections keep it busy
        int slices = Math.max(1, Math.min(properties.smtp().connections(), messages.size()));
        int size = (messages.size() + slices - 1) / slices;
        List<Future<List<SendResult>>> parts = new ArrayList<>(slices);
        // journal writes run beside the sends (the journal commits them in groups); closing waits for all of them
        try (ExecutorService journal = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < messages.size(); from += size) {
                List<Cleared> slice = messages.subList(from, Math.min(messages.size(), from + size));
                parts.add(connections.submit(() -> sendOver(slice, now, journal)));
            }
            List<SendResult> results = new ArrayList<>(messages.size());
            for (Future<List<SendResult>> part : parts) {
                results.addAll(part.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending e-mail", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending e-mail failed", e.getCause());
        }
    }

    /** Sends messages in order over one connection (connect once, send each, close); returns the answers. */
    private List<SendResult> sendOver(List<Cleared> messages, Instant now, ExecutorService journal) {
        List<SendResult> results = new ArrayList<>(messages.size());
        SMTPTransport transport = null;
        try {
            for (Cleared m : messages) {
                OutboundMessage message = m.message();
                MimeMessage mime;
                String messageId = messageId(message);
                try {
                    mime = mime(message, messageId, now);
                } catch (MessagingException | RuntimeException e) {
                    results.add(SendResult.permanentFailure("cannot build the e-mail: " + e.getMessage()));
                    continue;
                }
                if (transport == null || !transport.isConnected()) {
                    try {
                        transport = connect();
                    } catch (MessagingException e) {
                        results.add(SendResult.transientFailure("cannot connect to the SMTP server "
                                + properties.smtp().host() + ":" + properties.smtp().port() + ": " + e));
                        transport = null;
                        continue;
                    }
                }
                SendResult result = sendOne(transport, mime, messageId);
                if (result.status() == SendResult.Status.ACCEPTED) {
                    journal.submit(() -> journal(message, messageId));
                }
                results.add(result);
            }
        } finally {
            close(transport);
        }
        return results;
    }

    /** Sends one message on an open connection and classifies the server's answer. */
    private SendResult sendOne(SMTPTransport transport, MimeMessage mime, String messageId) {
        try {
            transport.sendMessage(mime, mime.getAllRecipients());
            return SendResult.accepted(List.of(messageId));
        } catch (MessagingException e) {
            int code = replyCode(e);
            if (code >= 500) {
                return SendResult.permanentFailure("SMTP " + code + ": " + reply(e));
            }
            if (code >= 400) {
                return SendResult.transientFailure("SMTP " + code + ": " + reply(e));
            }
            // no reply: the connection broke; it is not used again in this batch
            boolean contentSent = mime instanceof IdentifiedMessage m && m.contentStarted;
            close(transport);
            if (contentSent) {
                return SendResult.permanentFailure("not sent again: the connection was lost after the message's "
                        + "content went to the server, which may have accepted it (" + e.getMessage() + ")");
            }
            return SendResult.transientFailure("SMTP connection failed: " + e.getMessage());
        }
    }

    /** Returns the SMTP reply code a failure carries (its own or a nested one's), or 0 when the server gave none. */
    static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            switch (x) {
                case SMTPAddressFailedException a -> {
                    return a.getReturnCode();
                }
                case SMTPSenderFailedException s -> {
                    return s.getReturnCode();
                }
                case SMTPSendFailedException s -> {
                    return s.getReturnCode();
                }
                default -> {
                }
            }
        }
        return 0;
    }

    private static String reply(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException || x instanceof SMTPSenderFailedException
                    || x instanceof SMTPSendFailedException) {
                return x.getMessage().strip();
            }
        }
        return e.getMessage();
    }

    private SMTPTransport connect() throws MessagingException {
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        EmailProperties.Smtp smtp = properties.smtp();
        if (smtp.username().isEmpty()) {
            transport.connect();
        } else {
            transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
        }
        return transport;
    }

    private static void close(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("closing the SMTP connection: {}", e.toString());
        }
    }

    private void journal(OutboundMessage message, String messageId) {
        try {
            ids.accepted(message, List.of(messageId), 1);
        } catch (RuntimeException e) {
            // dispatch records the answer after the batch anyway; only the takeover's view comes later
            log.warn("could not journal Message-ID {} of {}: {}", messageId, message.contactKey(), e.toString());
        }
    }

    /** Returns the Message-ID dispatch journaled for the hand-over, or a new one {@code <key.random@domain>}. */
    private String messageId(OutboundMessage message) {
        if (message.messageId() != null && !message.messageId().isBlank()) {
            return message.messageId();
        }
        return "<" + message.contactKey().replace(':', '-') + "." + UUID.randomUUID().toString().replace("-", "")
                + "@" + properties.messageIdDomain() + ">";
    }

    /** Builds the MIME message: text and HTML alternatives in UTF-8, our Message-ID, the unsubscribe headers. */
    MimeMessage mime(OutboundMessage message, String messageId, Instant now) throws MessagingException {
        MimeMessage mime = new IdentifiedMessage(session, messageId);
        mime.setFrom(from);
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(message.recipient(), true));
        mime.setSubject(message.subject() == null ? "" : message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(now));
        if (message.locale() != null) {
            mime.setHeader("Content-Language", message.locale());
        }
        MimeMultipart alternatives = new MimeMultipart("alternative");
        if (message.text() != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
            alternatives.addBodyPart(text);
        }
        if (message.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            alternatives.addBodyPart(html);
        }
        if (message.attachment() == null) {
            mime.setContent(alternatives);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternatives);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment(message));
            mime.setContent(mixed);
        }
        String optOut = portal.optOutLink(portal.token(message.accountId()), Channel.EMAIL);
        mime.setHeader("List-Unsubscribe", "<" + optOut + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.saveChanges();
        return mime;
    }

    /** Renders the message's bill attachment to a PDF body part; throws when it cannot be rendered. */
    private MimeBodyPart attachment(OutboundMessage message) throws MessagingException {
        if (pdfs == null) {
            throw new IllegalStateException("this sender has no PDF renderer for the bill attachment");
        }
        PdfRenderer.Pdf pdf;
        try {
            pdf = pdfs.render(message.attachment().xhtml());
        } catch (PdfRenderer.PdfException e) {
            throw new IllegalStateException("cannot attach the bill: " + e.getMessage(), e);
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(pdf.bytes(),
                "application/pdf")));
        part.setFileName(message.attachment().fileName());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return ids.lookup(contactKey, Channel.EMAIL);
    }

    /** A MIME message that keeps the Message-ID it is given (Jakarta Mail would make its own on save). */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        /** Whether the transport began writing the content, which it does only after the server's 354 to DATA. */
        private volatile boolean contentStarted;

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
            contentStarted = true;
            super.writeTo(out, ignoreList);
        }
    }
}
