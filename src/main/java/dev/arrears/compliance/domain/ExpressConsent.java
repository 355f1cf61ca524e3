package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * Express consent (TCPA, 47 U.S.C. 227(b)): text messages, and calls placed by an automated system, need the
 * debtor's express consent to that channel. Manual calls and other channels do not.
 */
record ExpressConsent() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CONSENT;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        Channel channel = request.channel();
        boolean needed = channel == Channel.SMS || channel == Channel.CALL && request.automated();
        if (!needed || request.debtor().consents().contains(channel)) {
            return null;
        }
        return Finding.block(channel == Channel.SMS
                ? "Text messages need the debtor's express consent, and none is on record."
                : "Automated calls need the debtor's express consent to calls, and none is on record; a collector "
                + "may call by hand.");
    }
}
