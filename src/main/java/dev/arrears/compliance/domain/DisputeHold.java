package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;
import java.util.Set;

/**
 * Dispute: while the debtor's dispute is open ({@code DISPUTE_OPEN}) no collection contact (purpose COLLECT) is
 * made until it is verified; a dispute of one debt ({@code disputedDebtIds}) stops collection of that debt only.
 * A request that names no debt is refused when any debt is disputed, since it may be about that one.
 */
record DisputeHold() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.DISPUTE;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        ContactRequest request = facts.request;
        if (request.purpose() != Purpose.COLLECT) {
            return null;
        }
        if (request.debtor().flags().contains(Flag.DISPUTE_OPEN)) {
            return Finding.block("The debtor disputes the debt: no collection until the dispute is verified.");
        }
        Set<String> disputed = request.debtor().disputedDebtIds();
        if (disputed.isEmpty()) {
            return null;
        }
        if (request.debtId() == null) {
            return Finding.block("A debt of this debtor is disputed and the request names no debt: name it, or wait "
                    + "until the dispute is verified.");
        }
        if (disputed.contains(request.debtId())) {
            return Finding.block("Debt " + request.debtId() + " is disputed: no collection of it until the dispute "
                    + "is verified.");
        }
        return null;
    }
}
