package dev.arrears.contact.dispatch;

import dev.arrears.contact.Dispatch;
import dev.arrears.ledger.AccountsChanged;
import dev.arrears.ledger.AccountsChanged.Kind;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Cancels at once the jobs and call tasks of accounts that a committed payment or credit cured. The worker's own
 * re-check under the account's lock is what makes this race-free; this only makes it visible without waiting for
 * the job's turn. A bulk load too large to list its accounts is left to those re-checks.
 */
@Component
class PaymentStopsDunning {

    private final Dispatch dispatch;

    PaymentStopsDunning(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && (event.kinds().contains(Kind.PAYMENT_POSTED)
                || event.kinds().contains(Kind.ADJUSTMENT_RECORDED))) {
            dispatch.stopPaid(event.accountIds());
        }
    }
}
