package dev.arrears.ledger;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountPosition.Allocation;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.AgingBucket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Read models of the ledger. Amounts are minor units of the {@code currency} beside them. */
public final class Views {

    private Views() {
    }

    public record CustomerView(long id, String externalRef, String name, CustomerType type, String locale,
                               String timeZone, List<ContactPoint> contactPoints) {
    }

    /**
     * One account with its current figures, as listed and searched; {@code oldestOpenDueDate} is the due date of
     * the oldest item still open, overdue or not yet due (null when nothing is open).
     */
    public record AccountSummary(long id, String externalRef, long customerId, String customerRef,
                                 String customerName, ProductLine productLine, String currency, AccountStatus status,
                                 LocalDate asOf, long balanceMinor, long overdueMinor, int daysPastDue,
                                 AgingBucket bucket, LocalDate oldestOpenDueDate) {
    }

    /**
     * An account's current-state row as stored: figures as of {@code asOf} (a local date of {@code timeZone}) that
     * hold until {@code validUntil} (exclusive; null: until the next write). Time alone only makes more overdue:
     * on a later date the oldest open item is overdue once that date is past its due date.
     *
     * @param oldestOpenDue due date of the oldest item still open, overdue or not (null when nothing is open)
     * @param episodes      delinquency episodes of the account so far
     */
    public record CurrentState(long accountId, long customerId, ProductLine productLine, AccountStatus status,
                               String currency, java.time.ZoneId timeZone, LocalDate asOf, long balanceMinor,
                               long overdueMinor, LocalDate oldestOverdueDue, LocalDate oldestOpenDue,
                               LocalDate validUntil, int episodes) {

        /** Returns true when something is overdue on the date (a local date of the account's zone). */
        public boolean overdueOn(LocalDate date) {
            return overdueMinor > 0 || (oldestOpenDue != null && oldestOpenDue.isBefore(date));
        }

        /** Returns the days past due on the date: since the oldest overdue item's due date, 0 when none. */
        public int daysPastDueOn(LocalDate date) {
            LocalDate oldest = overdueMinor > 0 ? oldestOverdueDue
                    : oldestOpenDue != null && oldestOpenDue.isBefore(date) ? oldestOpenDue : null;
            return oldest == null ? 0 : (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(oldest, date));
        }
    }

    /** An account in full as of a date: bills with lines and what is left of each, payments, allocation. */
    public record AccountView(AccountSummary summary, CustomerView customer, LocalDate openedOn,
                              Long creditLimitMinor, long creditMinor, List<BillView> bills,
                              List<PaymentView> payments, List<AdjustmentView> adjustments,
                              List<Allocation> allocations, List<DelinquencyEpisode> episodes) {
    }

    /**
     * What an account's notices itemise: its number (external reference) and its bills still owing something
     * today in the account's zone, oldest due date first, with their lines.
     */
    public record OpenBills(long accountId, String accountRef, List<BillView> bills) {
    }

    public record BillView(long id, String externalRef, long accountId, String accountRef, LocalDate issueDate,
                           LocalDate dueDate, String currency, long totalMinor, long outstandingMinor,
                           List<BillLine> lines) {
    }

    public record PaymentView(long id, String externalRef, long accountId, String accountRef, long amountMinor,
                              String currency, Instant receivedAt, PaymentMethod method, String reference,
                              Instant reversedAt, ReversalReason reversalReason) {
    }

    public record AdjustmentView(long id, String externalRef, long accountId, String accountRef, String billRef,
                                 AdjustmentType type, long amountMinor, String currency, String reason,
                                 LocalDate effectiveDate, LocalDate dueDate) {
    }

    /**
     * Everything the ledger holds about one customer, for the customer's copy of their data: every account with
     * its bills (and what is outstanding of each today), payments and adjustments of every date. {@code erasedAt}
     * is when the customer's personal data was erased, or null; after it, names and addresses are placeholders.
     */
    public record CustomerRecordsView(CustomerView customer, Instant erasedAt, List<AccountRecordsView> accounts) {
    }

    /** One account of a customer with all of its records. */
    public record AccountRecordsView(long id, String externalRef, ProductLine productLine, String currency,
                                     AccountStatus status, LocalDate openedOn, Long creditLimitMinor,
                                     List<BillView> bills, List<PaymentView> payments,
                                     List<AdjustmentView> adjustments) {
    }

    /** When a customer's personal data was erased, and whether this call erased it ({@code false}: already done). */
    public record ErasureView(long customerId, String externalRef, Instant erasedAt, boolean erasedNow) {
    }

    /** Accounts, outstanding balance and overdue amount per aging bucket, product line and currency. */
    public record AgingReport(LocalDate asOf, List<AgingRow> rows) {
    }

    public record AgingRow(AgingBucket bucket, ProductLine productLine, String currency, long accounts,
                           long balanceMinor, long overdueMinor) {
    }

    /** Filters of the account list; null means no filter. {@code minOverdue} is in major units. */
    public record AccountFilter(AgingBucket bucket, ProductLine productLine, java.math.BigDecimal minOverdue,
                                String query, int page, int size) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** Whether a write created the record or found it already there, identical. */
    public record Written<T>(boolean created, T view) {
    }
}
