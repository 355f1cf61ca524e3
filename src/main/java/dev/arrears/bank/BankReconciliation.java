package dev.arrears.bank;

import dev.arrears.bank.BankViews.EntryState;
import dev.arrears.bank.BankViews.EntryView;
import dev.arrears.bank.BankViews.ImportOutcome;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.BankViews.Page;
import dev.arrears.bank.domain.BankCredit;
import dev.arrears.bank.domain.CamtFile;
import dev.arrears.bank.domain.CamtKind;
import dev.arrears.bank.domain.CamtParser;
import dev.arrears.bank.domain.Matcher;
import dev.arrears.bank.domain.Matcher.Candidate;
import dev.arrears.bank.domain.Matcher.CandidateIndex;
import dev.arrears.bank.domain.Matcher.Match;
import dev.arrears.bank.domain.Matcher.OpenBill;
import dev.arrears.bank.persistence.BankStore;
import dev.arrears.bank.persistence.BankStore.NewEntry;
import dev.arrears.bank.persistence.BankStore.Posted;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.Payees;
import dev.arrears.ledger.Payees.Payee;
import dev.arrears.ledger.Payees.PayeeBill;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.OpenBills;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bank reconciliation's façade. An import parses the whole camt file first (a problem anywhere rejects the file
 * and writes nothing), then in one transaction, under a lock that serialises imports: recognises a file imported
 * before by its SHA-256 (and posts nothing), skips bookings already imported from any file (their dedup key),
 * matches each new credit ({@link Matcher}), posts those at or above the confidence threshold as payments through
 * the {@link Ledger} (external reference {@code camt:<dedup key>}, so a booking cannot post twice even outside this
 * module's own check), queues the rest as UNMATCHED, reverses the payments that returns name, and records it all.
 * People then resolve queued credits to an account (posting the payment) or dismiss them.
 */
@Service
public class BankReconciliation {

    private static final Logger log = LoggerFactory.getLogger(BankReconciliation.class);
    /** Payment references are free text in the ledger; long remittance texts are cut to this many characters. */
    private static final int REFERENCE_LENGTH = 140;

    private final BankStore store;
    private final Ledger ledger;
    private final Payees payees;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final double threshold;
    private final DirectDebits directDebits;
    private final CamtParser parser = new CamtParser();

    BankReconciliation(BankStore store, Ledger ledger, Payees payees, TransactionTemplate transactions, Clock clock,
                       @Value("${arrears.bank.match-threshold:0.75}") double threshold, DirectDebits directDebits) {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalStateException("arrears.bank.match-threshold must be above 0 and at most 1, not "
                    + threshold);
        }
        this.store = store;
        this.ledger = ledger;
        this.payees = payees;
        this.transactions = transactions;
        this.clock = clock;
        this.threshold = threshold;
        this.directDebits = directDebits;
    }

    /** Returns the confidence at or above which a match is posted. */
    public double threshold() {
        return threshold;
    }

    /** Returns the external reference of the payment a booking posts. */
    public static String paymentRef(String dedupKey) {
        return "camt:" + dedupKey;
    }

    /**
     * Imports a camt file of the kind: parses it whole, then posts, queues and reverses in one transaction.
     * Throws {@link InvalidInputException} with the line and column of each problem when the file cannot be used.
     */
    public ImportOutcome importFile(CamtKind kind, String fileName, InputStream in, String actor) {
        long started = System.nanoTime();
        MessageDigest digest = sha256();
        CamtFile file;
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            // the JDK's StAX parser closes its stream at the end of the document; the digest still needs the rest
            file = parser.parse(kind, new java.io.FilterInputStream(digesting) {
                @Override
                public void close() {
                }
            });
            digesting.transferTo(OutputStream.nullOutputStream()); // what follows the document counts in the digest
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + fileName, e);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        long parsed = System.nanoTime();
        ImportOutcome outcome = transactions.execute(status -> reconcile(file, fileName, sha, actor, started));
        log.info("camt import {} ({}): parsed in {} ms, reconciled in {} ms", fileName, file.schema(),
                (parsed - started) / 1_000_000, (System.nanoTime() - parsed) / 1_000_000);
        return outcome;
    }

    private ImportOutcome reconcile(CamtFile file, String fileName, String sha, String actor, long started) {
        store.lockImports();
        var previous = store.importBySha(sha);
        if (previous.isPresent()) {
            return new ImportOutcome(true, previous.get(), seconds(started));
        }
        Instant now = clock.instant();
        long importId = store.insertImport(fileName, sha, file.kind().name(), file.schema(), file.messageId(),
                actor, now);

        // a booking posts once: drop those already stored, and repeats inside this file
        Map<String, BankCredit> fresh = new LinkedHashMap<>();
        List<BankCredit> all = new ArrayList<>(file.credits().size() + file.returns().size());
        all.addAll(file.credits());
        all.addAll(file.returns());
        int duplicates = 0;
        Set<String> known = store.existingKeys(all.stream().map(BankCredit::dedupKey).distinct().toList());
        for (BankCredit credit : all) {
            if (known.contains(credit.dedupKey()) || fresh.putIfAbsent(credit.dedupKey(), credit) != null) {
                duplicates++;
            }
        }
        List<BankCredit> credits = fresh.values().stream().filter(c -> !c.returned()).toList();
        List<BankCredit> returns = fresh.values().stream().filter(BankCredit::returned).toList();

        long t0 = System.nanoTime();
        List<Match> matches = match(credits);
        long t1 = System.nanoTime();
        List<NewEntry> rows = new ArrayList<>(fresh.size());
        List<PostPayment> payments = new ArrayList<>();
        List<Integer> postedRows = new ArrayList<>();
        int unmatched = 0;
        for (int i = 0; i < credits.size(); i++) {
            BankCredit c = credits.get(i);
            Match m = matches.get(i);
            if (m.confident(threshold)) {
                String paymentRef = paymentRef(c.dedupKey());
                payments.add(new PostPayment(paymentRef, m.accountRef(), c.amountMinor(), c.currency(), c.bookedAt(),
                        PaymentMethod.BANK_TRANSFER, reference(c, m.billRef())));
                postedRows.add(rows.size());
                rows.add(new NewEntry(importId, c, EntryState.POSTED, m.rule().name(), m.confidence(),
                        m.accountRef(), m.billRef(), m.reason(), paymentRef, null));
            } else {
                unmatched++;
                rows.add(new NewEntry(importId, c, EntryState.UNMATCHED, m.rule().name(), m.confidence(),
                        m.accountRef(), m.billRef(), m.reason(), null, null));
            }
        }
        if (!payments.isEmpty()) {
            // the bulk path: no views of 100,000 payments read back; a return looks its payment up by reference
            ledger.load(new LedgerBatch(List.of(), List.of(), List.of(), payments, List.of()));
        }
        long t2 = System.nanoTime();
        int reversed = reverse(importId, returns, rows, now);
        store.insertEntries(rows, now);
        log.info("camt import {}: {} new of {} ({} duplicates); matched in {} ms, posted {} in {} ms, recorded in {} ms",
                fileName, fresh.size(), all.size(), duplicates, (t1 - t0) / 1_000_000, payments.size(),
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        store.countImport(importId, file.entries(), file.credits().size(), file.returns().size(), file.notBooked(),
                file.debitsIgnored(), duplicates, payments.size(), unmatched, reversed);
        return new ImportOutcome(false, store.importById(importId).orElseThrow(), seconds(started));
    }

    /** Matches credits in two passes: references for all, then debtor names and amounts for those still open. */
    private List<Match> match(List<BankCredit> credits) {
        Set<String> refs = new LinkedHashSet<>();
        credits.forEach(c -> refs.addAll(Matcher.references(c)));
        long started = System.nanoTime();
        Map<String, Payee> accounts = refs.isEmpty() ? Map.of() : payees.byAccountRefs(refs);
        long accountsRead = System.nanoTime();
        Map<String, PayeeBill> bills = refs.isEmpty() ? Map.of() : payees.byBillRefs(refs);
        long billsRead = System.nanoTime();
        Map<String, Candidate> accountIndex = new HashMap<>();
        accounts.forEach((ref, p) -> accountIndex.put(ref, candidate(p, List.of())));
        Map<String, Matcher.BillCandidate> billIndex = new HashMap<>();
        bills.forEach((ref, b) -> billIndex.put(ref, new Matcher.BillCandidate(b.billRef(),
                candidate(b.payee(), List.of()))));
        CandidateIndex byRefs = new CandidateIndex(accountIndex, billIndex, Map.of());
        List<Match> matches = new ArrayList<>(credits.size());
        Set<String> names = new LinkedHashSet<>();
        for (BankCredit c : credits) {
            Match m = Matcher.match(c, byRefs);
            matches.add(m);
            if (m.rule() == Matcher.Rule.NONE) {
                names.addAll(Matcher.names(c));
            }
        }
        long matched = System.nanoTime();
        log.debug("match: {} references, accounts read in {} ms, bills in {} ms, matched in {} ms", refs.size(),
                (accountsRead - started) / 1_000_000, (billsRead - accountsRead) / 1_000_000,
                (matched - billsRead) / 1_000_000);
        if (names.isEmpty()) {
            return matches;
        }
        Map<String, List<Payee>> named = payees.byLowerNames(names);
        // open bills (a replay of each account's history) only where the amount is not the balance or overdue
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < credits.size(); i++) {
            if (matches.get(i).rule() != Matcher.Rule.NONE) {
                continue;
            }
            long amount = credits.get(i).amountMinor();
            for (String name : Matcher.names(credits.get(i))) {
                for (Payee p : named.getOrDefault(name, List.of())) {
                    if (amount != p.balanceMinor() && amount != p.overdueMinor()) {
                        ids.add(p.accountId());
                    }
                }
            }
        }
        long namesRead = System.nanoTime();
        Map<Long, OpenBills> open = ledger.openBills(ids);
        log.debug("match: {} names, read in {} ms, open bills of {} accounts in {} ms", names.size(),
                (namesRead - matched) / 1_000_000, ids.size(), (System.nanoTime() - namesRead) / 1_000_000);
        Map<String, List<Candidate>> byName = new HashMap<>();
        named.forEach((name, list) -> byName.put(name, list.stream().map(p -> candidate(p,
                open.containsKey(p.accountId()) ? open.get(p.accountId()).bills() : List.of())).toList()));
        CandidateIndex full = new CandidateIndex(accountIndex, billIndex, byName);
        for (int i = 0; i < credits.size(); i++) {
            if (matches.get(i).rule() == Matcher.Rule.NONE) {
                matches.set(i, Matcher.match(credits.get(i), full));
            }
        }
        return matches;
    }

    private static Candidate candidate(Payee p, List<BillView> openBills) {
        return new Candidate(p.accountRef(), p.customerName(), p.currency(), p.balanceMinor(), p.overdueMinor(),
                openBills.stream().map(b -> new OpenBill(b.externalRef(), b.outstandingMinor())).toList());
    }

    /**
     * Reverses the payments that returns name by end-to-end id (the same amount and currency, on the same bank
     * account), in this file or imported before; adds a row per return. Returns how many payments it reversed.
     */
    private int reverse(long importId, List<BankCredit> returns, List<NewEntry> rows, Instant now) {
        if (returns.isEmpty()) {
            return 0;
        }
        Set<String> ends = new HashSet<>();
        returns.forEach(r -> {
            if (r.endToEndId() != null) {
                ends.add(r.endToEndId());
            }
        });
        List<Posted> earlier = new ArrayList<>(store.postedByEndToEnd(ends));
        Set<String> refs = new HashSet<>();
        rows.forEach(e -> {
            if (e.state() == EntryState.POSTED && e.credit().endToEndId() != null
                    && ends.contains(e.credit().endToEndId())) {
                refs.add(e.paymentRef());
            }
        });
        earlier.forEach(p -> refs.add(p.paymentRef()));
        Map<String, Long> paymentIds = payees.paymentIds(refs);
        List<Long> reversedEarlier = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int reversed = 0;
        for (BankCredit r : returns) {
            Long paymentId = null;
            String paymentRef = null;
            String accountRef = null;
            if (r.endToEndId() != null) {
                for (int i = 0; i < rows.size() && paymentId == null; i++) {
                    NewEntry e = rows.get(i);
                    BankCredit c = e.credit();
                    if (e.state() == EntryState.POSTED && !c.returned() && r.endToEndId().equals(c.endToEndId())
                            && sameMoney(r, c) && used.add(c.dedupKey())) {
                        paymentId = paymentIds.get(e.paymentRef());
                        paymentRef = e.paymentRef();
                        accountRef = e.accountRef();
                        rows.set(i, new NewEntry(e.importId(), c, EntryState.REVERSED, e.rule(), e.confidence(),
                                e.accountRef(), e.billRef(), e.reason(), e.paymentRef(), e.paymentId()));
                    }
                }
                for (Posted p : earlier) {
                    if (paymentId == null && paymentIds.containsKey(p.paymentRef())
                            && r.endToEndId().equals(p.endToEndId())
                            && p.amountMinor() == r.amountMinor()
                            && p.currency().equals(r.currency().getCurrencyCode())
                            && p.bankAccount().equals(r.bankAccount()) && used.add(p.dedupKey())) {
                        paymentId = paymentIds.get(p.paymentRef());
                        paymentRef = p.paymentRef();
                        reversedEarlier.add(p.id());
                    }
                }
            }
            if (paymentId == null && r.endToEndId() != null) {
                // not a credit this module posted: perhaps a direct debit collection of ours coming back
                var collection = directDebits.returnedByBank(r.endToEndId(), r.amountMinor(),
                        r.currency().getCurrencyCode(), r.bookedAt());
                if (collection.isPresent()) {
                    reversed++;
                    rows.add(new NewEntry(importId, r, EntryState.RETURN_APPLIED, "RETURN", 1.0,
                            collection.get().accountRef(), collection.get().billRef(),
                            "direct debit returned by the bank: payment "
                                    + DirectDebits.paymentRef(r.endToEndId()) + " reversed",
                            DirectDebits.paymentRef(r.endToEndId()), collection.get().paymentId()));
                    continue;
                }
            }
            if (paymentId == null) {
                rows.add(new NewEntry(importId, r, EntryState.RETURN_UNMATCHED, "RETURN", null, null, null,
                        r.endToEndId() == null ? "the return carries no end-to-end id"
                                : "no posted credit with end-to-end id " + r.endToEndId() + " and this amount",
                        null, null));
                continue;
            }
            Written<PaymentView> written = ledger.reversePayment(paymentId,
                    new ReversePayment(ReversalReason.RETURNED_DEBIT, r.bookedAt()));
            reversed++;
            rows.add(new NewEntry(importId, r, EntryState.RETURN_APPLIED, "RETURN", 1.0,
                    accountRef != null ? accountRef : written.view().accountRef(), null,
                    "returned by the bank: payment " + paymentRef + " reversed", paymentRef, paymentId));
        }
        store.markReversed(reversedEarlier, now);
        return reversed;
    }

    private static boolean sameMoney(BankCredit a, BankCredit b) {
        return a.amountMinor() == b.amountMinor() && a.currency().equals(b.currency())
                && a.bankAccount().equals(b.bankAccount());
    }

    /** Returns the payment's reference: the bill it pays, else the creditor reference, else the remittance text. */
    private static String reference(BankCredit c, String billRef) {
        String text = billRef != null ? billRef
                : !c.structuredRefs().isEmpty() ? c.structuredRefs().getFirst() : c.remittance();
        return text == null || text.length() <= REFERENCE_LENGTH ? text : text.substring(0, REFERENCE_LENGTH);
    }

    /** Returns the imports, newest first. */
    public Page<ImportView> imports(int page, int size) {
        return store.imports(page, size);
    }

    /** Returns an import. */
    public ImportView importView(long id) {
        return store.importById(id).orElseThrow(() -> new NotFoundException("no bank import with id " + id));
    }

    /** Returns entries in a state (null: all), of one import (null: all), oldest first. */
    public Page<EntryView> entries(EntryState state, Long importId, int page, int size) {
        return store.entries(state, importId, page, size);
    }

    /** Returns an entry. */
    public EntryView entry(long id) {
        return store.entry(id, false).orElseThrow(() -> new NotFoundException("no bank entry with id " + id));
    }

    /**
     * Posts an unmatched credit to the account a person names (and the bill, which must be the account's); 409
     * when the entry is not UNMATCHED, 400 for an unknown account or bill or another currency.
     */
    public EntryView resolve(long id, String accountRef, String billRef, String note, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (accountRef == null || accountRef.isBlank()) {
            errors.add(FieldError.at("/accountRef", "required: the external reference of the account paid"));
        }
        if (billRef != null && billRef.isBlank()) {
            errors.add(FieldError.at("/billRef", "must not be blank; leave it out to pay the account"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String account = accountRef.strip();
        String bill = billRef == null ? null : billRef.strip();
        return transactions.execute(status -> {
            EntryView entry = store.entry(id, true)
                    .orElseThrow(() -> new NotFoundException("no bank entry with id " + id));
            if (entry.state() != EntryState.UNMATCHED) {
                throw new ConflictException("bank entry " + id + " is " + entry.state()
                        + "; only UNMATCHED entries can be resolved", List.of());
            }
            Payee payee = payees.byAccountRefs(List.of(account)).get(account);
            if (payee == null) {
                throw new InvalidInputException(FieldError.at("/accountRef", "no account '" + account + "'"));
            }
            if (!payee.currency().equals(entry.currency())) {
                throw new InvalidInputException(FieldError.at("/accountRef", "account '" + account + "' is in "
                        + payee.currency() + ", the credit is in " + entry.currency()));
            }
            if (bill != null) {
                PayeeBill found = payees.byBillRefs(List.of(bill)).get(bill);
                if (found == null || !found.payee().accountRef().equals(account)) {
                    throw new InvalidInputException(FieldError.at("/billRef", "account '" + account
                            + "' has no bill '" + bill + "'"));
                }
            }
            String paymentRef = paymentRef(store.dedupKey(id));
            String reference = bill != null ? bill : entry.structuredRef() != null ? entry.structuredRef()
                    : entry.remittance();
            if (reference != null && reference.length() > REFERENCE_LENGTH) {
                reference = reference.substring(0, REFERENCE_LENGTH);
            }
            Written<PaymentView> written = ledger.postPayments(List.of(new PostPayment(paymentRef, account,
                    entry.amountMinor(), java.util.Currency.getInstance(entry.currency()), store.bookedAt(id),
                    PaymentMethod.BANK_TRANSFER, reference))).getFirst();
            store.resolve(id, account, bill, paymentRef, written.view().id(), actor, clock.instant(),
                    note == null || note.isBlank() ? null : note.strip());
            return store.entry(id, false).orElseThrow();
        });
    }

    /** Sets an unmatched credit or return aside with a reason; 409 when it is not waiting for a person. */
    public EntryView dismiss(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(FieldError.at("/reason", "required: why the entry is set aside"));
        }
        return transactions.execute(status -> {
            EntryView entry = store.entry(id, true)
                    .orElseThrow(() -> new NotFoundException("no bank entry with id " + id));
            if (entry.state() != EntryState.UNMATCHED && entry.state() != EntryState.RETURN_UNMATCHED) {
                throw new ConflictException("bank entry " + id + " is " + entry.state()
                        + "; only UNMATCHED and RETURN_UNMATCHED entries can be dismissed", List.of());
            }
            store.dismiss(id, actor, clock.instant(), reason.strip());
            return store.entry(id, false).orElseThrow();
        });
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
