package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Attorney (12 CFR 1006.6(b)(2)): once the debtor is known to be represented by an attorney, contacts go to the
 * attorney; every contact to the debtor is refused.
 */
record AttorneyRepresentation() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.ATTORNEY;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (!request.debtor().flags().contains(Flag.HAS_ATTORNEY) || request.recipient() != Recipient.DEBTOR) {
            return null;
        }
        return Finding.block("The debtor is represented by an attorney: contact the attorney, not the debtor.");
    }
}
