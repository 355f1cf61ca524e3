package dev.arrears.contact.channel;

import dev.arrears.compliance.Clearance;
import dev.arrears.shared.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands messages of one channel to its provider (an SMS centre, a mail server, a push gateway, the letter print
 * queue, or the sandbox outbox). Every implementation checks the message's clearance first, with
 * {@code clearance.require(message.contactKey(), channel(), now)}, so that nothing leaves without an ALLOW from the
 * compliance guard a moment before. A provider's refusal is a result, not an exception: TRANSIENT (try again
 * later) or PERMANENT (this message will never go); ACCEPTED carries the provider's message ids.
 */
public interface ChannelSender {

    /** Returns the channel this sender serves. */
    Channel channel();

    /** Hands one cleared message to the provider and returns its answer. */
    SendResult send(Clearance clearance, OutboundMessage message);

    /**
     * Hands a batch of cleared messages to the provider and returns the answers in order; a provider with a window
     * of outstanding requests overrides it to keep the window full.
     */
    default List<SendResult> sendAll(List<Cleared> messages) {
        List<SendResult> results = new ArrayList<>(messages.size());
        for (Cleared m : messages) {
            results.add(send(m.clearance(), m.message()));
        }
        return results;
    }

    /**
     * Returns what the provider knows of an earlier hand-over of the contact: whether it accepted it (and its ids),
     * never received it, or cannot tell. Asked when a worker takes over a job whose previous worker died during a
     * hand-over; the default cannot tell.
     */
    default ProviderRecord lookup(String contactKey) {
        return ProviderRecord.UNKNOWN;
    }

    /**
     * Returns true when every provider id of an ACCEPTED answer was committed to dispatch's journal
     * ({@link ProviderIds}) before {@link #sendAll} returned (a journal write that fails fails the batch), so that
     * dispatch need not store them again; the default is false.
     */
    default boolean journalsAcceptedIds() {
        return false;
    }

    /**
     * Checks that every message of a batch is cleared for the channel at {@code now} (the guard's ALLOW) and is a
     * message of that channel; every sender calls it before anything leaves.
     */
    static void requireCleared(List<Cleared> messages, Channel channel, java.time.Instant now) {
        for (Cleared m : messages) {
            m.clearance().require(m.message().contactKey(), channel, now);
            if (m.message().channel() != channel) {
                throw new IllegalArgumentException("a " + m.message().channel() + " message on the " + channel
                        + " channel");
            }
        }
    }

    /** A message with the clearance that allows it. */
    record Cleared(Clearance clearance, OutboundMessage message) {
    }
}
