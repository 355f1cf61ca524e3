package dev.arrears.contact;

import dev.arrears.contact.ContactViews.OutboxFilter;
import dev.arrears.contact.ContactViews.OutboxMessage;
import dev.arrears.contact.channel.SandboxStore;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.PersonalDataRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/**
 * The sandbox outbox, like a local mail catcher: every message a channel in sandbox mode accepted (SMS text,
 * e-mail subject, text and HTML, push JSON, the letter's PDF), newest first; a letter's PDF and an e-mail's bill
 * attachment can be downloaded. Reading one message is a
 * read of the customer's personal data and is announced as such.
 */
@Service
public class Outbox {

    private final SandboxStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(SandboxStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Lists sandbox messages, newest first. */
    public Page<OutboxMessage> messages(OutboxFilter filter) {
        return store.messages(filter);
    }

    /**
     * Lists sandbox messages, newest first, with their dispatch status; {@code status} (null: any) keeps those whose
     * latest delivery receipt status, or else job state, is that value.
     */
    public Page<ContactViews.OutboxEntry> entries(OutboxFilter filter, String status) {
        return store.entries(filter, status);
    }

    /** Returns the PDF of a sandbox message (a letter, an e-mail's bill attachment), announcing who read it. */
    public Optional<LetterViews.PdfFile> pdf(long id, String actor) {
        Optional<SandboxStore.StoredPdf> pdf = store.pdf(id);
        pdf.ifPresent(p -> events.publishEvent(new PersonalDataRead(p.customerId(), actor,
                "GET /api/v1/outbox/" + id + "/pdf", clock.instant())));
        return pdf.map(p -> new LetterViews.PdfFile(p.fileName(), p.bytes(), p.customerId()));
    }

    /** Returns one sandbox message, announcing who read it. */
    public Optional<OutboxMessage> message(long id, String actor) {
        return message(id, actor, "GET /api/v1/outbox/" + id);
    }

    /** Returns one sandbox message, announcing who read it and where ({@code what}: the page or endpoint). */
    public Optional<OutboxMessage> message(long id, String actor, String what) {
        Optional<OutboxMessage> message = store.message(id);
        message.ifPresent(m -> events.publishEvent(new PersonalDataRead(m.customerId(), actor, what,
                clock.instant())));
        return message;
    }

    /** Returns the PDF of a sandbox message, announcing who read it and where ({@code what}). */
    public Optional<LetterViews.PdfFile> pdf(long id, String actor, String what) {
        Optional<SandboxStore.StoredPdf> pdf = store.pdf(id);
        pdf.ifPresent(p -> events.publishEvent(new PersonalDataRead(p.customerId(), actor, what, clock.instant())));
        return pdf.map(p -> new LetterViews.PdfFile(p.fileName(), p.bytes(), p.customerId()));
    }
}
