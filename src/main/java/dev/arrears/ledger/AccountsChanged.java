package dev.arrears.ledger;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Published inside a ledger write's transaction when the write created something on accounts, so that
 * {@code @TransactionalEventListener} and {@code @ApplicationModuleListener} consumers react once it commits (and
 * never when it rolls back). A repeated write that changed nothing publishes nothing; neither does a refresh of the
 * state rows, which only moves them to another date.
 *
 * <p>{@code accountIds} are the accounts opened or given new bills, payments, reversals or adjustments, each once,
 * at most {@link #MAX_IDS}; {@code kinds} says what the write did, across all of them (not per account). When a
 * bulk load touches more accounts, the list is cut and {@code truncated} is set: the daily cycle catches those up.
 */
public record AccountsChanged(List<Long> accountIds, Set<Kind> kinds, boolean truncated) {

    /** The most account ids one event carries. */
    public static final int MAX_IDS = 10_000;

    public AccountsChanged {
        accountIds = List.copyOf(accountIds);
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** What happened to the accounts. */
    public enum Kind { BILL_ISSUED, PAYMENT_POSTED, PAYMENT_REVERSED, ADJUSTMENT_RECORDED, ACCOUNT_OPENED }
}
