package dev.arrears.arrangement;

import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.AccountsChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Settles a settlement and keeps a promise to pay the moment a payment that covers it is committed. */
@Component
class PaymentEvents {

    private final Promises promises;
    private final Settlements settlements;

    PaymentEvents(Promises promises, Settlements settlements) {
        this.promises = promises;
        this.settlements = settlements;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && !Cycles.quiet() && (event.kinds().contains(AccountsChanged.Kind.PAYMENT_POSTED)
                || event.kinds().contains(AccountsChanged.Kind.ADJUSTMENT_RECORDED))) {
            settlements.reviewPaid(event.accountIds());
            promises.reviewPaid(event.accountIds());
        }
    }
}
