package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * The opt-out line (12 CFR 1006.6(e)): every e-mail and text message must tell the debtor how to opt out. A
 * message not known to carry one ({@code message.hasOptOut} false or absent) is refused.
 */
record OptOutLine() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.OPT_OUT_LINE;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        Channel channel = facts.request.channel();
        if (channel != Channel.EMAIL && channel != Channel.SMS) {
            return null;
        }
        ContactRequest.Message message = facts.request.message();
        if (message != null && message.hasOptOut()) {
            return null;
        }
        return Finding.block("Every " + Channels.singular(channel) + " must tell the debtor how to opt out, and this "
                + "one does not; use a template with an opt-out line.");
    }
}
