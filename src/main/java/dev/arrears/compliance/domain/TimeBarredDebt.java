package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Time-barred debts (12 CFR 1006.26(b)): legal action on a debt past its limitation period may be neither taken
 * nor threatened, so a {@code LEGAL_ACTION_NOTICE} is always refused.
 */
record TimeBarredDebt() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.TIME_BARRED;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (request.purpose() != Purpose.LEGAL_ACTION_NOTICE
                || !request.debtor().flags().contains(Flag.TIME_BARRED)) {
            return null;
        }
        return Finding.block("The debt is time-barred: legal action may be neither taken nor threatened.");
    }
}
