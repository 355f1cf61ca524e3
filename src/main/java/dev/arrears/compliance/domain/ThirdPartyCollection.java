package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Third parties: a debt is not collected through anyone but the debtor (or their attorney); a contact with a
 * third party for purpose COLLECT is refused.
 */
record ThirdPartyCollection() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.THIRD_PARTY;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (request.recipient() != Recipient.THIRD_PARTY || request.purpose() != Purpose.COLLECT) {
            return null;
        }
        return Finding.block("The debt may not be discussed with a third party: contact the debtor.");
    }
}
