package dev.arrears.ledger.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Where an account stands at the end of a local date: what it owes, what is overdue and since when,
 * how each payment was allocated, and its delinquency episodes. Amounts are minor units.
 *
 * <p>Invariants: {@code overdueMinor <= max(balanceMinor, 0)}, {@code daysPastDue >= 0}, and an account never
 * holds unapplied credit while it has an open item.
 *
 * @param balanceMinor         open items minus unapplied credit; negative is a credit balance
 * @param oldestOverdueDueDate due date of the oldest overdue item, or null when nothing is overdue
 * @param oldestOpenDueDate    due date of the oldest open item, overdue or not yet due, or null when nothing is
 *                             open; equals {@code oldestOverdueDueDate} while something is overdue
 * @param validUntil           first date after {@code asOf} on which the figures change without a new write, or null
 */
public record AccountPosition(LocalDate asOf, long balanceMinor, long overdueMinor, long creditMinor,
                              LocalDate oldestOverdueDueDate, LocalDate oldestOpenDueDate, int daysPastDue,
                              AgingBucket bucket,
                              List<ItemPosition> items, List<Allocation> allocations,
                              List<DelinquencyEpisode> episodes, LocalDate validUntil) {

    /** A bill or a stand-alone debit note with what remains to be paid of it. */
    public record ItemPosition(ItemKind kind, long id, String ref, LocalDate dueDate, long chargedMinor,
                               long outstandingMinor) {
    }

    /** Whether an open item came from a bill or from a debit note that names no bill. */
    public enum ItemKind { BILL, DEBIT_NOTE }

    /** Part of a payment or credit applied to an item. */
    public record Allocation(SourceKind source, long sourceId, String sourceRef, ItemKind itemKind, long itemId,
                             String itemRef, long amountMinor) {
    }

    /** What provided the money of an allocation. */
    public enum SourceKind { PAYMENT, ADJUSTMENT }

    /** A span of days with something overdue; {@code endedOn} is null while it lasts. */
    public record DelinquencyEpisode(LocalDate startedOn, LocalDate endedOn, int maxDaysPastDue) {
    }

    /** Returns true when the account owes something past its due date. */
    public boolean delinquent() {
        return overdueMinor > 0;
    }

    /** Returns the open item of the given bill, if any. */
    public long outstandingOfBill(long billId) {
        return items.stream().filter(i -> i.kind() == ItemKind.BILL && i.id() == billId)
                .mapToLong(ItemPosition::outstandingMinor).sum();
    }
}
