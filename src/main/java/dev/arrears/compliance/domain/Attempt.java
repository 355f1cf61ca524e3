package dev.arrears.compliance.domain;

import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * One past contact or attempt: channel, direction, instant, outcome (calls; null for messages), the debts it was
 * about and the address used (phone number for calls).
 */
public record Attempt(Channel channel, Direction direction, Instant at, Outcome outcome, List<String> debtIds,
                      String address) {

    public Attempt {
        direction = direction == null ? Direction.OUTBOUND : direction;
        debtIds = debtIds == null ? List.of() : List.copyOf(debtIds);
    }

    /** Who initiated the contact. */
    public enum Direction { OUTBOUND, INBOUND }

    /** How a call ended, in the vocabulary of the guard and of call tasks. */
    public enum Outcome { NOT_CONNECTED, NO_ANSWER, VOICEMAIL, WRONG_PARTY, CONVERSATION }
}
