package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * Workplace e-mail (12 CFR 1006.22(f)(3)): an e-mail to a work address is refused unless the debtor used that
 * address with us or consented to it ({@code WORK_USED_BY_DEBTOR}).
 */
record WorkplaceEmail() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.WORK_EMAIL;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (request.channel() != Channel.EMAIL || request.address() == null
                || request.address().kind() != AddressKind.WORK) {
            return null;
        }
        return Finding.block("This is a workplace e-mail address the debtor has not used with us or agreed to; "
                + "write to a personal address.");
    }
}
