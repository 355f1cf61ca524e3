package dev.arrears.strategy.domain;

import dev.arrears.shared.Channel;

/**
 * What a ladder step does. Contact actions name the channel they use; the others are work for later modules
 * (service restriction, agencies, legal, arrangements), recorded as planned actions until those modules execute
 * them.
 */
public enum ActionKind {
    SMS(Channel.SMS, true),
    EMAIL(Channel.EMAIL, true),
    PUSH(Channel.PUSH, false),
    LETTER(Channel.LETTER, true),
    CALL_TASK(Channel.CALL, false),
    RESTRICT_SERVICE(null, false),
    RESTORE_SERVICE(null, false),
    PLACE_WITH_AGENCY(null, false),
    LEGAL_REVIEW(null, false),
    MANUAL_REVIEW(null, false),
    OFFER_PLAN(null, false);

    private final Channel channel;
    private final boolean writtenNotice;

    ActionKind(Channel channel, boolean writtenNotice) {
        this.channel = channel;
        this.writtenNotice = writtenNotice;
    }

    /** Returns the contact channel, or null for an action that contacts nobody. */
    public Channel channel() {
        return channel;
    }

    /** Returns true for a written notice (letter, e-mail, SMS): what must precede an escalation. */
    public boolean writtenNotice() {
        return writtenNotice;
    }

    /** Returns true for an escalation that needs a written notice at least 5 days before it. */
    public boolean escalation() {
        return this == RESTRICT_SERVICE || this == PLACE_WITH_AGENCY || this == LEGAL_REVIEW;
    }

    /** Returns true when the step needs a message template. */
    public boolean needsTemplate() {
        return this == SMS || this == EMAIL || this == PUSH || this == LETTER;
    }
}
