package dev.arrears.ledger.persistence;

import dev.arrears.ledger.AccountsChanged;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountRecordsView;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.Views.OpenBills;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerRecordsView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountPosition;
import dev.arrears.ledger.domain.AccountPosition.ItemKind;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.ledger.domain.Positions;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.shared.AddressDigest;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The ledger's SQL. Writes go through {@link BulkSession} in one transaction and end with a recompute of the
 * touched accounts' current-state rows and, inside the transaction, an {@link AccountsChanged} event. Reads of
 * "today" use those rows (refreshing the few that went stale since they were written); reads of another date
 * recompute from the history.
 */
@Repository
public class LedgerStore {

    private static final int CHUNK = 10_000;
    /** Threads that recompute stale state rows: one replays while the database works for the other. */
    private static final int REFRESH_WORKERS = 2;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LedgerStore.class);
    /** The advisory lock of the aging compaction: one node folds at a time. */
    private static final long AGING_COMPACTION_LOCK = 0x4167696e67L; // "Aging"
    /** The list's order: most overdue first, then the longest overdue, then by id. */
    private static final String LIST_ORDER =
            " order by s.overdue_minor desc, s.oldest_overdue_due nulls last, s.account_id";
    private static final String[] ZONE_IDS = ZoneId.getAvailableZoneIds().stream().sorted().toArray(String[]::new);

    private final JdbcClient jdbc;
    private long listWalkBudget = 20_000;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    LedgerStore(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, Clock clock,
                MeterRegistry meters, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
    }

    /**
     * How many index entries a page of the account list may walk in the list's order
     * ({@code arrears.ledger.list-walk-budget}, 20,000): a page whose filter matches so few accounts that finding
     * them would pass more entries (page end × index entries ÷ matches) is read with one scan and a top-N sort
     * instead. Walking 20,000 entries, each with a look at its row for the zone and product, costs about what one scan
     * of a million state rows does.
     */
    @org.springframework.beans.factory.annotation.Value("${arrears.ledger.list-walk-budget:20000}")
    void setListWalkBudget(long budget) {
        this.listWalkBudget = budget;
    }

    // ------------------------------------------------------------------ writes

    /** Runs work in one transaction with a bulk writer; a throw rolls everything back. */
    public <T> T bulk(Function<BulkWriter, T> work) {
        return bulkSession(session -> work.apply(session), false).value();
    }

    private record SessionResult<T>(T value, BulkSession session, Map<Long, AccountPosition> positions) {
    }

    private <T> SessionResult<T> bulkSession(Function<BulkSession, T> work, boolean keepPositions) {
        return bulkSession(work, keepPositions, clock);
    }

    private <T> SessionResult<T> bulkSession(Function<BulkSession, T> work, boolean keepPositions, Clock clock) {
        return transactions.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            BulkSession session = new BulkSession(jdbc, connection, clock);
            long started = System.nanoTime();
            T value = work.apply(session);
            long worked = System.nanoTime();
            Map<Long, Histories.Loaded> fresh = new LinkedHashMap<>();
            session.fresh.forEach((id, history) -> fresh.put(id, history.loaded()));
            Map<Long, AccountPosition> positions = new LinkedHashMap<>();
            List<Long> lost = StateKeeper.writeFresh(jdbc, connection, clock, fresh, positions, keepPositions);
            java.util.Set<Long> recompute = new java.util.LinkedHashSet<>(session.stale);
            recompute.addAll(lost);
            positions.putAll(StateKeeper.recompute(jdbc, clock, recompute, keepPositions));
            if (session.touchedAccounts.size() > 1000) {
                log.debug("bulk write {} ms; state of {} accounts from memory and {} from the database in {} ms",
                        (worked - started) / 1_000_000, fresh.size() - lost.size(), recompute.size(),
                        (System.nanoTime() - worked) / 1_000_000);
            }
            meters.counter("arrears.ledger.records.created").increment(session.customersCreated
                    + session.accountsCreated + session.billsCreated + session.paymentsCreated
                    + session.adjustmentsCreated);
            publishChanges(session);
            return new SessionResult<>(value, session, positions);
        });
    }

    /** Publishes what a bulk session created on accounts, if anything; listeners after commit see it committed. */
    private void publishChanges(BulkSession session) {
        Set<AccountsChanged.Kind> kinds = EnumSet.noneOf(AccountsChanged.Kind.class);
        if (session.accountsCreated > 0) {
            kinds.add(AccountsChanged.Kind.ACCOUNT_OPENED);
        }
        if (session.billsCreated > 0) {
            kinds.add(AccountsChanged.Kind.BILL_ISSUED);
        }
        if (session.paymentsCreated > 0) {
            kinds.add(AccountsChanged.Kind.PAYMENT_POSTED);
        }
        if (session.adjustmentsCreated > 0) {
            kinds.add(AccountsChanged.Kind.ADJUSTMENT_RECORDED);
        }
        if (kinds.isEmpty()) {
            return;
        }
        // Opened first, then written to, each once; stop one past the limit to know whether there were more.
        Set<Long> ids = new LinkedHashSet<>();
        for (Set<Long> accounts : List.of(session.openedAccounts, session.touchedAccounts)) {
            for (Long id : accounts) {
                if (ids.size() > AccountsChanged.MAX_IDS) {
                    break;
                }
                ids.add(id);
            }
        }
        boolean truncated = ids.size() > AccountsChanged.MAX_IDS;
        List<Long> list = new ArrayList<>(ids);
        events.publishEvent(new AccountsChanged(truncated ? list.subList(0, AccountsChanged.MAX_IDS) : list, kinds,
                truncated));
    }

    public List<Written<CustomerView>> registerCustomers(List<RegisterCustomer> customers) {
        List<RecordOutcome> outcomes = bulkSession(s -> checked(s.customers(customers), "customer",
                i -> customers.get(i).externalRef()), false).value();
        Map<Long, CustomerView> views = customerViews(ids(outcomes));
        return written(outcomes, views::get);
    }

    public List<Written<AccountSummary>> openAccounts(List<OpenAccount> accounts) {
        List<RecordOutcome> outcomes = bulkSession(s -> checked(s.accounts(accounts), "account",
                i -> accounts.get(i).externalRef()), false).value();
        Map<Long, AccountSummary> views = summaries("a.id = any(?)", List.of((Object) ids(outcomes)));
        return written(outcomes, views::get);
    }

    public List<Written<BillView>> issueBills(List<IssueBill> bills) {
        SessionResult<List<RecordOutcome>> result = bulkSession(s -> checked(s.bills(bills), "bill",
                i -> bills.get(i).externalRef()), true);
        Map<Long, BillView> views = billViews("b.id = any(?)", List.of((Object) ids(result.value())),
                result.positions());
        return written(result.value(), views::get);
    }

    /** Payments in one write up to which its statements use generic plans (see {@link #postPayments}). */
    static final int GENERIC_PLANS_UP_TO = 1000;

    public List<Written<PaymentView>> postPayments(List<PostPayment> payments) {
        return bulkSession(s -> {
            if (payments.size() <= GENERIC_PLANS_UP_TO) {
                // a few payments: every statement of the write is a look-up by key or account id, and PostgreSQL
                // planning each afresh cost a quarter of its time in the payments benchmark; a prepared statement's
                // generic plan (index look-ups) serves any list this short
                jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            }
            List<RecordOutcome> checked = checked(s.payments(payments), "payment",
                    i -> payments.get(i).externalRef());
            // read back in the same transaction: the same plans, no second connection hand-over
            Map<Long, PaymentView> views = paymentViews("p.id = any(?)", ids(checked));
            return written(checked, views::get);
        }, false).value();
    }

    public List<Written<AdjustmentView>> recordAdjustments(List<RecordAdjustment> adjustments) {
        List<RecordOutcome> outcomes = bulkSession(s -> checked(s.adjustments(adjustments), "adjustment",
                i -> adjustments.get(i).externalRef()), false).value();
        Map<Long, AdjustmentView> views = adjustmentViews("d.id = any(?)", ids(outcomes));
        return written(outcomes, views::get);
    }

    public Written<PaymentView> reversePayment(long paymentId, ReversePayment reversal) {
        PaymentView before = payment(paymentId)
                .orElseThrow(() -> new NotFoundException("no payment with id " + paymentId));
        if (before.reversedAt() != null) {
            return new Written<>(false, before);
        }
        boolean reversed = Boolean.TRUE.equals(transactions.execute(status -> {
            int updated = jdbc.sql("""
                            update payment set reversed_at = ?, reversal_reason = ?
                            where id = ? and reversed_at is null""")
                    .params(Timestamp.from(reversal.reversedAt()), reversal.reason().name(), paymentId)
                    .update();
            if (updated == 0) {
                return false; // reversed meanwhile by another request
            }
            StateKeeper.recompute(jdbc, clock, List.of(before.accountId()), false);
            events.publishEvent(new AccountsChanged(List.of(before.accountId()),
                    Set.of(AccountsChanged.Kind.PAYMENT_REVERSED), false));
            return true;
        }));
        return new Written<>(reversed, payment(paymentId).orElseThrow());
    }

    /** Loads a batch of every kind in one transaction; any bad record rolls it all back with every problem named. */
    public LoadReport load(LedgerBatch batch) {
        return load(batch, clock);
    }

    /** Loads a batch as if the clock read {@code clock}: record times and the state rows follow it. */
    public LoadReport load(LedgerBatch batch, Clock clock) {
        SessionResult<Integer> result = bulkSession(s -> {
            List<FieldError> errors = new ArrayList<>();
            inChunks(batch.customers(), s::customers, "customers", errors);
            inChunks(batch.accounts(), s::accounts, "accounts", errors);
            inChunks(batch.bills(), s::bills, "bills", errors);
            inChunks(batch.payments(), s::payments, "payments", errors);
            inChunks(batch.adjustments(), s::adjustments, "adjustments", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors.subList(0, Math.min(errors.size(), 100)));
            }
            return s.touchedAccounts.size();
        }, false, clock);
        BulkSession s = result.session();
        return new LoadReport(s.customersCreated, s.accountsCreated, s.billsCreated, s.paymentsCreated,
                s.adjustmentsCreated, s.unchanged, result.value());
    }

    private static <T> void inChunks(List<T> records, Function<List<T>, List<RecordOutcome>> write, String kind,
                                     List<FieldError> errors) {
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<RecordOutcome> outcomes = write.apply(records.subList(from, Math.min(records.size(), from + CHUNK)));
            for (int i = 0; i < outcomes.size(); i++) {
                for (Issue issue : outcomes.get(i).issues()) {
                    errors.add(FieldError.at("/" + kind + "/" + (from + i) + "/" + issue.path(), issue.detail()));
                }
            }
        }
    }

    /** Throws for invalid records (400) before conflicting ones (409), with a pointer per problem. */
    private static List<RecordOutcome> checked(List<RecordOutcome> outcomes, String kind,
                                               Function<Integer, String> ref) {
        List<FieldError> invalid = new ArrayList<>();
        List<FieldError> conflicts = new ArrayList<>();
        String firstConflict = null;
        for (int i = 0; i < outcomes.size(); i++) {
            RecordOutcome outcome = outcomes.get(i);
            for (Issue issue : outcome.issues()) {
                FieldError error = FieldError.at("/" + i + "/" + issue.path(), issue.detail());
                if (outcome.status() == RecordOutcome.Status.CONFLICT) {
                    conflicts.add(error);
                    if (firstConflict == null) {
                        firstConflict = kind + " '" + ref.apply(i) + "' " + ("externalRef".equals(issue.path())
                                ? issue.detail() : "already exists with different " + issue.path());
                    }
                } else {
                    invalid.add(error);
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInputException(invalid);
        }
        if (!conflicts.isEmpty()) {
            throw new ConflictException(firstConflict, conflicts);
        }
        return outcomes;
    }

    private static Long[] ids(List<RecordOutcome> outcomes) {
        return outcomes.stream().map(RecordOutcome::id).distinct().toArray(Long[]::new);
    }

    private static <V> List<Written<V>> written(List<RecordOutcome> outcomes, Function<Long, V> view) {
        List<Written<V>> result = new ArrayList<>(outcomes.size());
        for (RecordOutcome outcome : outcomes) {
            result.add(new Written<>(outcome.status() == RecordOutcome.Status.CREATED, view.apply(outcome.id())));
        }
        return result;
    }

    // ------------------------------------------------------------------ reads

    public long customerCount() {
        return jdbc.sql("select count(*) from customer").query(Long.class).single();
    }

    public Optional<CustomerView> customer(long id) {
        return Optional.ofNullable(customerViews(new Long[] {id}).get(id));
    }

    /** Returns the ids of customers with a contact point of the kind at the address (case-insensitive). */
    public List<Long> customersAt(String kind, String address) {
        return jdbc.sql("""
                        select distinct cp.customer_id from contact_point cp
                        where lower(cp.value) = lower(?) and cp.kind = ? order by cp.customer_id""")
                .params(address.strip(), kind).query(Long.class).list();
    }

    /** Returns each account's number and its bills still owing today, in two reads and one replay per batch. */
    public Map<Long, OpenBills> openBills(java.util.Collection<Long> accountIds) {
        Long[] ids = accountIds.stream().distinct().toArray(Long[]::new);
        Map<Long, OpenBills> out = new LinkedHashMap<>();
        if (ids.length == 0) {
            return out;
        }
        Map<Long, List<BillView>> bills = new HashMap<>();
        for (BillView b : billViews("b.account_id = any(?)", List.of((Object) ids), Map.of()).values()) {
            if (b.outstandingMinor() > 0) {
                bills.computeIfAbsent(b.accountId(), k -> new ArrayList<>()).add(b);
            }
        }
        jdbc.sql("select id, external_ref from account where id = any(?) order by id").param(ids)
                .query(rs -> {
                    long id = rs.getLong("id");
                    out.put(id, new OpenBills(id, rs.getString("external_ref"),
                            List.copyOf(bills.getOrDefault(id, List.of()))));
                });
        return out;
    }

    /** Returns customers with their contact points, by id (unknown ids are left out). */
    public Map<Long, CustomerView> customers(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : customerViews(ids.toArray(Long[]::new));
    }

    /**
     * Returns the current-state rows of accounts, by id; with {@code lock}, share-locked in id order until the
     * caller's transaction ends, so that a write to one of them (which locks its row for update) commits only
     * after that transaction, and a write committed before is seen.
     */
    public Map<Long, CurrentState> currentStates(java.util.Collection<Long> accountIds, boolean lock) {
        Map<Long, CurrentState> states = new LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                        select s.account_id, a.customer_id, a.product_line, a.status, s.currency, s.time_zone, s.as_of,
                               s.balance_minor, s.overdue_minor, s.oldest_overdue_due,
                               coalesce(s.oldest_open_due, s.oldest_overdue_due) as oldest_open_due, s.valid_until,
                               s.episodes
                        from account_state s join account a on a.id = s.account_id
                        where s.account_id = any(?) order by s.account_id""" + (lock ? " for share of s" : ""))
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong(1);
                    states.put(id, new CurrentState(id, rs.getLong(2), ProductLine.valueOf(rs.getString(3)),
                            AccountStatus.valueOf(rs.getString(4)), rs.getString(5), ZoneId.of(rs.getString(6)),
                            Rows.date(rs, "as_of"), rs.getLong(8), rs.getLong(9), Rows.date(rs, "oldest_overdue_due"),
                            Rows.date(rs, "oldest_open_due"), Rows.date(rs, "valid_until"), rs.getInt(13)));
                });
        return states;
    }

    /**
     * Returns what each account received since its instant (payments received or posted at or after it, reversed
     * ones left out), in minor units by account id; every asked account is in the answer.
     */
    public Map<Long, Long> paidSince(Map<Long, java.time.Instant> since) {
        Map<Long, Long> out = new LinkedHashMap<>();
        if (since.isEmpty()) {
            return out;
        }
        Long[] ids = since.keySet().toArray(Long[]::new);
        String[] instants = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            instants[i] = since.get(ids[i]).toString();
        }
        jdbc.sql("""
                        select u.account_id, coalesce(sum(p.amount_minor), 0)
                        from unnest(?::bigint[], ?::timestamptz[]) as u(account_id, since)
                        left join payment p on p.account_id = u.account_id and p.reversed_at is null
                             and (p.received_at >= u.since or p.created_at >= u.since)
                        group by u.account_id""")
                .params(ids, instants)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    public Optional<PaymentView> payment(long id) {
        return Optional.ofNullable(paymentViews("p.id = any(?)", new Long[] {id}).get(id));
    }

    /** Returns the payment with an external reference. */
    public Optional<PaymentView> paymentByRef(String externalRef) {
        return jdbc.sql("select id from payment where external_ref = ?").param(externalRef).query(Long.class)
                .optional().flatMap(this::payment);
    }

    public java.util.Map<String, Long> accountIds(java.util.Collection<String> externalRefs) {
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.sql("select external_ref, id from account where external_ref = any (?)")
                .param(externalRefs.toArray(String[]::new))
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    /** Returns an account's summary by its external reference. */
    public Optional<AccountSummary> accountByRef(String externalRef) {
        refreshStale();
        return summaries("a.external_ref = ?", List.of(externalRef)).values().stream().findFirst();
    }

    public Optional<AccountView> account(long id, LocalDate asOf) {
        Histories.Loaded loaded = Histories.load(jdbc, new Long[] {id}).get(id);
        if (loaded == null) {
            return Optional.empty();
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now(clock.withZone(loaded.history().zone()));
        AccountPosition position = Positions.asOf(loaded.history(), date);
        AccountSummary base = summaries("a.id = ?", List.of(id)).get(id);
        AccountSummary summary = new AccountSummary(base.id(), base.externalRef(), base.customerId(),
                base.customerRef(), base.customerName(), base.productLine(), base.currency(), base.status(), date,
                position.balanceMinor(), position.overdueMinor(), position.daysPastDue(), position.bucket(),
                position.oldestOpenDueDate());
        record Extra(LocalDate openedOn, Long creditLimit) {
        }
        Extra extra = jdbc.sql("select opened_on, credit_limit_minor from account where id = ?").param(id)
                .query((rs, n) -> new Extra(Rows.date(rs, "opened_on"), Rows.nullableLong(rs, "credit_limit_minor")))
                .single();
        List<BillView> bills = new ArrayList<>(billViews("b.account_id = ? and b.issue_date <= ?",
                List.of(id, java.sql.Date.valueOf(date)), Map.of(id, position)).values());
        List<PaymentView> payments = paymentViews("p.account_id = any(?)", new Long[] {id}).values().stream()
                .filter(p -> !p.receivedAt().atZone(loaded.history().zone()).toLocalDate().isAfter(date)).toList();
        List<AdjustmentView> adjustments = adjustmentViews("d.account_id = any(?)", new Long[] {id}).values()
                .stream().filter(d -> !d.effectiveDate().isAfter(date)).toList();
        return Optional.of(new AccountView(summary, customerViews(new Long[] {base.customerId()})
                .get(base.customerId()), extra.openedOn(), extra.creditLimit(), position.creditMinor(), bills,
                payments, adjustments, position.allocations(), position.episodes()));
    }

    /**
     * Lists today's accounts, filtered, ordered by overdue amount and paged. Reads {@code account_state} alone
     * unless a filter needs more: the zones' dates for a bucket, the currencies' digits for a minimum overdue amount,
     * and for a search the ids of the matching accounts from one trigram-indexed read per field (V29), so that the
     * count and the page stay index reads over a million accounts.
     */
    public Page<AccountSummary> accounts(AccountFilter filter) {
        return accounts(filter, (AgingReport) null);
    }

    /**
     * Lists today's accounts as {@link #accounts(AccountFilter)} does, given today's aging read just before (read
     * here when null: the pre-aggregated rows of V34, a few thousand). When only the bucket and the product line
     * narrow the list, the aging gives the total instead of a count over every state row, and its counts choose how
     * the page is read: the overdue accounts in the list's order from the partial index of V36 (a page in about a
     * millisecond), the accounts owing nothing overdue after them by account id; a page that an index walk would
     * reach only after more entries than {@link #setListWalkBudget the budget} (a filter matching few accounts, a
     * deep page) is read with one scan and a top-N sort instead. A search counts and pages its matches in one
     * statement.
     */
    public Page<AccountSummary> accounts(AccountFilter filter, AgingReport today) {
        if (today == null || today.asOf() != null) {
            today = aging(null); // refreshes the stale rows first, as reading today's aging did for a given one
        }
        int size = filter.size() <= 0 ? 50 : Math.min(filter.size(), 500);
        int page = Math.max(0, filter.page());
        StringBuilder from = new StringBuilder("from account_state s");
        StringBuilder where = new StringBuilder(" where true");
        List<Object> all = new ArrayList<>();
        if (filter.bucket() != null) {
            from.append(" join unnest(?::text[], ?::date[]) as z(tz, d) on z.tz = s.time_zone");
            all.addAll(zoneParams(null));
            where.append(" and (case when s.oldest_overdue_due is null then 0 else z.d - s.oldest_overdue_due end)"
                    + " between ? and ?");
        }
        if (filter.minOverdue() != null) {
            from.append(" join unnest(?::text[], ?::int[]) as cur(code, digits) on cur.code = s.currency");
            all.addAll(currencyParams());
            where.append(" and s.overdue_minor >= round(?::numeric * power(10, cur.digits))");
        }
        if (filter.bucket() != null) {
            all.add(filter.bucket().fromDays());
            all.add(filter.bucket().toDays());
        }
        if (filter.minOverdue() != null) {
            all.add(filter.minOverdue());
        }
        if (filter.productLine() != null) {
            where.append(" and s.product_line = ?");
            all.add(filter.productLine().name());
        }
        boolean search = filter.query() != null && !filter.query().isBlank();
        if (search) {
            // the matching ids as an array: the state rows are then read through the primary key, where a join
            // with a common name's ten thousand accounts was planned as a scan of every state row
            String text = filter.query().strip().toLowerCase();
            String phone = phoneTail(text);
            if (phone != null || trigramSearchable(text)) {
                // references and names anywhere in them, through the trigram indexes; a phone number, whole or its
                // last digits, finds the phones ending so through the b-tree on the reversed number (V38; digits are
                // poor trigrams: every number shares most of them)
                String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                where.append(" and s.account_id = any(array(\n").append("""
                        select a.id from account a where lower(a.external_ref) like ?
                        union
                        select a.id from customer c join account a on a.customer_id = c.id
                        where lower(c.name) like ? or lower(c.external_ref) like ?
                        union
                        select a.id from contact_point p join account a on a.customer_id = p.customer_id
                        where""").append(phone != null ? " p.kind = 'PHONE' and reverse(lower(p.value)) like ?))"
                        : " lower(p.value) like ?))");
                all.addAll(List.of(like, like, like, phone != null ? new StringBuilder(phone).reverse() + "%" : like));
            } else {
                // too short for trigrams, or characters pg_trgm does not index under the C locale (Chinese names):
                // whole values, through the b-tree indexes on lower(name), lower(value) and the references
                where.append(" and s.account_id = any(array(\n").append("""
                        select a.id from account a where a.external_ref = ?
                        union
                        select a.id from customer c join account a on a.customer_id = c.id
                        where lower(c.name) = ? or c.external_ref = ?
                        union
                        select a.id from contact_point p join account a on a.customer_id = p.customer_id
                        where lower(p.value) = ?))""");
                all.addAll(List.of(filter.query().strip(), text, filter.query().strip(), text));
            }
        }
        String sql = from.toString() + where;
        long offset = (long) page * size;
        long total;
        List<Long> ids;
        if (search) {
            // the matches are few: counted and paged in one statement
            List<Object> params = new ArrayList<>(all);
            params.add(size);
            params.add(offset);
            List<long[]> rows = jdbc.sql("select s.account_id, count(*) over () " + sql + LIST_ORDER
                            + " limit ? offset ?")
                    .params(params).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            ids = rows.stream().map(r -> r[0]).toList();
            total = !rows.isEmpty() ? rows.getFirst()[1]
                    : offset == 0 ? 0 : jdbc.sql("select count(*) " + sql).params(all).query(Long.class).single();
        } else if (filter.minOverdue() != null) {
            total = jdbc.sql("select count(*) " + sql).params(all).query(Long.class).single();
            ids = pageIds(sql, all, LIST_ORDER, size, offset);
        } else {
            long overdueAll = 0;
            long everyAccount = 0;
            long overdueMatching = 0;
            long currentMatching = 0;
            for (AgingRow r : today.rows()) {
                boolean current = r.bucket() == AgingBucket.CURRENT;
                everyAccount += r.accounts();
                overdueAll += current ? 0 : r.accounts();
                if ((filter.bucket() == null || r.bucket() == filter.bucket())
                        && (filter.productLine() == null || r.productLine() == filter.productLine())) {
                    if (current) {
                        currentMatching += r.accounts();
                    } else {
                        overdueMatching += r.accounts();
                    }
                }
            }
            total = overdueMatching + currentMatching;
            // overdue_minor > 0 exactly when some bill is past its due date, i.e. outside CURRENT: the overdue part
            // first, then the part owing nothing overdue, whose order is the account id alone
            ids = new ArrayList<>();
            if (offset < overdueMatching) {
                boolean walk = walks(offset + size, overdueAll, overdueMatching);
                // "+ 0" keeps the planner off the partial index when walking it would pass over many non-matches
                ids.addAll(pageIds(sql + (walk ? " and s.overdue_minor > 0" : " and s.overdue_minor + 0 > 0"), all,
                        LIST_ORDER, size, offset));
            }
            if (ids.size() < size && currentMatching > 0 && offset + ids.size() >= overdueMatching) {
                boolean walk = walks(Math.max(0, offset - overdueMatching) + size, everyAccount, currentMatching);
                ids.addAll(pageIds(sql + " and s.overdue_minor = 0", all,
                        walk ? " order by s.account_id" : LIST_ORDER, size - ids.size(),
                        Math.max(0, offset - overdueMatching)));
            }
        }
        Map<Long, AccountSummary> byId = summaries("a.id = any(?)", List.of((Object) ids.toArray(Long[]::new)));
        return new Page<>(ids.stream().map(byId::get).toList(), page, size, total);
    }

    /** Whether reaching the {@code end}-th of {@code matching} rows spread over {@code entries} stays in budget. */
    private boolean walks(long end, long entries, long matching) {
        return matching > 0 && (double) end * entries / matching <= listWalkBudget;
    }

    private List<Long> pageIds(String sql, List<Object> params, String order, long limit, long offset) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return jdbc.sql("select s.account_id " + sql + order + " limit ? offset ?").params(all).query(Long.class)
                .list();
    }

    /**
     * Returns the digits of a search text that looks like a phone number (digits, a leading +, spaces, dots, dashes
     * and brackets, at least six digits), with the + kept, or null: such a text finds the phone numbers that end in
     * it, so "138 0022 3457" finds +8613800223457.
     */
    public static String phoneTail(String text) {
        if (!text.matches("\\+?\\(?[0-9][0-9 ().-]*")) {
            return null;
        }
        String compact = text.replaceAll("[ ().-]", "");
        return compact.replace("+", "").length() >= 6 ? compact : null;
    }

    /**
     * Returns whether a search text can use the trigram indexes: at least three characters, all printable ASCII
     * (pg_trgm extracts no trigrams from shorter text, nor from letters outside ASCII when the database's
     * character classification is C, as the embedded server's is).
     */
    static boolean trigramSearchable(String text) {
        return text.length() >= 3 && text.chars().allMatch(ch -> ch >= 0x21 && ch < 0x7f || ch == ' ');
    }

    /** Appends the filters that do not depend on the date: product line and the search text. */
    private static void dateFreeConditions(AccountFilter filter, StringBuilder where, List<Object> params) {
        if (filter.productLine() != null) {
            where.append(" and a.product_line = ?");
            params.add(filter.productLine().name());
        }
        if (filter.query() != null && !filter.query().isBlank()) {
            String like = "%" + filter.query().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" and (lower(c.name) like ? or lower(a.external_ref) like ? or lower(c.external_ref) like ?"
                    + " or exists (select 1 from contact_point p where p.customer_id = c.id and lower(p.value) like ?))");
            params.addAll(List.of(like, like, like, like));
        }
    }

    /**
     * Lists accounts with their figures on another date: the candidates that match the date-free filters are
     * replayed from their history, then filtered by bucket and overdue amount, ordered and paged in memory.
     */
    public Page<AccountSummary> accounts(AccountFilter filter, LocalDate asOf) {
        if (asOf == null) {
            return accounts(filter);
        }
        int size = filter.size() <= 0 ? 50 : Math.min(filter.size(), 500);
        int page = Math.max(0, filter.page());
        StringBuilder where = new StringBuilder("true");
        List<Object> params = new ArrayList<>();
        dateFreeConditions(filter, where, params);
        List<Long> candidates = jdbc.sql("select a.id from account a join customer c on c.id = a.customer_id where "
                + where + " order by a.id").params(params).query(Long.class).list();
        List<AccountSummary> matching = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += StateKeeper.BATCH) {
            Long[] batch = candidates.subList(from, Math.min(candidates.size(), from + StateKeeper.BATCH))
                    .toArray(Long[]::new);
            Map<Long, AccountSummary> base = summaries("a.id = any(?)", List.of((Object) batch));
            Histories.load(jdbc, batch).forEach((id, loaded) -> {
                AccountPosition p = Positions.asOf(loaded.history(), asOf);
                if (filter.bucket() != null && p.bucket() != filter.bucket()) {
                    return;
                }
                if (filter.minOverdue() != null && java.math.BigDecimal.valueOf(p.overdueMinor(),
                        Currencies.fractionDigits(loaded.history().currency())).compareTo(filter.minOverdue()) < 0) {
                    return;
                }
                AccountSummary b = base.get(id);
                if (b == null) {
                    // no current-state row (an account written around the ledger): not listed today either
                    return;
                }
                matching.add(new AccountSummary(b.id(), b.externalRef(), b.customerId(), b.customerRef(),
                        b.customerName(), b.productLine(), b.currency(), b.status(), asOf, p.balanceMinor(),
                        p.overdueMinor(), p.daysPastDue(), p.bucket(), p.oldestOpenDueDate()));
            });
        }
        matching.sort(Comparator.comparingLong(AccountSummary::overdueMinor).reversed()
                .thenComparing(Comparator.comparingInt(AccountSummary::daysPastDue).reversed())
                .thenComparingLong(AccountSummary::id));
        int fromIndex = (int) Math.min(matching.size(), (long) page * size);
        return new Page<>(List.copyOf(matching.subList(fromIndex, Math.min(matching.size(), fromIndex + size))),
                page, size, matching.size());
    }

    /**
     * Returns the aging as of a date (null: today in each account's zone). Rows valid on that date are summed in
     * SQL in one scan; the rest are recomputed from their history (and stored, when the date is today).
     */
    public AgingReport aging(LocalDate asOf) {
        long started = System.nanoTime();
        if (asOf == null) {
            List<AgingRow> today = rolledUpToday();
            if (today == null) {
                refreshStaleRows();
                today = rolledUpToday();
            }
            if (today != null) {
                meters.timer("arrears.ledger.aging", "asOf", "today")
                        .record(java.time.Duration.ofNanos(System.nanoTime() - started));
                return new AgingReport(null, today);
            }
            // rows went stale again while refreshing (a day began in some zone): the scan below recomputes them
        }
        List<Object> params = zoneParams(asOf);
        Map<String, long[]> totals = new TreeMap<>();
        boolean[] anyStale = {false};
        jdbc.sql("""
                        with s as (
                            select s.product_line, s.currency, s.balance_minor, s.overdue_minor,
                                   (s.as_of <= z.d and (s.valid_until is null or z.d < s.valid_until)) as valid,
                                   case when s.oldest_overdue_due is null then 0 else z.d - s.oldest_overdue_due end as dpd
                            from account_state s join unnest(?::text[], ?::date[]) as z(tz, d) on z.tz = s.time_zone)
                        select valid, product_line, currency,
                               case when dpd <= 0 then 0 when dpd <= 30 then 1 when dpd <= 60 then 2 when dpd <= 90 then 3
                                    when dpd <= 180 then 4 else 5 end as bucket,
                               count(*), sum(balance_minor), sum(overdue_minor)
                        from s group by 1, 2, 3, 4""")
                .params(params)
                .query(rs -> {
                    if (rs.getBoolean(1)) {
                        add(totals, AgingBucket.values()[rs.getInt(4)], rs.getString(2), rs.getString(3),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7));
                    } else {
                        anyStale[0] = true;
                    }
                });
        if (anyStale[0]) {
            List<Long> ids = jdbc.sql("""
                            select s.account_id from account_state s
                            join unnest(?::text[], ?::date[]) as z(tz, d) on z.tz = s.time_zone
                            where not (s.as_of <= z.d and (s.valid_until is null or z.d < s.valid_until))""")
                    .params(params).query(Long.class).list();
            for (int from = 0; from < ids.size(); from += StateKeeper.BATCH) {
                Long[] batch = ids.subList(from, Math.min(ids.size(), from + StateKeeper.BATCH)).toArray(Long[]::new);
                Histories.load(jdbc, batch).forEach((id, loaded) -> {
                    LocalDate date = asOf != null ? asOf : LocalDate.now(clock.withZone(loaded.history().zone()));
                    AccountPosition p = Positions.asOf(loaded.history(), date);
                    add(totals, p.bucket(), loaded.productLine(), loaded.history().currency().getCurrencyCode(), 1,
                            p.balanceMinor(), p.overdueMinor());
                });
            }
        }
        List<AgingRow> rows = new ArrayList<>();
        totals.forEach((key, v) -> {
            String[] parts = key.split("\\|");
            rows.add(new AgingRow(AgingBucket.values()[Integer.parseInt(parts[0])], ProductLine.valueOf(parts[1]),
                    parts[2], v[0], v[1], v[2]));
        });
        meters.timer("arrears.ledger.aging", "asOf", asOf == null ? "today" : "date")
                .record(java.time.Duration.ofNanos(System.nanoTime() - started));
        return new AgingReport(asOf, rows);
    }

    private static void add(Map<String, long[]> totals, AgingBucket bucket, String productLine, String currency,
                            long count, long balance, long overdue) {
        long[] v = totals.computeIfAbsent(bucket.ordinal() + "|" + productLine + "|" + currency, k -> new long[3]);
        v[0] += count;
        v[1] += balance;
        v[2] += overdue;
    }

    /**
     * Recomputes and stores the current-state rows that are not valid for today in their zone. The pre-aggregated
     * aging (V34) says whether there are any, so the usual answer (none) costs a read of a few thousand rows, not a
     * scan of every state row.
     */
    public int refreshStale() {
        return rolledUpToday() != null ? 0 : refreshStaleRows();
    }

    /**
     * Refreshes the rows not valid today with a scan of the state rows; then no row is dated after today in its
     * zone, and the pre-aggregated aging's hint of such rows ({@code max_as_of}, which the triggers only raise) is
     * lowered to today, so that the next read needs no scan.
     */
    private int refreshStaleRows() {
        int refreshed = refresh(null);
        List<Object> zones = zoneParams(null);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(AGING_COMPACTION_LOCK).query((rs, n) -> 1).single();
            for (String table : new String[] {"aging_rollup", "aging_delta"}) {
                jdbc.sql("update " + table + " r set max_as_of = z.d from unnest(?::text[], ?::date[]) as z(tz, d)"
                        + " where z.tz = r.time_zone and r.max_as_of > z.d").params(zones).update();
            }
        });
        return refreshed;
    }

    /**
     * Returns today's aging (each zone's today) from the pre-aggregated rows ({@code aging_rollup} plus the deltas
     * not yet folded into it, read in one statement, so exactly the committed state rows), or null when some state
     * rows are not valid today: their figures must be recomputed first.
     */
    private List<AgingRow> rolledUpToday() {
        Map<String, LocalDate> todayIn = new HashMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        boolean[] stale = {false};
        jdbc.sql("""
                        select time_zone, product_line, currency,
                               oldest_overdue_due - date '1970-01-01', valid_until - date '1970-01-01',
                               sum(accounts)::bigint, sum(balance_minor)::bigint, sum(overdue_minor)::bigint,
                               max(max_as_of) - date '1970-01-01'
                        from (select time_zone, product_line, currency, oldest_overdue_due, valid_until, accounts,
                                     balance_minor, overdue_minor, max_as_of from aging_rollup
                              union all
                              select time_zone, product_line, currency, oldest_overdue_due, valid_until, accounts,
                                     balance_minor, overdue_minor, max_as_of from aging_delta) k
                        group by time_zone, product_line, currency, oldest_overdue_due, valid_until
                        having sum(accounts) <> 0""")
                .query(rs -> {
                    if (stale[0]) {
                        return;
                    }
                    // dates as epoch days: the key's dates need only comparing and subtracting
                    String zone = rs.getString(1);
                    long today = todayIn.computeIfAbsent(zone, z -> LocalDate.now(clock.withZone(ZoneId.of(z))))
                            .toEpochDay();
                    long oldestOverdue = rs.getLong(4);
                    boolean nothingOverdue = rs.wasNull();
                    long validUntil = rs.getLong(5);
                    boolean validForever = rs.wasNull();
                    long maxAsOf = rs.getLong(9);
                    boolean noAsOf = rs.wasNull();
                    if (!validForever && today >= validUntil || !noAsOf && maxAsOf > today) {
                        stale[0] = true;
                        return;
                    }
                    long daysPastDue = nothingOverdue ? 0 : Math.max(0, today - oldestOverdue);
                    add(totals, AgingBucket.of(daysPastDue), rs.getString(2), rs.getString(3), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8));
                });
        if (stale[0]) {
            return null;
        }
        List<AgingRow> rows = new ArrayList<>();
        totals.forEach((key, v) -> {
            String[] parts = key.split("\\|");
            rows.add(new AgingRow(AgingBucket.values()[Integer.parseInt(parts[0])], ProductLine.valueOf(parts[1]),
                    parts[2], v[0], v[1], v[2]));
        });
        return rows;
    }

    /**
     * Folds the aging deltas that the state rows' triggers appended into {@code aging_rollup} (V34) and drops the
     * keys left without accounts; returns how many deltas it folded, or -1 when another node was folding. Readers
     * see the same sums before and after: the move is one transaction.
     */
    public int compactAging() {
        Integer folded = transactions.execute(status -> {
            boolean mine = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(AGING_COMPACTION_LOCK).query(Boolean.class).single());
            if (!mine) {
                return -1;
            }
            Integer moved = jdbc.sql("""
                            with moved as (delete from aging_delta returning *),
                            summed as (
                                select time_zone, product_line, currency, oldest_overdue_due, valid_until,
                                       sum(accounts)::bigint as accounts, sum(balance_minor)::bigint as balance_minor,
                                       sum(overdue_minor)::bigint as overdue_minor, max(max_as_of) as max_as_of,
                                       count(*) as deltas
                                from moved
                                group by time_zone, product_line, currency, oldest_overdue_due, valid_until),
                            upserted as (
                                insert into aging_rollup as r (time_zone, product_line, currency, oldest_overdue_due,
                                    valid_until, accounts, balance_minor, overdue_minor, max_as_of)
                                select time_zone, product_line, currency, oldest_overdue_due, valid_until, accounts,
                                       balance_minor, overdue_minor, max_as_of from summed
                                on conflict on constraint aging_rollup_key do update set
                                    accounts = r.accounts + excluded.accounts,
                                    balance_minor = r.balance_minor + excluded.balance_minor,
                                    overdue_minor = r.overdue_minor + excluded.overdue_minor,
                                    max_as_of = greatest(r.max_as_of, excluded.max_as_of))
                            select coalesce(sum(deltas), 0)::int from summed""")
                    .query(Integer.class).single();
            if (moved > 0) {
                jdbc.sql("delete from aging_rollup where accounts = 0").update();
            }
            return moved;
        });
        return folded == null ? 0 : folded;
    }

    /**
     * Recomputes, as of {@code asOf} in every zone, and stores the current-state rows that are not valid on that
     * date; returns how many. Later reads of "today" bring rows of another date back to today.
     */
    public int refreshStates(LocalDate asOf) {
        return refresh(Objects.requireNonNull(asOf, "asOf"));
    }

    /**
     * Refreshes the rows not valid on a date (null: today in each zone). One scan finds them (streamed into 8 bytes
     * per account, never an IN list); they are recomputed in account order by two workers, one transaction per
     * {@link StateKeeper#BATCH} accounts, so that memory and locks stay bounded for any portfolio and the database
     * works on one batch while the other is replayed. A failed batch stops the refresh; batches done stay done.
     */
    private int refresh(LocalDate asOf) {
        long[] stale = staleAccounts(asOf);
        int batches = (stale.length + StateKeeper.BATCH - 1) / StateKeeper.BATCH;
        if (batches <= 1) {
            if (batches == 1) {
                refreshBatch(stale, 0, asOf);
            }
            return stale.length;
        }
        try (ExecutorService workers = Executors.newFixedThreadPool(REFRESH_WORKERS,
                Thread.ofPlatform().name("ledger-refresh-", 1).daemon().factory())) {
            List<Future<?>> running = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                int first = b * StateKeeper.BATCH;
                running.add(workers.submit(() -> refreshBatch(stale, first, asOf)));
            }
            for (Future<?> batch : running) {
                try {
                    batch.get();
                } catch (ExecutionException e) {
                    workers.shutdownNow();
                    throw e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("Could not refresh account states", e.getCause());
                } catch (InterruptedException e) {
                    workers.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while refreshing account states", e);
                }
            }
        }
        return stale.length;
    }

    /** Recomputes one batch of the sorted stale accounts, from {@code first}, in a transaction of its own. */
    private void refreshBatch(long[] stale, int first, LocalDate asOf) {
        List<Long> batch = new ArrayList<>(StateKeeper.BATCH);
        for (int i = first; i < Math.min(stale.length, first + StateKeeper.BATCH); i++) {
            batch.add(stale[i]);
        }
        transactions.executeWithoutResult(status -> StateKeeper.recompute(jdbc, clock, batch, asOf, false));
    }

    /** Returns, sorted, the accounts whose state row is not valid on the date (null: today in each zone). */
    private long[] staleAccounts(LocalDate asOf) {
        long[][] ids = {new long[1024]};
        int[] count = {0};
        org.springframework.jdbc.core.RowCallbackHandler collect = rs -> {
            if (count[0] == ids[0].length) {
                ids[0] = java.util.Arrays.copyOf(ids[0], ids[0].length * 2);
            }
            ids[0][count[0]++] = rs.getLong(1);
        };
        // In a transaction, so that the driver streams the rows by the fetch size instead of holding them all.
        transactions.executeWithoutResult(status -> {
            if (asOf == null) {
                // Zones grouped by their local date (at most three dates at any instant): one condition per date.
                // Indexes on (time_zone, as_of) and (time_zone, valid_until) make it 1 ms instead of a scan, but
                // cost the import 15-25 % (docs/performance-pages.md), so they are not created.
                List<Object> zones = zoneParams(null);
                String[] zoneIds = (String[]) zones.get(0);
                String[] dates = (String[]) zones.get(1);
                Map<String, List<String>> byDate = new TreeMap<>();
                for (int z = 0; z < zoneIds.length; z++) {
                    byDate.computeIfAbsent(dates[z], d -> new ArrayList<>()).add(zoneIds[z]);
                }
                StringBuilder where = new StringBuilder();
                List<Object> params = new ArrayList<>();
                byDate.forEach((date, inZone) -> {
                    where.append(where.isEmpty() ? "" : " or ").append(
                            "(s.time_zone = any(?::text[]) and (s.as_of > ?::date or s.valid_until <= ?::date))");
                    params.add(inZone.toArray(String[]::new));
                    params.add(date);
                    params.add(date);
                });
                jdbc.sql("select s.account_id from account_state s where " + where)
                        .withFetchSize(10_000).params(params).query(collect);
            } else {
                jdbc.sql("select account_id from account_state where as_of > ? or valid_until <= ?")
                        .withFetchSize(10_000).params(asOf, asOf).query(collect);
            }
        });
        long[] sorted = java.util.Arrays.copyOf(ids[0], count[0]);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** Parameters for a join with each IANA zone and its local date (today, or the given date everywhere). */
    private List<Object> zoneParams(LocalDate asOf) {
        String[] dates = new String[ZONE_IDS.length];
        for (int i = 0; i < ZONE_IDS.length; i++) {
            dates[i] = (asOf != null ? asOf : LocalDate.now(clock.withZone(ZoneId.of(ZONE_IDS[i])))).toString();
        }
        return List.of(ZONE_IDS, dates);
    }

    private static List<Object> currencyParams() {
        List<Currency> currencies = Currency.getAvailableCurrencies().stream()
                .sorted(Comparator.comparing(Currency::getCurrencyCode)).toList();
        return List.of(currencies.stream().map(Currency::getCurrencyCode).toArray(String[]::new),
                currencies.stream().map(c -> Currencies.fractionDigits(c)).toArray(Integer[]::new));
    }

    // ------------------------------------------------------------------ personal data

    /** The customer's name after erasure, followed by its id. */
    public static final String ERASED_NAME_PREFIX = "erased-";
    /** A contact point's value after erasure. */
    public static final String ERASED_VALUE = "erased";

    /** Returns everything stored about a customer: its contact points and every account with all its records. */
    public Optional<CustomerRecordsView> customerRecords(String externalRef) {
        record Found(long id, Instant erasedAt) {
        }
        Optional<Found> found = jdbc.sql("select id, erased_at from customer where external_ref = ?")
                .param(externalRef)
                .query((rs, n) -> new Found(rs.getLong("id"), Rows.instant(rs, "erased_at")))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long id = found.get().id();
        CustomerView customer = customerViews(new Long[] {id}).get(id);
        Map<Long, List<BillView>> bills = byAccount(billViews("a.customer_id = ?", List.of(id), Map.of()).values(),
                BillView::accountId);
        Map<Long, List<PaymentView>> payments = byAccount(paymentViews("a.customer_id = any(?)", new Long[] {id})
                .values(), PaymentView::accountId);
        Map<Long, List<AdjustmentView>> adjustments = byAccount(adjustmentViews("a.customer_id = any(?)",
                new Long[] {id}).values(), AdjustmentView::accountId);
        List<AccountRecordsView> accounts = jdbc.sql("""
                        select id, external_ref, product_line, currency, status, opened_on, credit_limit_minor
                        from account where customer_id = ? order by id""")
                .param(id)
                .query((rs, n) -> {
                    long account = rs.getLong("id");
                    return new AccountRecordsView(account, rs.getString("external_ref"),
                            ProductLine.valueOf(rs.getString("product_line")), rs.getString("currency"),
                            AccountStatus.valueOf(rs.getString("status")), Rows.date(rs, "opened_on"),
                            Rows.nullableLong(rs, "credit_limit_minor"), bills.getOrDefault(account, List.of()),
                            payments.getOrDefault(account, List.of()), adjustments.getOrDefault(account, List.of()));
                })
                .list();
        return Optional.of(new CustomerRecordsView(customer, found.get().erasedAt(), accounts));
    }

    private static <V> Map<Long, List<V>> byAccount(java.util.Collection<V> views, Function<V, Long> account) {
        Map<Long, List<V>> grouped = new HashMap<>();
        for (V view : views) {
            grouped.computeIfAbsent(account.apply(view), k -> new ArrayList<>()).add(view);
        }
        return grouped;
    }

    /**
     * Erases a customer's personal data in place, in one transaction (joining the caller's): the name becomes
     * {@code erased-<id>}, every contact point's value becomes {@code erased} and its consents are cleared, and a
     * point with opt-outs keeps them with the digest of its address ({@link AddressDigest}) so they can still be
     * honoured. Ids, accounts, bills, payments and adjustments stay. A customer already erased is left as it is.
     */
    public ErasureView erase(String externalRef) {
        return transactions.execute(status -> {
            record Found(long id, Instant erasedAt) {
            }
            Found found = jdbc.sql("select id, erased_at from customer where external_ref = ? for update")
                    .param(externalRef)
                    .query((rs, n) -> new Found(rs.getLong("id"), Rows.instant(rs, "erased_at")))
                    .optional()
                    .orElseThrow(() -> new NotFoundException("No customer with external reference '"
                            + (externalRef.length() > 100 ? externalRef.substring(0, 100) + "…" : externalRef)
                            + "'"));
            long customerId = found.id();
            if (found.erasedAt() != null) {
                return new ErasureView(customerId, externalRef, found.erasedAt(), false);
            }
            // PostgreSQL keeps microseconds: the instant returned is the one a later read finds.
            Instant erasedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            record Point(int position, String value, boolean optedOut) {
            }
            List<Point> points = jdbc.sql("""
                            select position, value, cardinality(opt_outs) > 0 as opted_out from contact_point
                            where customer_id = ? order by position""")
                    .param(customerId)
                    .query((rs, n) -> new Point(rs.getInt(1), rs.getString(2), rs.getBoolean(3)))
                    .list();
            for (Point point : points) {
                jdbc.sql("""
                                update contact_point set value = ?, value_sha256 = ?, consents = '{}'
                                where customer_id = ? and position = ?""")
                        .params(ERASED_VALUE, point.optedOut() ? AddressDigest.of(point.value()) : null, customerId,
                                point.position())
                        .update();
            }
            jdbc.sql("update customer set name = ?, erased_at = ? where id = ?")
                    .params(ERASED_NAME_PREFIX + customerId, Timestamp.from(erasedAt), customerId)
                    .update();
            return new ErasureView(customerId, externalRef, erasedAt, true);
        });
    }

    /** Returns the channels that erased customers had opted out of at this address, matched by its digest. */
    public Set<dev.arrears.shared.Channel> erasedOptOuts(String address) {
        Set<dev.arrears.shared.Channel> channels = EnumSet.noneOf(dev.arrears.shared.Channel.class);
        jdbc.sql("select opt_outs from contact_point where value_sha256 = ?")
                .param(AddressDigest.of(address))
                .query(rs -> {
                    Rows.texts(rs, "opt_outs").forEach(c -> channels.add(dev.arrears.shared.Channel.valueOf(c)));
                });
        return channels;
    }

    // ------------------------------------------------------------------ view loading

    private Map<Long, CustomerView> customerViews(Long[] ids) {
        Map<Long, List<ContactPoint>> points = new HashMap<>();
        jdbc.sql("""
                        select customer_id, kind, value, consents, opt_outs from contact_point
                        where customer_id = any(?) order by customer_id, position""")
                .param(ids)
                .query(rs -> {
                    points.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ContactPoint(
                            ContactKind.valueOf(rs.getString(2)), rs.getString(3),
                            Rows.texts(rs, "consents").stream().map(dev.arrears.shared.Channel::valueOf)
                                    .collect(java.util.stream.Collectors.toSet()),
                            Rows.texts(rs, "opt_outs").stream().map(dev.arrears.shared.Channel::valueOf)
                                    .collect(java.util.stream.Collectors.toSet())));
                });
        Map<Long, CustomerView> views = new LinkedHashMap<>();
        jdbc.sql("select id, external_ref, name, type, locale, time_zone from customer where id = any(?) order by id")
                .param(ids)
                .query(rs -> {
                    long id = rs.getLong(1);
                    views.put(id, new CustomerView(id, rs.getString(2), rs.getString(3),
                            CustomerType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            points.getOrDefault(id, List.of())));
                });
        return views;
    }

    /** Returns summaries with today's figures from the current-state rows (callers refresh stale rows first). */
    private Map<Long, AccountSummary> summaries(String condition, List<Object> params) {
        Map<Long, AccountSummary> views = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.id, a.external_ref, a.customer_id, c.external_ref as customer_ref, c.name,
                               a.product_line, a.currency, a.status, s.time_zone, s.balance_minor, s.overdue_minor,
                               s.oldest_overdue_due, s.oldest_open_due
                        from account a join customer c on c.id = a.customer_id
                        join account_state s on s.account_id = a.id
                        where\s""" + condition + " order by a.id")
                .params(params)
                .query(rs -> {
                    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(rs.getString("time_zone"))));
                    LocalDate oldest = Rows.date(rs, "oldest_overdue_due");
                    int dpd = oldest == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(oldest, today));
                    views.put(rs.getLong("id"), new AccountSummary(rs.getLong("id"), rs.getString("external_ref"),
                            rs.getLong("customer_id"), rs.getString("customer_ref"), rs.getString("name"),
                            ProductLine.valueOf(rs.getString("product_line")), rs.getString("currency"),
                            AccountStatus.valueOf(rs.getString("status")), today, rs.getLong("balance_minor"),
                            rs.getLong("overdue_minor"), dpd, AgingBucket.of(dpd), Rows.date(rs, "oldest_open_due")));
                });
        return views;
    }

    /** Loads bills with what is outstanding of each, from the given positions or replayed as of today. */
    private Map<Long, BillView> billViews(String condition, List<Object> params,
                                          Map<Long, AccountPosition> positions) {
        Map<Long, AccountPosition> known = new HashMap<>(positions);
        Map<Long, BillView> views = new LinkedHashMap<>();
        String sql = """
                select b.id, b.external_ref, b.account_id, a.external_ref as account_ref, b.issue_date, b.due_date,
                       b.currency, b.total_minor, b.lines::text as lines
                from bill b join account a on a.id = b.account_id where\s""" + condition;
        List<BillView> rows = jdbc.sql(sql + " order by b.due_date, b.id").params(params)
                .query((rs, n) -> new BillView(rs.getLong("id"), rs.getString("external_ref"),
                        rs.getLong("account_id"), rs.getString("account_ref"), Rows.date(rs, "issue_date"),
                        Rows.date(rs, "due_date"), rs.getString("currency"), rs.getLong("total_minor"), -1,
                        Rows.lines(rs.getString("lines"))))
                .list();
        Long[] missing = rows.stream().map(BillView::accountId).filter(a -> !known.containsKey(a)).distinct()
                .toArray(Long[]::new);
        if (missing.length > 0) {
            Histories.load(jdbc, missing).forEach((id, loaded) -> known.put(id, Positions.asOf(loaded.history(),
                    LocalDate.now(clock.withZone(loaded.history().zone())))));
        }
        for (BillView row : rows) {
            AccountPosition position = known.get(row.accountId());
            long outstanding = position.items().stream()
                    .filter(i -> i.kind() == ItemKind.BILL && i.id() == row.id())
                    .mapToLong(AccountPosition.ItemPosition::outstandingMinor).findFirst().orElse(row.totalMinor());
            views.put(row.id(), new BillView(row.id(), row.externalRef(), row.accountId(), row.accountRef(),
                    row.issueDate(), row.dueDate(), row.currency(), row.totalMinor(), outstanding, row.lines()));
        }
        return views;
    }

    private Map<Long, PaymentView> paymentViews(String condition, Long[] ids) {
        Map<Long, PaymentView> views = new LinkedHashMap<>();
        jdbc.sql("""
                        select p.id, p.external_ref, p.account_id, a.external_ref as account_ref, p.amount_minor,
                               p.currency, p.received_at, p.method, p.reference, p.reversed_at, p.reversal_reason
                        from payment p join account a on a.id = p.account_id where\s""" + condition
                        + " order by p.received_at, p.id")
                .param(ids)
                .query(rs -> {
                    String reason = rs.getString("reversal_reason");
                    views.put(rs.getLong("id"), new PaymentView(rs.getLong("id"), rs.getString("external_ref"),
                            rs.getLong("account_id"), rs.getString("account_ref"), rs.getLong("amount_minor"),
                            rs.getString("currency"), Rows.instant(rs, "received_at"),
                            PaymentMethod.valueOf(rs.getString("method")), rs.getString("reference"),
                            Rows.instant(rs, "reversed_at"), reason == null ? null : ReversalReason.valueOf(reason)));
                });
        return views;
    }

    private Map<Long, AdjustmentView> adjustmentViews(String condition, Long[] ids) {
        Map<Long, AdjustmentView> views = new LinkedHashMap<>();
        jdbc.sql("""
                        select d.id, d.external_ref, d.account_id, a.external_ref as account_ref,
                               b.external_ref as bill_ref, d.type, d.amount_minor, d.currency, d.reason,
                               d.effective_date, d.due_date
                        from adjustment d join account a on a.id = d.account_id left join bill b on b.id = d.bill_id
                        where\s""" + condition + " order by d.effective_date, d.id")
                .param(ids)
                .query(rs -> {
                    views.put(rs.getLong("id"), new AdjustmentView(rs.getLong("id"), rs.getString("external_ref"),
                            rs.getLong("account_id"), rs.getString("account_ref"), rs.getString("bill_ref"),
                            AdjustmentType.valueOf(rs.getString("type")), rs.getLong("amount_minor"),
                            rs.getString("currency"), rs.getString("reason"), Rows.date(rs, "effective_date"),
                            Rows.date(rs, "due_date")));
                });
        return views;
    }
}
