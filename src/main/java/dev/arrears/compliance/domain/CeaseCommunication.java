package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Cease (12 CFR 1006.6(c)): after the debtor asked us to stop communicating, the only contacts with the debtor
 * allowed are a notice that collection ends ({@code TERMINATION_NOTICE}), of a remedy we may invoke
 * ({@code REMEDY_NOTICE}) or of a legal action we intend ({@code LEGAL_ACTION_NOTICE}).
 */
record CeaseCommunication() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CEASE;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (!request.debtor().flags().contains(Flag.CEASE_REQUESTED) || request.recipient() != Recipient.DEBTOR) {
            return null;
        }
        Purpose purpose = request.purpose();
        if (purpose == Purpose.TERMINATION_NOTICE || purpose == Purpose.REMEDY_NOTICE
                || purpose == Purpose.LEGAL_ACTION_NOTICE) {
            return null;
        }
        return Finding.block("The debtor asked us to stop communicating: only a notice that collection ends, of a "
                + "remedy or of legal action may be sent.");
    }
}
