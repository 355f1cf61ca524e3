package dev.arrears.compliance.domain;

import dev.arrears.shared.Channel;

/** Names channels in the guard's messages. */
final class Channels {

    private Channels() {
    }

    /** Returns the plural noun of a channel: "calls", "e-mails". */
    static String plural(Channel channel) {
        return switch (channel) {
            case CALL -> "calls";
            case SMS -> "text messages";
            case EMAIL -> "e-mails";
            case PUSH -> "push messages";
            case LETTER -> "letters";
            case VISIT -> "visits";
        };
    }

    /** Returns the singular noun of a channel: "call", "e-mail". */
    static String singular(Channel channel) {
        return switch (channel) {
            case CALL -> "call";
            case SMS -> "text message";
            case EMAIL -> "e-mail";
            case PUSH -> "push message";
            case LETTER -> "letter";
            case VISIT -> "visit";
        };
    }
}
