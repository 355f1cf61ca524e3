package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.shared.Channel;
import dev.arrears.shared.CopyRows;
import dev.arrears.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One transaction's bulk writes. For each chunk: look up the external references already stored (one query),
 * classify every record as new, identical (unchanged) or different (conflict), resolve references to other
 * records, and write the new ones with COPY. Touched accounts are remembered for one recompute at the end.
 */
final class BulkSession implements BulkWriter {

    private final JdbcClient jdbc;
    private final Connection connection;
    private final Instant now;
    final Set<Long> touchedAccounts = new LinkedHashSet<>();
    /** Accounts opened in this transaction, in order. */
    final Set<Long> openedAccounts = new LinkedHashSet<>();
    private final Map<String, AccountKey> accountCache = new HashMap<>();
    int customersCreated;
    int accountsCreated;
    int billsCreated;
    int paymentsCreated;
    int adjustmentsCreated;
    int unchanged;

    /**
     * What a reference to an account resolves to; {@code fresh} when it had no history before this
     * transaction, so that its state can be computed from what this transaction writes.
     */
    record AccountKey(long id, String currency, String zone, String productLine, boolean fresh) {
    }

    /** History written in this transaction for accounts that had none before. */
    final Map<Long, FreshHistory> fresh = new java.util.LinkedHashMap<>();
    /** Accounts with earlier history, to recompute from the database. */
    final Set<Long> stale = new LinkedHashSet<>();

    /** The facts written for one account that had no history before this transaction. */
    static final class FreshHistory {
        final AccountKey account;
        final List<dev.arrears.ledger.domain.AccountHistory.BillFact> bills = new ArrayList<>();
        final List<dev.arrears.ledger.domain.AccountHistory.PaymentFact> payments = new ArrayList<>();
        final List<dev.arrears.ledger.domain.AccountHistory.AdjustmentFact> adjustments = new ArrayList<>();

        FreshHistory(AccountKey account) {
            this.account = account;
        }

        Histories.Loaded loaded() {
            return new Histories.Loaded(account.id(), account.productLine(),
                    new dev.arrears.ledger.domain.AccountHistory(Currency.getInstance(account.currency()),
                            ZoneId.of(account.zone()), bills, payments, adjustments));
        }
    }

    /** Returns the in-memory history of a fresh account, or null (marking it for recompute) otherwise. */
    private FreshHistory touch(AccountKey account) {
        touchedAccounts.add(account.id());
        if (account.fresh()) {
            return fresh.computeIfAbsent(account.id(), id -> new FreshHistory(account));
        }
        stale.add(account.id());
        return null;
    }

