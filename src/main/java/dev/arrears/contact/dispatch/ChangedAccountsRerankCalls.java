package dev.arrears.contact.dispatch;

import dev.arrears.contact.Dispatch;
import dev.arrears.ledger.AccountsChanged;
import dev.arrears.ledger.AccountsChanged.Kind;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.EnumSet;
import java.util.Set;

/**
 * Re-ranks at once the open call tasks of accounts whose overdue amount a committed payment, reversal or adjustment
 * changed, so that an account that paid part drops in the queue and one whose payment bounced rises. New bills,
 * new grades and the days that pass are the loop's periodic re-rank's (docs/workbench.md). A bulk load too large to
 * list its accounts is left to that too.
 */
@Component
class ChangedAccountsRerankCalls {

    /** What moves the amount overdue of an account that already has a call task. */
    private static final Set<Kind> MOVES_OVERDUE = EnumSet.of(Kind.PAYMENT_POSTED, Kind.PAYMENT_REVERSED,
            Kind.ADJUSTMENT_RECORDED);

    private final Dispatch dispatch;

    ChangedAccountsRerankCalls(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @TransactionalEventListener
    void on(AccountsChanged event) {
        if (!event.truncated() && event.kinds().stream().anyMatch(MOVES_OVERDUE::contains)) {
            dispatch.rerankCalls(event.accountIds());
        }
    }
}
