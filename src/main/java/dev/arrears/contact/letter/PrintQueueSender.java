package dev.arrears.contact.letter;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.shared.Channel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The live letter channel, the print queue ({@code arrears.contact.letter.mode=live}): renders each cleared letter's
 * XHTML to PDF ({@link PdfRenderer}), stores it with the recipient's name and postal address in {@code letter}
 * (RENDERED, waiting for a batch), committed at once like a provider, and answers ACCEPTED with
 * {@code letter-<id>}. A letter is stored once per contact key: a worker that takes over a job finds the letter its
 * predecessor stored ({@link #lookup}) and the insert keeps the first. A letter that cannot be rendered (Chinese
 * without a CJK font, XHTML that is not well-formed) is PERMANENT with the reason.
 */
@Component
@ConditionalOnProperty(name = "arrears.contact.letter.mode", havingValue = "live")
public class PrintQueueSender implements ChannelSender {

    private final PdfRenderer renderer;
    private final LetterStore store;
    private final Ledger ledger;
    private final Clock clock;
    private final TransactionTemplate own;

    public PrintQueueSender(PdfRenderer renderer, LetterStore store, Ledger ledger, Clock clock,
                            PlatformTransactionManager transactions) {
        this.renderer = renderer;
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Channel channel() {
        return Channel.LETTER;
    }

    @Override
    public SendResult send(Clearance clearance, OutboundMessage message) {
        return sendAll(List.of(new Cleared(clearance, message))).getFirst();
    }

    @Override
    public List<SendResult> sendAll(List<Cleared> messages) {
        Instant now = clock.instant();
        ChannelSender.requireCleared(messages, Channel.LETTER, now);
        Map<Long, CustomerView> customers = ledger.customers(messages.stream().map(m -> m.message().customerId())
                .distinct().toList());
        List<SendResult> results = new ArrayList<>(messages.size());
        for (Cleared m : messages) {
            results.add(queue(m.message(), customers.get(m.message().customerId())));
        }
        return results;
    }

    /** Renders and stores one letter, unless it is stored already; returns the answer. */
    private SendResult queue(OutboundMessage message, CustomerView customer) {
        Long known = store.idByKey(message.contactKey()).orElse(null);
        if (known != null) {
            return SendResult.accepted(List.of(providerId(known)));
        }
        PdfRenderer.Pdf pdf;
        try {
            pdf = renderer.render(message.html());
        } catch (PdfRenderer.PdfException e) {
            return SendResult.permanentFailure(e.getMessage());
        }
        String name = customer == null ? "" : customer.name();
        LetterStore.NewLetter letter = new LetterStore.NewLetter(message.contactKey(), message.jobId(),
                message.accountId(), message.customerId(), name, message.recipient(), message.locale(), pdf.pages(),
                pdf.bytes(), sha256(pdf.bytes()));
        Long id = own.execute(status -> store.insert(letter, clock.instant()));
        return SendResult.accepted(List.of(providerId(id)));
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return store.idByKey(contactKey)
                .map(id -> new ProviderRecord(ProviderRecord.Known.ACCEPTED, List.of(providerId(id))))
                .orElse(ProviderRecord.ABSENT);
    }

    /** Returns the provider id of a stored letter. */
    public static String providerId(long letterId) {
        return "letter-" + letterId;
    }

    /** Returns the hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
