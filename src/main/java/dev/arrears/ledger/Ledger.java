package dev.arrears.ledger;

import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerRecordsView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.importing.CsvImport;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import dev.arrears.ledger.persistence.LedgerStore;
import dev.arrears.ledger.persistence.PreferenceStore;
import dev.arrears.shared.AddressDigest;
import dev.arrears.shared.Channel;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.PersonalDataRead;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The receivables ledger's façade. Writes are idempotent on external references (the same record again
 * changes nothing; the same reference with other content is a conflict naming the field), all-or-nothing per
 * call, keep each account's current-state row up to date, and publish {@link AccountsChanged} when they created
 * something on accounts (listeners after commit see it committed). Contact preferences (opt-outs, consents given
 * again) change in place and publish {@link ContactPreferenceChanged}. Reads of a customer's personal data are
 * announced with {@link PersonalDataRead} by the pages and endpoints that show them. Reads take an optional
 * {@code asOf} date; null means today in each account's own time zone.
 */
@Service
public class Ledger {

    private final LedgerStore store;
    private final CsvImport csv;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PreferenceStore preferences;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final PaymentGroupCommit groupCommit;

    Ledger(LedgerStore store, CsvImport csv, Clock clock, MeterRegistry meters, PreferenceStore preferences,
           TransactionTemplate transactions, ApplicationEventPublisher events,
           @Value("${arrears.ledger.payment-writers:1}") int paymentWriters,
           @Value("${arrears.ledger.payment-batch:500}") int paymentBatch) {
        this.groupCommit = new PaymentGroupCommit(store, paymentWriters, paymentBatch, meters);
        this.store = store;
        this.csv = csv;
        this.clock = clock;
        this.meters = meters;
        this.preferences = preferences;
        this.transactions = transactions;
        this.events = events;
    }

    /** Registers customers; returns one outcome per record, in order. */
    public List<Written<CustomerView>> registerCustomers(List<RegisterCustomer> customers) {
        return store.registerCustomers(customers);
    }

    /** Opens accounts for known customers. */
    public List<Written<AccountSummary>> openAccounts(List<OpenAccount> accounts) {
        return store.openAccounts(accounts);
    }

    /** Issues bills to known accounts in the account currency. */
    public List<Written<BillView>> issueBills(List<IssueBill> bills) {
        return store.issueBills(bills);
    }

    /** Posts payments and allocates them. */
    public List<Written<PaymentView>> postPayments(List<PostPayment> payments) {
        return store.postPayments(payments);
    }

