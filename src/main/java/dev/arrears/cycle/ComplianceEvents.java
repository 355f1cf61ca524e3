package dev.arrears.cycle;

import dev.arrears.compliance.CustomerFacts;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.FlagChanged;
import dev.arrears.compliance.domain.Debtor.Flag;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps the dispute flag of open cases ({@code case.disputeOpen}, which the shipped strategies' {@code stopWhen}
 * reads) in step with the compliance module's DISPUTE_OPEN, for all of a customer's debts or one. Runs inside the
 * transaction that set or cleared the flag, so the two never disagree after a commit; it re-reads the customer's
 * standing disputes rather than applying the change, so that clearing a customer-wide dispute leaves a debt
 * disputed on its own still disputed, and a repeated event changes nothing. Cases opened later, while a dispute
 * stands, are set by {@link Cycles} after each run and re-evaluation.
 *
 * <p>Holds (BANKRUPTCY, DECEASED, BREATHING_SPACE, CEASE_REQUESTED, HAS_ATTORNEY) have no case fact to follow:
 * the compliance guard refuses those contacts at dispatch.
 */
@Component
class ComplianceEvents {

    private final Cycles cycles;
    private final DebtorFacts facts;

    ComplianceEvents(Cycles cycles, DebtorFacts facts) {
        this.cycles = cycles;
        this.facts = facts;
    }

    @EventListener
    void on(FlagChanged event) {
        if (event.flag() == Flag.DISPUTE_OPEN) {
            CustomerFacts now = facts.facts(event.customerId());
            List<Long> accounts = now.disputedDebtIds().stream().map(Long::valueOf).toList();
            cycles.markDisputes(event.customerId(), now.flags().contains(Flag.DISPUTE_OPEN), accounts, event.at());
        }
    }
}
