package dev.arrears.contact.channel;

import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.shared.Channel;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sender of each message channel, chosen by {@code arrears.contact.<channel>.mode}: {@code sandbox} (the
 * default: the sandbox outbox) or {@code live} (the channel's real sender, a {@link ChannelSender} bean such as the
 * SMPP client). A live mode without its sender stops the start with the property named.
 */
@Component
public class ChannelSenders {

    /** The channels dispatch sends messages on; calls are tasks for collectors. */
    public static final List<Channel> MESSAGE_CHANNELS = List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH,
            Channel.LETTER);

    private final Map<Channel, ChannelSender> senders;

    @org.springframework.beans.factory.annotation.Autowired
    ChannelSenders(List<ChannelSender> live, SandboxStore sandbox, PdfRenderer pdfs, Clock clock,
                   Environment environment) {
        Map<Channel, ChannelSender> chosen = new EnumMap<>(Channel.class);
        for (Channel channel : MESSAGE_CHANNELS) {
            String property = "arrears.contact." + channel.name().toLowerCase(Locale.ROOT) + ".mode";
            String mode = environment.getProperty(property, "sandbox").strip().toLowerCase(Locale.ROOT);
            switch (mode) {
                case "sandbox" -> chosen.put(channel, new SandboxSender(channel, sandbox, clock, pdfs));
                case "live" -> chosen.put(channel, live.stream().filter(s -> s.channel() == channel).findFirst()
                        .orElseThrow(() -> new IllegalStateException(property + "=live but no live " + channel
                                + " sender is configured")));
                default -> throw new IllegalStateException(property + " must be sandbox or live, not '" + mode + "'");
            }
        }
        this.senders = chosen;
    }

    private ChannelSenders(Map<Channel, ChannelSender> senders) {
        this.senders = senders;
    }

    /** Returns these senders with one replaced (tests put a failing or recording sender in front of a channel). */
    public ChannelSenders with(ChannelSender sender) {
        Map<Channel, ChannelSender> copy = new EnumMap<>(senders);
        copy.put(sender.channel(), sender);
        return new ChannelSenders(copy);
    }

    /** Returns the sender of a message channel. */
    public ChannelSender sender(Channel channel) {
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            throw new IllegalArgumentException("no sender for channel " + channel);
        }
        return sender;
    }
}
