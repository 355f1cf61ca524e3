package dev.arrears.contact.channel;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.shared.Channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's sandbox: accepts every cleared message into the sandbox outbox, committed at once like a provider
 * would, and knows afterwards what it accepted for a contact key. The default of every channel. Letters are rendered
 * to PDF and an e-mail's bill attachment too, as the live channels would, and kept with the message; a letter or
 * attachment that cannot be rendered is PERMANENT with the reason, as it would be live.
 */
final class SandboxSender implements ChannelSender {

    private final Channel channel;
    private final SandboxStore store;
    private final Clock clock;
    private final PdfRenderer pdfs;

    SandboxSender(Channel channel, SandboxStore store, Clock clock) {
        this(channel, store, clock, null);
    }

    SandboxSender(Channel channel, SandboxStore store, Clock clock, PdfRenderer pdfs) {
        this.channel = channel;
        this.store = store;
        this.clock = clock;
        this.pdfs = pdfs;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public SendResult send(Clearance clearance, OutboundMessage message) {
        return sendAll(List.of(new Cleared(clearance, message))).getFirst();
    }

    @Override
    public List<SendResult> sendAll(List<Cleared> messages) {
        Instant now = clock.instant();
        ChannelSender.requireCleared(messages, channel, now);
        SendResult[] results = new SendResult[messages.size()];
        List<OutboundMessage> accepted = new ArrayList<>(messages.size());
        List<SandboxStore.Pdf> documents = new ArrayList<>(messages.size());
        List<Integer> at = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage message = messages.get(i).message();
            try {
                documents.add(pdf(message));
            } catch (PdfRenderer.PdfException e) {
                results[i] = SendResult.permanentFailure(e.getMessage());
                continue;
            }
            accepted.add(message);
            at.add(i);
        }
        List<String> ids = accepted.isEmpty() ? List.of() : store.accept(accepted, documents, now);
        for (int k = 0; k < ids.size(); k++) {
            results[at.get(k)] = SendResult.accepted(List.of(ids.get(k)));
        }
        return List.of(results);
    }

    /** Renders the PDF a message carries: a letter, or an e-mail's attachment; null when it carries none. */
    private SandboxStore.Pdf pdf(OutboundMessage message) {
        if (pdfs == null) {
            return null;
        }
        if (message.channel() == Channel.LETTER && message.html() != null) {
            String name = message.document() == null ? "letter.pdf"
                    : message.document().substring(message.document().lastIndexOf('/') + 1);
            return new SandboxStore.Pdf(name, pdfs.render(message.html()).bytes());
        }
        if (message.attachment() != null) {
            try {
                return new SandboxStore.Pdf(message.attachment().fileName(),
                        pdfs.render(message.attachment().xhtml()).bytes());
            } catch (PdfRenderer.PdfException e) {
                throw new PdfRenderer.PdfException("cannot attach the bill: " + e.getMessage(), e);
            }
        }
        return null;
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return store.lookup(contactKey, channel);
    }
}