    BulkSession(JdbcClient jdbc, Connection connection, Clock clock) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.now = clock.instant();
    }

    // ---------------------------------------------------------------- customers

    @Override
    public List<RecordOutcome> customers(List<RegisterCustomer> chunk) {
        Map<String, Instant> erased = new HashMap<>();
        Map<String, Stored<RegisterCustomer>> stored = storedCustomers(refs(chunk, RegisterCustomer::externalRef),
                erased);
        // An erased customer's reference is never registered again, not even with the placeholders it now holds.
        Plan<RegisterCustomer> plan = plan(chunk, RegisterCustomer::externalRef, stored, (was, given) ->
                erased.containsKey(given.externalRef()) ? List.of(erasedIssue(erased.get(given.externalRef())))
                        : customerDiff(was, given));
        if (!plan.fresh.isEmpty()) {
            List<RegisterCustomer> fresh = plan.freshRecords(chunk);
            long[] ids = reserveIds("customer", fresh.size());
            try {
                CopyRows rows = new CopyRows(connection,
                        "copy customer (id, external_ref, name, type, locale, time_zone, created_at) from stdin");
                for (int i = 0; i < fresh.size(); i++) {
                    RegisterCustomer c = fresh.get(i);
                    rows.field(ids[i]).field(c.externalRef()).field(c.name()).field(c.type().name())
                            .field(c.locale()).field(c.timeZone().getId()).field(now.toString()).endRow();
                }
                rows.finish();
                CopyRows points = new CopyRows(connection,
                        "copy contact_point (customer_id, position, kind, value, consents, opt_outs) from stdin");
                for (int i = 0; i < fresh.size(); i++) {
                    List<ContactPoint> list = fresh.get(i).contactPoints();
                    for (int p = 0; p < list.size(); p++) {
                        ContactPoint point = list.get(p);
                        points.field(ids[i]).field(p).field(point.kind().name()).field(point.value())
                                .field(pgArray(point.consents())).field(pgArray(point.optOuts())).endRow();
                    }
                }
                points.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not write customers", e);
            }
            plan.assign(ids);
            customersCreated += fresh.size();
        }
        return plan.outcomes();
    }

    /** The issue of a record that names a customer whose personal data was erased. */
    private static Issue erasedIssue(Instant erasedAt) {
        return new Issue("externalRef", "was erased on " + erasedAt + " (personal data erasure) and cannot be "
                + "registered again; register the person under a new reference");
    }

    /** Returns the stored customers with these references; {@code erased} receives those erased, with when. */
    private Map<String, Stored<RegisterCustomer>> storedCustomers(String[] refs, Map<String, Instant> erased) {
        Map<String, Stored<RegisterCustomer>> result = new HashMap<>();
        if (refs.length == 0) {
            return result;
        }
        Map<Long, List<ContactPoint>> points = new HashMap<>();
        jdbc.sql("""
                        select p.customer_id, p.kind, p.value, p.consents, p.opt_outs
                        from contact_point p join customer c on c.id = p.customer_id
                        where c.external_ref = any(?) order by p.customer_id, p.position""")
                .param(refs)
                .query(rs -> {
                    points.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ContactPoint(
                            dev.arrears.ledger.Commands.ContactKind.valueOf(rs.getString(2)), rs.getString(3),
                            channels(Rows.texts(rs, "consents")), channels(Rows.texts(rs, "opt_outs"))));
                });
        jdbc.sql("""
                        select id, external_ref, name, type, locale, time_zone, erased_at from customer
                        where external_ref = any(?)""")
                .param(refs)
                .query(rs -> {
                    long id = rs.getLong("id");
                    Instant erasedAt = Rows.instant(rs, "erased_at");
                    if (erasedAt != null) {
                        erased.put(rs.getString("external_ref"), erasedAt);
                    }
                    result.put(rs.getString("external_ref"), new Stored<>(id, new RegisterCustomer(
                            rs.getString("external_ref"), rs.getString("name"),
                            dev.arrears.ledger.Commands.CustomerType.valueOf(rs.getString("type")),
                            rs.getString("locale"), ZoneId.of(rs.getString("time_zone")),
                            points.getOrDefault(id, List.of()))));
                });
        return result;
    }

    private static List<Issue> customerDiff(RegisterCustomer stored, RegisterCustomer given) {
        List<Issue> issues = new ArrayList<>();
        differ(issues, "name", stored.name(), given.name());
        differ(issues, "type", stored.type(), given.type());
        differ(issues, "locale", stored.locale(), given.locale());
        differ(issues, "timeZone", stored.timeZone().getId(), given.timeZone().getId());
        if (!stored.contactPoints().equals(given.contactPoints())) {
            issues.add(new Issue("contactPoints", "differs from the stored customer's contact points"));
        }
        return issues;
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public List<RecordOutcome> accounts(List<OpenAccount> chunk) {
        Map<String, Stored<OpenAccount>> stored = new HashMap<>();
        String[] refs = refs(chunk, OpenAccount::externalRef);
        if (refs.length > 0) {
            jdbc.sql("""
                            select a.id, a.external_ref, c.external_ref as customer_ref, a.product_line, a.currency,
                                   a.status, a.opened_on, a.credit_limit_minor
                            from account a join customer c on c.id = a.customer_id where a.external_ref = any(?)""")
                    .param(refs)
                    .query(rs -> {
                        stored.put(rs.getString("external_ref"), new Stored<>(rs.getLong("id"), new OpenAccount(
                                rs.getString("external_ref"), rs.getString("customer_ref"),
                                dev.arrears.ledger.Commands.ProductLine.valueOf(rs.getString("product_line")),
                                Currency.getInstance(rs.getString("currency")),
                                dev.arrears.ledger.Commands.AccountStatus.valueOf(rs.getString("status")),
                                Rows.date(rs, "opened_on"), Rows.nullableLong(rs, "credit_limit_minor"))));
                    });
        }
        Plan<OpenAccount> plan = plan(chunk, OpenAccount::externalRef, stored, BulkSession::accountDiff);
        record CustomerKey(long id, String zone, Instant erasedAt) {
        }
        Map<String, CustomerKey> customers = new HashMap<>();
        String[] customerRefs = plan.fresh.stream().map(i -> chunk.get(i).customerRef()).distinct()
                .toArray(String[]::new);
        if (customerRefs.length > 0) {
            jdbc.sql("select id, external_ref, time_zone, erased_at from customer where external_ref = any(?)")
                    .param(customerRefs)
                    .query(rs -> {
                        customers.put(rs.getString(2), new CustomerKey(rs.getLong(1), rs.getString(3),
                                Rows.instant(rs, "erased_at")));
                    });
        }
        plan.reject(i -> {
            CustomerKey customer = customers.get(chunk.get(i).customerRef());
            if (customer == null) {
                return new Issue("customerRef", "unknown customer '" + chunk.get(i).customerRef() + "'");
            }
            return customer.erasedAt() == null ? null : new Issue("customerRef", "customer '"
                    + chunk.get(i).customerRef() + "' was erased on " + customer.erasedAt()
                    + " (personal data erasure): no account can be opened for it");
        });
        if (!plan.fresh.isEmpty()) {
            List<OpenAccount> fresh = plan.freshRecords(chunk);
            long[] ids = reserveIds("account", fresh.size());
            try {
                CopyRows rows = new CopyRows(connection, """
                        copy account (id, external_ref, customer_id, product_line, currency, status, opened_on,
                                      credit_limit_minor, created_at) from stdin""");
                for (int i = 0; i < fresh.size(); i++) {
                    OpenAccount a = fresh.get(i);
                    CustomerKey customer = customers.get(a.customerRef());
                    rows.field(ids[i]).field(a.externalRef()).field(customer.id()).field(a.productLine().name())
                            .field(a.currency().getCurrencyCode()).field(a.status().name()).field(a.openedOn())
                            .field(a.creditLimitMinor()).field(now.toString()).endRow();
                }
                rows.finish();
                // One COPY at a time per connection: the state rows start after the accounts are in.
                CopyRows states = new CopyRows(connection, """
                        copy account_state (account_id, product_line, currency, time_zone, as_of, balance_minor,
                            overdue_minor, credit_minor, oldest_overdue_due, oldest_open_due, days_past_due, bucket,
                            valid_until, episodes, delinquent_since, updated_at) from stdin""");
                for (int i = 0; i < fresh.size(); i++) {
                    OpenAccount a = fresh.get(i);
                    CustomerKey customer = customers.get(a.customerRef());
                    LocalDate today = LocalDate.ofInstant(now, ZoneId.of(customer.zone()));
                    states.field(ids[i]).field(a.productLine().name()).field(a.currency().getCurrencyCode())
                            .field(customer.zone()).field(today).field(0).field(0).field(0).nullField()
                            .nullField().field(0).field("CURRENT").nullField().field(0).nullField()
                            .field(now.toString()).endRow();
                    accountCache.put(a.externalRef(), new AccountKey(ids[i], a.currency().getCurrencyCode(),
                            customer.zone(), a.productLine().name(), true));
                    openedAccounts.add(ids[i]);
                }
                states.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not write accounts", e);
            }
            plan.assign(ids);
            accountsCreated += fresh.size();
        }
        return plan.outcomes();
    }

    private static List<Issue> accountDiff(OpenAccount stored, OpenAccount given) {
        List<Issue> issues = new ArrayList<>();
        differ(issues, "customerRef", stored.customerRef(), given.customerRef());
        differ(issues, "productLine", stored.productLine(), given.productLine());
        differ(issues, "currency", stored.currency(), given.currency());
        differ(issues, "status", stored.status(), given.status());
        differ(issues, "openedOn", stored.openedOn(), given.openedOn());
        if (!Objects.equals(stored.creditLimitMinor(), given.creditLimitMinor())) {
            issues.add(new Issue("creditLimit", "differs from the stored value " + (stored.creditLimitMinor() == null
                    ? "(none)" : Money.format(stored.creditLimitMinor(), stored.currency()))));
        }
        return issues;
    }

    // ---------------------------------------------------------------- bills

    @Override
    public List<RecordOutcome> bills(List<IssueBill> chunk) {
        // Optimistic: a bulk load of new bills needs no look-up of existing references; the unique index says
        // when some exist, and then the chunk is rolled back to its savepoint and classified properly.
        Plan<IssueBill> plan = plan(chunk, IssueBill::externalRef, Map.of(), BulkSession::billDiff);
        // One look-up of the account per bill: at a million bills, each extra one costs about a third of a second.
        AccountKey[] keys = accountKeys(chunk, plan.fresh, IssueBill::accountRef);
        plan.reject(i -> accountIssue(keys[i], chunk.get(i).accountRef(), chunk.get(i).currency()));
        if (plan.fresh.isEmpty()) {
            return plan.outcomes();
        }
        java.sql.Savepoint savepoint = savepoint();
        long[] ids = reserveIds("bill", plan.fresh.size());
        List<IssueBill> written = plan.freshRecords(chunk);
        AccountKey[] writtenKeys = plan.fresh.stream().map(i -> keys[i]).toArray(AccountKey[]::new);
        try {
            BillCopyRows rows = streamBills(written, writtenKeys, ids);
            // PostgreSQL is still working through the stream: prepare the bookkeeping meanwhile.
            List<Runnable> facts = billFacts(written, writtenKeys, ids);
            finish(rows);
            release(savepoint);
            facts.forEach(Runnable::run);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not write bills", e);
            }
            rollbackTo(savepoint);
            Map<String, Stored<IssueBill>> stored = storedBills(refs(chunk, IssueBill::externalRef));
            plan = plan(chunk, IssueBill::externalRef, stored, BulkSession::billDiff);
            resolveAccounts(plan.fresh.stream().map(i -> chunk.get(i).accountRef()).toList());
            plan.reject(i -> accountIssue(chunk.get(i).accountRef(), chunk.get(i).currency()));
            ids = reserveIds("bill", plan.fresh.size());
            written = plan.freshRecords(chunk);
            writtenKeys = written.stream().map(b -> accountCache.get(b.accountRef())).toArray(AccountKey[]::new);
            try {
                finish(streamBills(written, writtenKeys, ids));
            } catch (SQLException again) {
                throw new IllegalStateException("Could not write bills", again);
            }
            billFacts(written, writtenKeys, ids).forEach(Runnable::run);
        }
        plan.assign(ids);
        billsCreated += written.size();
        return plan.outcomes();
    }

    /** Returns the updates of the in-memory histories for written bills, to run once the COPY succeeded. */
    private List<Runnable> billFacts(List<IssueBill> written, AccountKey[] accounts, long[] ids) {
        List<Runnable> facts = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            IssueBill b = written.get(i);
            AccountKey account = accounts[i];
            var fact = new dev.arrears.ledger.domain.AccountHistory.BillFact(ids[i], b.externalRef(), b.issueDate(),
                    b.dueDate(), b.totalMinor());
            facts.add(() -> {
                FreshHistory history = touch(account);
                if (history != null) {
                    history.bills.add(fact);
                }
            });
        }
        return facts;
    }

    private static void finish(BillCopyRows rows) throws SQLException {
        try {
            rows.finish();
        } catch (SQLException e) {
            rows.cancel();
            throw e;
        }
    }

    /** Opens a COPY of the bills and sends every row; the caller finishes it. */
    private BillCopyRows streamBills(List<IssueBill> bills, AccountKey[] accounts, long[] ids) throws SQLException {
        BillCopyRows rows = new BillCopyRows(connection, """
                copy bill (id, external_ref, account_id, issue_date, due_date, currency, total_minor, lines,
                           created_at) from stdin (format binary)""");
        try {
            for (int i = 0; i < bills.size(); i++) {
                IssueBill b = bills.get(i);
                AccountKey account = accounts[i];
                rows.int8(ids[i]).text(b.externalRef()).int8(account.id()).date(b.issueDate())
                        .date(b.dueDate()).text(account.currency()).int8(b.totalMinor());
                rows.linesJson(b.lines()).timestamptz(now).endRow();
            }
            rows.flush();
            return rows;
        } catch (SQLException e) {
            rows.cancel();
            throw e;
        }
    }

    private Map<String, Stored<IssueBill>> storedBills(String[] refs) {
        Map<String, Stored<IssueBill>> stored = new HashMap<>();
        jdbc.sql("""
                        select b.id, b.external_ref, a.external_ref as account_ref, b.issue_date, b.due_date,
                               b.currency, b.total_minor, b.lines::text as lines
                        from bill b join account a on a.id = b.account_id where b.external_ref = any(?)""")
                .param(refs)
                .query(rs -> {
                    stored.put(rs.getString("external_ref"), new Stored<>(rs.getLong("id"), new IssueBill(
                            rs.getString("external_ref"), rs.getString("account_ref"), Rows.date(rs, "issue_date"),
                            Rows.date(rs, "due_date"), Currency.getInstance(rs.getString("currency")),
                            rs.getLong("total_minor"), Rows.lines(rs.getString("lines")))));
                });
        return stored;
    }

    private java.sql.Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a savepoint", e);
        }
    }

    private void release(java.sql.Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release a savepoint", e);
        }
    }

    private void rollbackTo(java.sql.Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not roll back to a savepoint", e);
        }
    }

    private static List<Issue> billDiff(IssueBill stored, IssueBill given) {
        List<Issue> issues = new ArrayList<>();
        differ(issues, "accountRef", stored.accountRef(), given.accountRef());
        differ(issues, "issueDate", stored.issueDate(), given.issueDate());
        differ(issues, "dueDate", stored.dueDate(), given.dueDate());
        differ(issues, "currency", stored.currency(), given.currency());
        if (stored.totalMinor() != given.totalMinor()) {
            issues.add(new Issue("total", "differs from the stored total "
                    + Money.format(stored.totalMinor(), stored.currency())));
        }
        if (!stored.lines().equals(given.lines())) {
            issues.add(new Issue("lines", "differ from the stored bill's line items"));
        }
        return issues;
    }

    // ---------------------------------------------------------------- payments

    @Override
    public List<RecordOutcome> payments(List<PostPayment> chunk) {
        Map<String, Stored<PostPayment>> stored = new HashMap<>();
        String[] refs = refs(chunk, PostPayment::externalRef);
        if (refs.length > 0) {
            jdbc.sql("""
                            select p.id, p.external_ref, a.external_ref as account_ref, p.amount_minor, p.currency,
                                   p.received_at, p.method, p.reference
                            from payment p join account a on a.id = p.account_id where p.external_ref = any(?)""")
                    .param(refs)
                    .query(rs -> {
                        stored.put(rs.getString("external_ref"), new Stored<>(rs.getLong("id"), new PostPayment(
                                rs.getString("external_ref"), rs.getString("account_ref"), rs.getLong("amount_minor"),
                                Currency.getInstance(rs.getString("currency")), Rows.instant(rs, "received_at"),
                                dev.arrears.ledger.Commands.PaymentMethod.valueOf(rs.getString("method")),
                                rs.getString("reference"))));
                    });
        }
        Plan<PostPayment> plan = plan(chunk, PostPayment::externalRef, stored, BulkSession::paymentDiff);
        resolveAccounts(plan.fresh.stream().map(i -> chunk.get(i).accountRef()).toList());
        plan.reject(i -> accountIssue(chunk.get(i).accountRef(), chunk.get(i).currency()));
        if (!plan.fresh.isEmpty()) {
            List<PostPayment> fresh = plan.freshRecords(chunk);
            long[] ids = reserveIds("payment", fresh.size());
            try {
                CopyRows rows = new CopyRows(connection, """
                        copy payment (id, external_ref, account_id, amount_minor, currency, received_at, method,
                                      reference, created_at) from stdin""");
                for (int i = 0; i < fresh.size(); i++) {
                    PostPayment p = fresh.get(i);
                    AccountKey account = accountCache.get(p.accountRef());
                    rows.field(ids[i]).field(p.externalRef()).field(account.id()).field(p.amountMinor())
                            .field(account.currency()).field(p.receivedAt().toString()).field(p.method().name())
                            .field(p.reference()).field(now.toString()).endRow();
                    FreshHistory history = touch(account);
                    if (history != null) {
                        history.payments.add(new dev.arrears.ledger.domain.AccountHistory.PaymentFact(ids[i],
                                p.externalRef(), p.receivedAt(), p.amountMinor(), p.reference(), null));
                    }
                }
                rows.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not write payments", e);
            }
            plan.assign(ids);
            paymentsCreated += fresh.size();
        }
        return plan.outcomes();
    }

    private static List<Issue> paymentDiff(PostPayment stored, PostPayment given) {
        List<Issue> issues = new ArrayList<>();
        differ(issues, "accountRef", stored.accountRef(), given.accountRef());
        differ(issues, "currency", stored.currency(), given.currency());
        if (stored.amountMinor() != given.amountMinor()) {
            issues.add(new Issue("amount", "differs from the stored amount "
                    + Money.format(stored.amountMinor(), stored.currency())));
        }
        differ(issues, "receivedAt", stored.receivedAt(), given.receivedAt());
        differ(issues, "method", stored.method(), given.method());
        differ(issues, "reference", stored.reference(), given.reference());
        return issues;
    }

    // ---------------------------------------------------------------- adjustments

    @Override
    public List<RecordOutcome> adjustments(List<RecordAdjustment> chunk) {
        Map<String, Stored<RecordAdjustment>> stored = new HashMap<>();
        String[] refs = refs(chunk, RecordAdjustment::externalRef);
        if (refs.length > 0) {
            jdbc.sql("""
                            select d.id, d.external_ref, a.external_ref as account_ref, b.external_ref as bill_ref,
                                   d.type, d.amount_minor, d.currency, d.reason, d.effective_date, d.due_date
                            from adjustment d join account a on a.id = d.account_id
                            left join bill b on b.id = d.bill_id where d.external_ref = any(?)""")
                    .param(refs)
                    .query(rs -> {
                        stored.put(rs.getString("external_ref"), new Stored<>(rs.getLong("id"), new RecordAdjustment(
                                rs.getString("external_ref"), rs.getString("account_ref"), rs.getString("bill_ref"),
                                dev.arrears.ledger.domain.AccountHistory.AdjustmentType.valueOf(rs.getString("type")),
                                rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency")),
                                rs.getString("reason"), Rows.date(rs, "effective_date"), Rows.date(rs, "due_date"))));
                    });
        }
        Plan<RecordAdjustment> plan = plan(chunk, RecordAdjustment::externalRef, stored,
                BulkSession::adjustmentDiff);
        resolveAccounts(plan.fresh.stream().map(i -> chunk.get(i).accountRef()).toList());
        plan.reject(i -> accountIssue(chunk.get(i).accountRef(), chunk.get(i).currency()));
        record BillKey(long id, long accountId) {
        }
        Map<String, BillKey> bills = new HashMap<>();
        String[] billRefs = plan.fresh.stream().map(i -> chunk.get(i).billRef()).filter(Objects::nonNull)
                .distinct().toArray(String[]::new);
        if (billRefs.length > 0) {
            jdbc.sql("select id, external_ref, account_id from bill where external_ref = any(?)")
                    .param(billRefs)
                    .query(rs -> {
                        bills.put(rs.getString(2), new BillKey(rs.getLong(1), rs.getLong(3)));
                    });
        }
        plan.reject(i -> {
            RecordAdjustment d = chunk.get(i);
            if (d.billRef() == null) {
                return null;
            }
            BillKey bill = bills.get(d.billRef());
            if (bill == null) {
                return new Issue("billRef", "unknown bill '" + d.billRef() + "'");
            }
            return bill.accountId() == accountCache.get(d.accountRef()).id() ? null
                    : new Issue("billRef", "bill '" + d.billRef() + "' belongs to another account");
        });
        if (!plan.fresh.isEmpty()) {
            List<RecordAdjustment> fresh = plan.freshRecords(chunk);
            long[] ids = reserveIds("adjustment", fresh.size());
            try {
                CopyRows rows = new CopyRows(connection, """
                        copy adjustment (id, external_ref, account_id, bill_id, type, amount_minor, currency, reason,
                                         effective_date, due_date, created_at) from stdin""");
                for (int i = 0; i < fresh.size(); i++) {
                    RecordAdjustment d = fresh.get(i);
                    AccountKey account = accountCache.get(d.accountRef());
                    rows.field(ids[i]).field(d.externalRef()).field(account.id())
                            .field(d.billRef() == null ? null : bills.get(d.billRef()).id()).field(d.type().name())
                            .field(d.amountMinor()).field(account.currency()).field(d.reason())
                            .field(d.effectiveDate()).field(d.dueDate()).field(now.toString()).endRow();
                    FreshHistory history = touch(account);
                    if (history != null) {
                        history.adjustments.add(new dev.arrears.ledger.domain.AccountHistory.AdjustmentFact(ids[i],
                                d.externalRef(), d.type(), d.billRef(), d.amountMinor(), d.effectiveDate(),
                                d.dueDate()));
                    }
                }
                rows.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not write adjustments", e);
            }
            plan.assign(ids);
            adjustmentsCreated += fresh.size();
        }
        return plan.outcomes();
    }

    private static List<Issue> adjustmentDiff(RecordAdjustment stored, RecordAdjustment given) {
        List<Issue> issues = new ArrayList<>();
        differ(issues, "accountRef", stored.accountRef(), given.accountRef());
        differ(issues, "billRef", stored.billRef(), given.billRef());
        differ(issues, "type", stored.type(), given.type());
        differ(issues, "currency", stored.currency(), given.currency());
        if (stored.amountMinor() != given.amountMinor()) {
            issues.add(new Issue("amount", "differs from the stored amount "
                    + Money.format(stored.amountMinor(), stored.currency())));
        }
        differ(issues, "reason", stored.reason(), given.reason());
        differ(issues, "effectiveDate", stored.effectiveDate(), given.effectiveDate());
        differ(issues, "dueDate", stored.dueDate(), given.dueDate());
        return issues;
    }

    // ---------------------------------------------------------------- shared steps

    private boolean preloaded;

    private void resolveAccounts(List<String> refs) {
        String[] missing = refs.stream().filter(r -> !accountCache.containsKey(r)).distinct().toArray(String[]::new);
        if (missing.length == 0) {
            return;
        }
        if (!preloaded && missing.length >= 2_000 && accountEstimate() <= 20L * missing.length) {
            // A bulk load touching a good part of the accounts: one scan beats index probes by the thousand.
            preloaded = true;
            jdbc.sql("""
                            select a.id, a.external_ref, s.currency, s.time_zone, s.product_line, s.events
                            from account a join account_state s on s.account_id = a.id""")
                    .query(rs -> {
                        accountCache.putIfAbsent(rs.getString(2), new AccountKey(rs.getLong(1), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6) == 0));
                    });
            missing = refs.stream().filter(r -> !accountCache.containsKey(r)).distinct().toArray(String[]::new);
            if (missing.length == 0) {
                return;
            }
        }
        jdbc.sql("""
                        select a.id, a.external_ref, s.currency, s.time_zone, s.product_line, s.events
                        from account a join account_state s on s.account_id = a.id where a.external_ref = any(?)""")
                .param(missing)
                .query(rs -> {
                    accountCache.put(rs.getString(2), new AccountKey(rs.getLong(1), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6) == 0));
                });
    }

    /** Returns the planner's estimate of the number of accounts (no scan). */
    private long accountEstimate() {
        return jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'account'::regclass")
                .query(Long.class).single();
    }

    private Issue accountIssue(String accountRef, Currency currency) {
        return accountIssue(accountCache.get(accountRef), accountRef, currency);
    }

    /**
     * Resolves the accounts of the given records of a chunk with one cache look-up each (and one query for those
     * not cached yet); returns the keys by index in the chunk, null where the account is unknown.
     */
    private <T> AccountKey[] accountKeys(List<T> chunk, List<Integer> indexes, Function<T, String> accountRef) {
        AccountKey[] keys = new AccountKey[chunk.size()];
        List<Integer> unresolved = new ArrayList<>();
        for (int i : indexes) {
            keys[i] = accountCache.get(accountRef.apply(chunk.get(i)));
            if (keys[i] == null) {
                unresolved.add(i);
            }
        }
        if (!unresolved.isEmpty()) {
            resolveAccounts(unresolved.stream().map(i -> accountRef.apply(chunk.get(i))).toList());
            for (int i : unresolved) {
                keys[i] = accountCache.get(accountRef.apply(chunk.get(i)));
            }
        }
        return keys;
    }

    private static Issue accountIssue(AccountKey account, String accountRef, Currency currency) {
        if (account == null) {
            return new Issue("accountRef", "unknown account '" + accountRef + "'");
        }
        if (!account.currency().equals(currency.getCurrencyCode())) {
            return new Issue("currency", "currency " + currency.getCurrencyCode() + " does not match the account's "
                    + account.currency());
        }
        return null;
    }

    /**
     * Takes {@code count} consecutive ids from the table's identity sequence with one round trip: the advisory
     * lock keeps two writers from interleaving between nextval and setval.
     */
    private long[] reserveIds(String table, int count) {
        long[] result = new long[count];
        if (count == 0) {
            return result;
        }
        long first = jdbc.sql("""
                        with lock as (select pg_advisory_lock(hashtext('arrears.ids.' || ?)))
                        select nextval(pg_get_serial_sequence(?, 'id')) from lock""")
                .params(table, table).query(Long.class).single();
        jdbc.sql("select setval(pg_get_serial_sequence(?, 'id'), ?), pg_advisory_unlock(hashtext('arrears.ids.' || ?))")
                .params(table, first + count - 1, table).query((rs, n) -> rs.getLong(1)).single();
        for (int i = 0; i < count; i++) {
            result[i] = first + i;
        }
        return result;
    }

    private static <T> String[] refs(List<T> chunk, Function<T, String> ref) {
        return chunk.stream().map(ref).distinct().toArray(String[]::new);
    }

    private static String pgArray(Set<Channel> channels) {
        return channels.stream().map(Enum::name).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private static Set<Channel> channels(List<String> names) {
        return names.stream().map(Channel::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void differ(List<Issue> issues, String field, Object stored, Object given) {
        if (!Objects.equals(stored, given)) {
            issues.add(new Issue(field, "differs from the stored value '" + (stored == null ? "" : stored) + "'"));
        }
    }

    record Stored<T>(long id, T record) {
    }

    /** Classification of one chunk: outcomes so far and the indexes of records still to insert. */
    private <T> Plan<T> plan(List<T> chunk, Function<T, String> ref, Map<String, Stored<T>> stored,
                             java.util.function.BiFunction<T, T, List<Issue>> diff) {
        Plan<T> plan = new Plan<>(chunk.size());
        Map<String, Integer> firstInChunk = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            T record = chunk.get(i);
            String key = ref.apply(record);
            Stored<T> existing = stored.get(key);
            Integer earlier = firstInChunk.get(key);
            if (existing != null) {
                List<Issue> issues = diff.apply(existing.record(), record);
                plan.outcomes[i] = issues.isEmpty() ? RecordOutcome.unchanged(existing.id())
                        : RecordOutcome.conflict(issues);
                if (issues.isEmpty()) {
                    unchanged++;
                }
            } else if (earlier != null) {
                List<Issue> issues = diff.apply(chunk.get(earlier), record);
                if (issues.isEmpty()) {
                    plan.sameAs[i] = earlier;
                    unchanged++;
                } else {
                    plan.outcomes[i] = RecordOutcome.conflict(issues);
                }
            } else {
                firstInChunk.put(key, i);
                plan.fresh.add(i);
            }
        }
        return plan;
    }

    private static final class Plan<T> {
        final RecordOutcome[] outcomes;
        final int[] sameAs;
        List<Integer> fresh = new ArrayList<>();

        Plan(int size) {
            outcomes = new RecordOutcome[size];
            sameAs = new int[size];
            java.util.Arrays.fill(sameAs, -1);
        }

        void reject(Function<Integer, Issue> check) {
            List<Integer> kept = new ArrayList<>(fresh.size());
            for (int i : fresh) {
                Issue issue = check.apply(i);
                if (issue == null) {
                    kept.add(i);
                } else {
                    outcomes[i] = new RecordOutcome(RecordOutcome.Status.INVALID, 0, List.of(issue));
                }
            }
            fresh = kept;
        }

        List<T> freshRecords(List<T> chunk) {
            List<T> records = new ArrayList<>(fresh.size());
            for (int i : fresh) {
                records.add(chunk.get(i));
            }
            return records;
        }

        void assign(long[] ids) {
            for (int k = 0; k < ids.length; k++) {
                outcomes[fresh.get(k)] = RecordOutcome.created(ids[k]);
            }
        }

        List<RecordOutcome> outcomes() {
            for (int i = 0; i < sameAs.length; i++) {
                if (sameAs[i] >= 0) {
                    RecordOutcome first = outcomes[sameAs[i]];
                    outcomes[i] = first.written() ? RecordOutcome.unchanged(first.id()) : first;
                }
            }
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    throw new IllegalStateException("record " + i + " has no outcome");
                }
            }
            return List.of(outcomes);
        }
    }
}
