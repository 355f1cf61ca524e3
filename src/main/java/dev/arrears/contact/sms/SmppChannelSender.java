package dev.arrears.contact.sms;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.reply.InboundReplies;
import dev.arrears.contact.sms.SubmitResult.Failed;
import dev.arrears.contact.sms.SubmitResult.Submitted;
import dev.arrears.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The live SMS channel ({@code arrears.contact.sms.mode=live}): hands cleared messages to the SMSC over the
 * persistent SMPP bind of an {@link SmppSender} ({@code arrears.sms.smpp.*}). A batch is submitted all at once on
 * virtual threads, so the sender's window of outstanding submits stays full; each part's SMSC id is stored in
 * dispatch's journal ({@link ProviderIds}) as soon as its submit_sm_resp arrives and before the next part goes, so
 * that receipts match and a takeover finds a wholly accepted message. A message of which a part may have reached
 * the SMSC is never submitted again (at most once): it fails PERMANENT with the reason. Delivery receipts go to
 * {@link Dispatch#recordReceipts} in groups ({@link SmsReceipts}); customers' replies to {@link InboundReplies}.
 */
@Component
@ConditionalOnProperty(name = "arrears.contact.sms.mode", havingValue = "live")
public class SmppChannelSender implements ChannelSender, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppChannelSender.class);

    private final SmppSender smpp;
    private final ProviderIds ids;
    private final SmsReceipts receipts;
    private final Clock clock;
    private volatile boolean running;

    SmppChannelSender(SmppProperties properties, ProviderIds ids, ObjectProvider<Dispatch> dispatch,
                      InboundReplies replies, Clock clock) {
        this.smpp = new SmppSender(properties);
        this.ids = ids;
        this.clock = clock;
        this.receipts = new SmsReceipts(ids, clock, r -> dispatch.getObject().recordReceipts(r));
        smpp.onReceipt(receipts::offer);
        smpp.onInbound(replies::onSms);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendResult send(Clearance clearance, OutboundMessage message) {
        return sendAll(List.of(new Cleared(clearance, message))).getFirst();
    }

    @Override
    public List<SendResult> sendAll(List<Cleared> messages) {
        Instant now = clock.instant();
        ChannelSender.requireCleared(messages, Channel.SMS, now);
        // every message at once: the SMPP window bounds what is outstanding and stays full while any is left
        List<CompletableFuture<SubmitResult>> submits = new ArrayList<>(messages.size());
        for (Cleared m : messages) {
            OutboundMessage message = m.message();
            List<String> accepted = new ArrayList<>();
            submits.add(smpp.submitAsync(SmsRequest.of(message.contactKey(), null, message.recipient(),
                    message.text()), part -> {
                        accepted.add(part.messageId());
                        ids.accepted(message, accepted, part.parts());
                    }));
        }
        List<SendResult> results = new ArrayList<>(messages.size());
        for (CompletableFuture<SubmitResult> submit : submits) {
            results.add(result(submit.join()));
        }
        return results;
    }

    /** Maps the SMPP outcome to dispatch's: a message part of which may be at the SMSC is not tried again. */
    static SendResult result(SubmitResult outcome) {
        return switch (outcome) {
            case Submitted s -> SendResult.accepted(s.messageIds());
            case Failed f when f.failure() == SubmitResult.Failure.PERMANENT ->
                    SendResult.permanentFailure("SMSC refused (0x%08X): %s".formatted(f.commandStatus(), f.reason()));
            case Failed f when f.maybeAccepted() || !f.messageIds().isEmpty() -> SendResult.permanentFailure(
                    "not sent again: %d of %d parts accepted and the next may have reached the SMSC (%s)"
                            .formatted(f.messageIds().size(), f.parts(), f.reason()));
            case Failed f -> SendResult.transientFailure(f.reason());
        };
    }

    /** Returns true: each part's id is journaled before the next part goes, and a journal failure fails the batch. */
    @Override
    public boolean journalsAcceptedIds() {
        return true;
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return ids.lookup(contactKey, Channel.SMS);
    }

    /** Returns the SMPP client, for tests and the benchmark. */
    public SmppSender smpp() {
        return smpp;
    }

    /** Waits until the link is bound; returns whether it is. */
    public boolean awaitBound(Duration timeout) throws InterruptedException {
        return smpp.awaitBound(timeout);
    }

    /** Waits until the receipts received so far are stored; returns whether they are. */
    public boolean awaitReceiptsStored(Duration timeout) throws InterruptedException {
        return receipts.awaitIdle(timeout);
    }

    @Override
    public void start() {
        receipts.start();
        smpp.start();
        running = true;
        log.info("SMS live over SMPP: binding");
    }

    @Override
    public void stop() {
        running = false;
        smpp.close();
        receipts.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start before the dispatch loop (default phase) and stop after it
        return DEFAULT_PHASE - 1;
    }
}
