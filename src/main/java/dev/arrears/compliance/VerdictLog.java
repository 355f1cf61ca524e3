package dev.arrears.compliance;

import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.compliance.persistence.VerdictStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The log of verdicts on real contacts: every check is stored as evaluated (a dispatch job deferred and then
 * allowed has two rows under its contact key) and announced with {@link VerdictRecorded} inside the storing
 * transaction, which joins the caller's when there is one (dispatch stores the verdict with its claim). Batches go
 * through one COPY for dispatch throughput. Reads by customer or account, newest first.
 */
@Service
public class VerdictLog {

    /** Largest page of a read. */
    public static final int MAX_PAGE_SIZE = 500;

    private final VerdictStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VerdictLog(VerdictStore store, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Stores one verdict and publishes {@link VerdictRecorded}; returns its id. */
    public long record(VerdictEntry entry) {
        Long id = transactions.execute(status -> {
            long stored = store.insert(entry, clock.instant());
            events.publishEvent(recorded(stored, entry));
            return stored;
        });
        return id;
    }

    /** Stores many verdicts in one COPY and publishes one {@link VerdictRecorded} each; returns their ids in order. */
    public long[] recordAll(List<VerdictEntry> entries) {
        if (entries.isEmpty()) {
            return new long[0];
        }
        return transactions.execute(status -> {
            Instant now = clock.instant();
            long[] ids = store.insertAll(entries, now);
            for (int i = 0; i < ids.length; i++) {
                events.publishEvent(recorded(ids[i], entries.get(i)));
            }
            return ids;
        });
    }

    /** Returns a page of a customer's verdicts, newest first. */
    public VerdictPage byCustomer(long customerId, int page, int size) {
        return store.byCustomer(customerId, Math.max(0, page), Math.clamp(size, 1, MAX_PAGE_SIZE));
    }

    /** Returns a page of an account's verdicts, newest first. */
    public VerdictPage byAccount(long accountId, int page, int size) {
        return store.byAccount(accountId, Math.max(0, page), Math.clamp(size, 1, MAX_PAGE_SIZE));
    }

    /** Returns the latest verdicts of a customer, newest first. */
    public List<VerdictView> latest(long customerId, int limit) {
        return store.latestForCustomer(customerId, Math.clamp(limit, 1, MAX_PAGE_SIZE));
    }

    private static VerdictRecorded recorded(long id, VerdictEntry e) {
        return new VerdictRecorded(id, e.accountId(), e.customerId(), e.contactKey(), e.profile(), e.channel(),
                e.verdict().decision(), e.verdict().reasons().stream().map(Reason::rule).toList(), e.requestSha256(),
                e.evaluatedAt());
    }
}
