package dev.arrears.contact.channel;

import dev.arrears.shared.Channel;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where a live sender stores the provider's message ids the moment the provider accepted them, before it sends the
 * next part or message, so that delivery receipts match at once and a worker that takes over a job after a crash
 * can ask ({@link ChannelSender#lookup}) whether the whole message was accepted. Dispatch's journal implements it.
 */
public interface ProviderIds {

    /**
     * Stores the ids accepted so far for a message's hand-over (in part order; ids stored before are kept) and
     * returns once they are committed; when there are {@code parts} of them the whole message is accepted.
     */
    void accepted(OutboundMessage message, List<String> acceptedIds, int parts);

    /** Returns ACCEPTED with the ids when the latest hand-over of the contact was wholly accepted, else UNKNOWN. */
    ProviderRecord lookup(String contactKey, Channel channel);

    /** Returns which of the provider ids are stored, so that a receipt that overtook its id can wait. */
    Set<String> known(Channel channel, Collection<String> providerIds);
}
