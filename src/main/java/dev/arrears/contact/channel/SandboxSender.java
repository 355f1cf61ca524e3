package dev.arrears.contact.channel;

import dev.arrears.compliance.Clearance;
import dev.arrears.shared.Channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's sandbox: accepts every cleared message into the sandbox outbox, committed at once like a provider
 * would, and knows afterwards what it accepted for a contact key. The default of every channel.
 */
final class SandboxSender implements ChannelSender {

    private final Channel channel;
    private final SandboxStore store;
    private final Clock clock;

    SandboxSender(Channel channel, SandboxStore store, Clock clock) {
        this.channel = channel;
        this.store = store;
        this.clock = clock;
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
        List<OutboundMessage> accepted = new ArrayList<>(messages.size());
        for (Cleared m : messages) {
            m.clearance().require(m.message().contactKey(), channel, now);
            if (m.message().channel() != channel) {
                throw new IllegalArgumentException("a " + m.message().channel() + " message on the " + channel
                        + " sandbox");
            }
            accepted.add(m.message());
        }
        List<String> ids = store.accept(accepted, now);
        List<SendResult> results = new ArrayList<>(ids.size());
        for (String id : ids) {
            results.add(SendResult.accepted(List.of(id)));
        }
        return results;
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return store.lookup(contactKey, channel);
    }
}
