package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Breathing space (UK SI 2020/1311): during a moratorium no contact may ask the debtor for payment. That is
 * collection, an offer of an arrangement (it asks for payments under a plan), a notice to remedy arrears and a
 * notice of legal action; a notice that collection ends is not a request for payment and is allowed.
 */
record BreathingSpace() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.BREATHING_SPACE;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (!request.debtor().flags().contains(Flag.BREATHING_SPACE)
                || request.purpose() == Purpose.TERMINATION_NOTICE) {
            return null;
        }
        return Finding.block("The debtor is in a breathing space: no contact may ask for payment, nor offer a plan, "
                + "until it ends.");
    }
}
