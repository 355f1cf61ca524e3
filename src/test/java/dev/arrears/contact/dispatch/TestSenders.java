package dev.arrears.contact.dispatch;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.shared.Channel;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** Senders for tests, each in front of a real one (the sandbox): scripted answers, crashes, no lookup. */
final class TestSenders {

    private TestSenders() {
    }

    /**
     * Answers with the scripted results in order (null: let the real sender take it), then lets the real sender
     * take every further message; records every message it was given.
     */
    static final class Scripted implements ChannelSender {
        final ChannelSender real;
        final Clock clock;
        final Deque<SendResult> script = new ArrayDeque<>();
        final List<OutboundMessage> seen = Collections.synchronizedList(new ArrayList<>());

        Scripted(ChannelSender real, Clock clock, SendResult... results) {
            this.real = real;
            this.clock = clock;
            for (SendResult r : results) {
                script.add(r == null ? ACCEPT_BY_REAL : r);
            }
        }

        private static final SendResult ACCEPT_BY_REAL = SendResult.accepted(List.of("real"));

        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public SendResult send(Clearance clearance, OutboundMessage message) {
            clearance.require(message.contactKey(), channel(), clock.instant());
            seen.add(message);
            SendResult next = script.poll();
            return next == null || next == ACCEPT_BY_REAL ? real.send(clearance, message) : next;
        }

        @Override
        public ProviderRecord lookup(String contactKey) {
            return real.lookup(contactKey);
        }
    }

    /** Hands the batch to the real sender, then dies as a worker killed right after the provider accepted. */
    static final class DiesAfterHandover implements ChannelSender {
        final ChannelSender real;

        DiesAfterHandover(ChannelSender real) {
            this.real = real;
        }

        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public SendResult send(Clearance clearance, OutboundMessage message) {
            return sendAll(List.of(new Cleared(clearance, message))).getFirst();
        }

        @Override
        public List<SendResult> sendAll(List<Cleared> messages) {
            real.sendAll(messages);
            throw new WorkerDied();
        }

        @Override
        public ProviderRecord lookup(String contactKey) {
            return real.lookup(contactKey);
        }
    }

    /** Dies before anything reaches the provider. */
    static final class DiesBeforeHandover implements ChannelSender {
        final ChannelSender real;

        DiesBeforeHandover(ChannelSender real) {
            this.real = real;
        }

        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public SendResult send(Clearance clearance, OutboundMessage message) {
            throw new WorkerDied();
        }

        @Override
        public ProviderRecord lookup(String contactKey) {
            return real.lookup(contactKey);
        }
    }

    /** The real sender, except that it cannot say what it accepted earlier (as most SMPP centres). */
    static final class NoLookup implements ChannelSender {
        final ChannelSender real;

        NoLookup(ChannelSender real) {
            this.real = real;
        }

        @Override
        public Channel channel() {
            return real.channel();
        }

        @Override
        public SendResult send(Clearance clearance, OutboundMessage message) {
            return real.send(clearance, message);
        }

        @Override
        public List<SendResult> sendAll(List<Cleared> messages) {
            return real.sendAll(messages);
        }
    }

    /** The death of a worker in the middle of a pass. */
    static final class WorkerDied extends RuntimeException {
        WorkerDied() {
            super("simulated death of the worker");
        }
    }
}