    /**
     * Posts payments like {@link #postPayments}, committed together with the payments other callers submit at the
     * same moment (one transaction and one re-evaluation for many callers: see {@link PaymentGroupCommit}); the
     * caller's own records stay all-or-nothing. Inside a transaction it posts directly, as part of that
     * transaction.
     */
    public List<Written<PaymentView>> submitPayments(List<PostPayment> payments) {
        if (payments.isEmpty()) {
            return List.of();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return store.postPayments(payments);
        }
        try {
            return groupCommit.submit(payments).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the payment writers once what they hold is posted. */
    @PreDestroy
    void close() {
        groupCommit.close();
    }

    /** Records credit notes, debit notes and waivers. */
    public List<Written<AdjustmentView>> recordAdjustments(List<RecordAdjustment> adjustments) {
        return store.recordAdjustments(adjustments);
    }

    /** Reverses a payment (returned debit, chargeback): what it paid is open again. Repeating it changes nothing. */
    public Written<PaymentView> reversePayment(long paymentId, ReversePayment reversal) {
        return store.reversePayment(paymentId, reversal);
    }

    /** Loads a batch of records of every kind in one transaction, fast; the path of CSV imports and the demo. */
    public LoadReport load(LedgerBatch batch) {
        return store.load(batch);
    }

    /**
     * Loads a batch as of a past day: record times are noon UTC of that day and the state rows are computed for
     * it, as if the ledger lived through it (the demo replay writes its year one day at a time). Noon UTC is the
     * same date in every zone from UTC-11 to UTC+11.
     */
    public LoadReport loadOn(LedgerBatch batch, LocalDate day) {
        return store.load(batch, Clock.fixed(day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC),
                java.time.ZoneOffset.UTC));
    }

    /** Imports a CSV file of one kind: all lines or none, unless {@code skipInvalid}. */
    public ImportResult importCsv(ImportKind kind, InputStream csvFile, boolean skipInvalid) {
        Timer.Sample sample = Timer.start(meters);
        ImportResult result = csv.importFile(kind, csvFile, skipInvalid);
        sample.stop(meters.timer("arrears.import", "kind", kind.name().toLowerCase(java.util.Locale.ROOT),
                "written", String.valueOf(result.written())));
        meters.counter("arrears.import.records", "kind", kind.name().toLowerCase(java.util.Locale.ROOT),
                "outcome", "created").increment(result.created());
        return result;
    }

    /** Returns an account in full as of a date (null: today in its zone). */
    public Optional<AccountView> account(long id, LocalDate asOf) {
        return store.account(id, asOf);
    }

    /** Returns an account's summary by its external reference. */
    public Optional<AccountSummary> accountByRef(String externalRef) {
        return store.accountByRef(externalRef);
    }

    /** Lists accounts with their current figures. */
    public Page<AccountSummary> accounts(AccountFilter filter) {
        return store.accounts(filter);
    }

    /**
     * Lists accounts with their current figures, counting them from today's aging ({@link #aging(LocalDate)} with
     * null, read just before) when only the bucket and the product line narrow the list.
     */
    public Page<AccountSummary> accounts(AccountFilter filter, AgingReport today) {
        return store.accounts(filter, today);
    }

    /** Lists accounts with their figures on a date (null: today in each account's zone, from the state rows). */
    public Page<AccountSummary> accounts(AccountFilter filter, LocalDate asOf) {
        return store.accounts(filter, asOf);
    }

    /** Returns a customer. */
    public Optional<CustomerView> customer(long id) {
        return store.customer(id);
    }

    /** Returns the ids of customers with a contact point of the kind at the address (a phone replying STOP …). */
    public List<Long> customersAt(ContactKind kind, String address) {
        return store.customersAt(kind.name(), address);
    }

    /** Returns customers with their contact points, by id (unknown ids are left out). */
    public java.util.Map<Long, CustomerView> customers(java.util.Collection<Long> ids) {
        return store.customers(ids);
    }

    /**
     * Returns each account's number and its bills still owing something today, oldest due first, with their lines
     * (what notices itemise), by id; in a few reads for the whole batch.
     */
    public java.util.Map<Long, Views.OpenBills> openBills(java.util.Collection<Long> accountIds) {
        return store.openBills(accountIds);
    }

    /** Returns the current-state rows of accounts, by id (unknown ids are left out). */
    public java.util.Map<Long, Views.CurrentState> currentStates(java.util.Collection<Long> accountIds) {
        return store.currentStates(accountIds, false);
    }

    /**
     * Returns the current-state rows of accounts and share-locks them until the caller's transaction ends: every
     * ledger write to an account locks its row for update, so a payment committed before is seen here and one not
     * yet committed commits only after the caller's transaction. Call it inside a transaction, in one call per
     * transaction (rows are locked in id order, as writers lock them).
     */
    public java.util.Map<Long, Views.CurrentState> lockStates(java.util.Collection<Long> accountIds) {
        return store.currentStates(accountIds, true);
    }

    /**
     * Returns what each account received since an instant of its own (payments received or posted at or after it,
     * reversed payments left out), in minor units by account id: what a promise to pay counts.
     */
    public java.util.Map<Long, Long> paidSince(java.util.Map<Long, Instant> since) {
        return store.paidSince(since);
    }

    /** Returns a payment. */
    public Optional<PaymentView> payment(long id) {
        return store.payment(id);
    }

    /** Returns the payment with an external reference (a gateway's payment id). */
    public Optional<PaymentView> paymentByRef(String externalRef) {
        return store.paymentByRef(externalRef);
    }

    /** Returns the portfolio aging: today's from the current-state rows, another date's recomputed. */
    public AgingReport aging(LocalDate asOf) {
        return store.aging(asOf);
    }

    /** Counts the customers in the ledger. */
    public long customerCount() {
        return store.customerCount();
    }

    /**
     * Recomputes and stores the current-state rows that are not valid on {@code asOf} (the same date in every
     * zone), so that readers of {@code account_state} see every account as of that date; returns how many rows it
     * rewrote. Used before a collection cycle for that date.
     */
    public int refreshStates(LocalDate asOf) {
        return store.refreshStates(asOf);
    }

    /** Returns the ids of the accounts with the given external references (unknown ones are left out). */
    public java.util.Map<String, Long> accountIds(java.util.Collection<String> externalRefs) {
        return store.accountIds(externalRefs);
    }

    /** Returns everything the ledger holds about a customer, by its external reference: for a data export. */
    public Optional<CustomerRecordsView> customerRecords(String externalRef) {
        return store.customerRecords(externalRef);
    }

    /**
     * Erases the personal data of the customer with this external reference and returns when (404 for an unknown
     * one); a customer already erased is left as it is ({@code erasedNow} false). The name becomes
     * {@code erased-<id>}; contact points keep their kind and opt-outs but their value becomes {@code erased} and
     * their consents are cleared, and those with opt-outs keep the digest of their address
     * ({@link dev.arrears.shared.AddressDigest}). Ids, accounts, bills, payments and adjustments stay, as
     * accounting law requires; no account can be opened for the customer afterwards and its reference cannot be
     * registered again. Joins the caller's transaction.
     */
    public ErasureView erasePersonalData(String customerRef) {
        return store.erase(customerRef);
    }

    /** Returns the channels that erased customers had opted out of at this address (matched by its digest). */
    public Set<Channel> erasedOptOuts(String address) {
        return store.erasedOptOuts(address);
    }

    /**
     * Announces that someone read a customer's personal data ({@code where}: the page or endpoint), for the audit
     * trail. Published without a transaction: a read writes nothing.
     */
    public void announceRead(long customerId, String actor, String where) {
        events.publishEvent(new PersonalDataRead(customerId, actor == null || actor.isBlank() ? "anonymous" : actor,
                where, clock.instant()));
    }

    /**
     * Records that a customer opted out of a channel on one address (matched without regard to case) or, with a
     * null address, on every contact point that can carry the channel; returns the customer, {@code created} false
     * when nothing changed (already opted out). 404 for an unknown customer or no such contact point.
     */
    public Written<CustomerView> optOut(long customerId, Channel channel, String address,
                                        ContactPreferenceChanged.Source source) {
        return changePreference(customerId, channel, address, source, true);
    }

    /**
     * Records that a customer consented to a channel (again) on one address or all that can carry it: the channel
     * leaves their opt-outs and joins their consents. Returns the customer, {@code created} false when nothing
     * changed.
     */
    public Written<CustomerView> optIn(long customerId, Channel channel, String address,
                                       ContactPreferenceChanged.Source source) {
        return changePreference(customerId, channel, address, source, false);
    }

    private Written<CustomerView> changePreference(long customerId, Channel channel, String address,
                                                   ContactPreferenceChanged.Source source, boolean optOut) {
        java.util.Objects.requireNonNull(channel, "channel");
        java.util.Objects.requireNonNull(source, "source");
        String value = address == null || address.isBlank() ? null : address.strip();
        String actor = actor();
        Boolean changed = transactions.execute(status -> {
            if (store.customer(customerId).isEmpty()) {
                throw new NotFoundException("No customer with id " + customerId);
            }
            if (preferences.points(customerId, channel, value) == 0) {
                throw new NotFoundException("Customer " + customerId + " has no contact point for " + channel
                        + (value == null ? "" : " at that address"));
            }
            int rows = optOut ? preferences.optOut(customerId, channel, value)
                    : preferences.optIn(customerId, channel, value);
            if (rows == 0) {
                return false;
            }
            Instant now = clock.instant();
            events.publishEvent(new ContactPreferenceChanged(customerId, channel, sha256(value), optOut, source,
                    actor, now));
            return true;
        });
        return new Written<>(Boolean.TRUE.equals(changed), store.customer(customerId).orElseThrow());
    }

    /** Returns the digest of an address (see {@link AddressDigest}); null for none. */
    static String sha256(String address) {
        return address == null ? null : AddressDigest.of(address);
    }

    /** Returns the signed-in user's name, or {@code system}. */
    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && auth.getName() != null ? auth.getName() : "system";
    }

    /** Returns the clock the ledger uses for "today". */
    public Clock clock() {
        return clock;
    }
}
