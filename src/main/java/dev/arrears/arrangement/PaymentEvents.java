package dev.arrears.arrangement;

import dev.arrears.arrangement.persistence.OpenArrangements;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.AccountsChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Follows up settlements, promises and plans the moment a payment (or credit) on their account is committed. */
@Component
class PaymentEvents {

    private final Promises promises;
    private final Settlements settlements;
    private final Plans plans;
    private final OpenArrangements open;

    PaymentEvents(Promises promises, Settlements settlements, Plans plans, OpenArrangements open) {
        this.promises = promises;
        this.settlements = settlements;
        this.plans = plans;
        this.open = open;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && !Cycles.quiet() && (event.kinds().contains(AccountsChanged.Kind.PAYMENT_POSTED)
                || event.kinds().contains(AccountsChanged.Kind.ADJUSTMENT_RECORDED))) {
            // one cheap read first: nearly every payment is on an account with nothing to follow up
            OpenArrangements.Open o = open.of(event.accountIds());
            if (!o.settlements().isEmpty()) {
                settlements.reviewPaid(o.settlements());
            }
            if (!o.promises().isEmpty()) {
                promises.reviewPaid(o.promises());
            }
            if (!o.plans().isEmpty()) {
                plans.reviewPaid(o.plans());
            }
        }
    }
}
