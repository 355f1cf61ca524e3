package dev.arrears.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

/**
 * Everything that happened on one account, as plain facts: the input of {@link Positions}.
 * Amounts are minor units of the account currency; ids are whatever identifies the item in storage.
 */
public record AccountHistory(Currency currency, ZoneId zone, List<BillFact> bills, List<PaymentFact> payments,
                             List<AdjustmentFact> adjustments) {

    public AccountHistory {
        bills = List.copyOf(bills);
        payments = List.copyOf(payments);
        adjustments = List.copyOf(adjustments);
    }

    /** A bill: owed in full from its issue date, overdue from the day after its due date. */
    public record BillFact(long id, String ref, LocalDate issueDate, LocalDate dueDate, long totalMinor) {
    }

    /**
     * A payment received at an instant; {@code reference} may name a bill's external reference
     * (remittance); {@code reversedAt} is set when it was returned or charged back.
     */
    public record PaymentFact(long id, String ref, Instant receivedAt, long amountMinor, String reference,
                              Instant reversedAt) {
    }

    /** A credit note, debit note or waiver, against one bill or the account as a whole. */
    public record AdjustmentFact(long id, String ref, AdjustmentType type, String billRef, long amountMinor,
                                 LocalDate effectiveDate, LocalDate dueDate) {
    }

    /** What an adjustment does to the amount owed. */
    public enum AdjustmentType {
        /** Reduces what is owed, like a non-cash payment. */
        CREDIT_NOTE,
        /** Adds a charge, to a bill or as an item of its own. */
        DEBIT_NOTE,
        /** Forgives part of what is owed (fees, interest); reduces like a credit note. */
        WAIVER;

        public boolean reduces() {
            return this != DEBIT_NOTE;
        }
    }
}
