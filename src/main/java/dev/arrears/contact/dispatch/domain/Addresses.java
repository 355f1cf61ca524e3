package dev.arrears.contact.dispatch.domain;

import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.shared.Channel;

import java.util.List;

/**
 * Which contact point a channel uses: the customer's first point of the channel's kind (phone for SMS and calls,
 * e-mail, push token, postal address for letters) that is not opted out of the channel, else the first of the kind
 * (the guard then refuses it, citing the opt-out), else none.
 */
public final class Addresses {

    private Addresses() {
    }

    /** Returns the kind of contact point a channel needs. */
    public static ContactKind kind(Channel channel) {
        return switch (channel) {
            case SMS, CALL -> ContactKind.PHONE;
            case EMAIL -> ContactKind.EMAIL;
            case PUSH -> ContactKind.PUSH;
            case LETTER, VISIT -> ContactKind.POSTAL;
        };
    }

    /** Returns the contact point the channel uses, or null when the customer has none of its kind. */
    public static ContactPoint pick(List<ContactPoint> points, Channel channel) {
        ContactKind kind = kind(channel);
        ContactPoint first = null;
        for (ContactPoint p : points) {
            if (p.kind() == kind) {
                if (!p.optOuts().contains(channel)) {
                    return p;
                }
                if (first == null) {
                    first = p;
                }
            }
        }
        return first;
    }
}
