package dev.arrears.cycle;

import dev.arrears.ledger.AccountsChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Re-evaluates accounts the moment a bill, payment, reversal or adjustment is committed: a payment that clears
 * the overdue amount closes the case and cancels its pending actions; a new overdue bill can open one. A bulk
 * load too large to list its accounts is left to the next daily cycle.
 */
@Component
class LedgerEvents {

    private final Cycles cycles;

    LedgerEvents(Cycles cycles) {
        this.cycles = cycles;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && !Cycles.quiet()) {
            cycles.reevaluate(event.accountIds());
        }
    }
}
