package dev.arrears.compliance;

import dev.arrears.compliance.domain.Debtor.Flag;

import java.time.Instant;

/**
 * A debtor flag was set or cleared (dispute opened or verified, cease received, attorney, breathing space start
 * or end …), for all debts ({@code debtId} null) or one; by whom and when. Published inside the writing transaction.
 */
public record FlagChanged(long customerId, Flag flag, String debtId, boolean set, String actor, Instant at) {
}
