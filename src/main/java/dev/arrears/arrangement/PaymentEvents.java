package dev.arrears.arrangement;

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

    PaymentEvents(Promises promises, Settlements settlements, Plans plans) {
        this.promises = promises;
        this.settlements = settlements;
        this.plans = plans;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && !Cycles.quiet() && (event.kinds().contains(AccountsChanged.Kind.PAYMENT_POSTED)
                || event.kinds().contains(AccountsChanged.Kind.ADJUSTMENT_RECORDED))) {
            settlements.reviewPaid(event.accountIds());
            promises.reviewPaid(event.accountIds());
            plans.reviewPaid(event.accountIds());
        }
    }
}
