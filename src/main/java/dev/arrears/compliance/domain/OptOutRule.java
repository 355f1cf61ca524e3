package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Opt-out: a channel the debtor opted out of, or the one address on it they opted out of (compared without regard
 * to case, spaces or phone separators), is refused. A request that names no address is refused when the debtor
 * opted out of any address on the channel, since it might be that one.
 */
record OptOutRule() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.OPT_OUT;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        Address address = request.address();
        for (OptOut optOut : request.debtor().optOuts()) {
            if (optOut.channel() != request.channel()) {
                continue;
            }
            String channel = Channels.plural(request.channel());
            if (optOut.address() == null) {
                return Finding.block("The debtor opted out of " + channel + ".");
            }
            if (address == null) {
                return Finding.block("The debtor opted out of " + channel + " at one address and the request names "
                        + "none; name the address to check it.");
            }
            if (Addresses.same(optOut.address(), address.value())) {
                return Finding.block("The debtor opted out of " + channel + " at this address.");
            }
        }
        return null;
    }
}
