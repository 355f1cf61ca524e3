package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;
import java.util.Set;

/**
 * Holds, in every profile and for commercial debts too: bankruptcy and death pause every contact; hardship
 * pauses collection (purpose COLLECT) but lets us offer an arrangement (and send notices).
 */
record ContactHold() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.HOLD;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        Set<Flag> flags = facts.request.debtor().flags();
        if (flags.isEmpty()) {
            return null;
        }
        if (flags.contains(Flag.DECEASED)) {
            return Finding.block("The debtor is deceased: every contact is paused.");
        }
        if (flags.contains(Flag.BANKRUPTCY)) {
            return Finding.block("The debtor is in bankruptcy: every contact is paused.");
        }
        if (flags.contains(Flag.HARDSHIP) && facts.request.purpose() == Purpose.COLLECT) {
            return Finding.block("The debtor is in hardship: collection is paused; offer an arrangement instead.");
        }
        return null;
    }
}
