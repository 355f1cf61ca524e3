package dev.arrears.bank;

import dev.arrears.bank.DebitViews.BatchDetail;
import dev.arrears.bank.DebitViews.BatchStatus;
import dev.arrears.bank.DebitViews.BatchView;
import dev.arrears.bank.DebitViews.InstructionStatus;
import dev.arrears.bank.DebitViews.InstructionView;
import dev.arrears.bank.DebitViews.MandateView;
import dev.arrears.bank.DebitViews.NewMandate;
import dev.arrears.bank.domain.DebitPlanner;
import dev.arrears.bank.domain.DebitPlanner.OpenBill;
import dev.arrears.bank.domain.DebitPlanner.Planned;
import dev.arrears.bank.domain.Iban;
import dev.arrears.bank.domain.Pain008;
import dev.arrears.bank.persistence.DebitStore;
import dev.arrears.bank.persistence.DebitStore.ActiveMandate;
import dev.arrears.bank.persistence.DebitStore.NewInstruction;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.OpenBills;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Auto-debit mandates and direct debit collections (docs/bank.md, "Direct debits"). A mandate authorises the
 * creditor to collect from a customer's bank account (an IBAN) or a gateway's payment agreement; one is active per
 * account. {@link #prepare} plans the collections of a date ({@link DebitPlanner}: every bill due by then and still
 * owing on an account with an active mandate), writes them as one ISO 20022 pain.008.001.08 file, checks it against
 * the ISO schema and stores file and collections together, or nothing. The creditor submits the file to its bank
 * ({@link #submitted}); when the collection date has come, {@link #collected} posts each collection as a payment
 * (external reference {@code dd:<end-to-end id>}, so a collection posts once); a collection the debtor's bank
 * returns ({@link #returned}, by its end-to-end id and ISO return reason code) reverses its payment, which re-opens
 * the account's collection through the ledger's reversal, or is marked rejected when it came back before.
 */
@Service
public class DirectDebits {

    private static final Logger log = LoggerFactory.getLogger(DirectDebits.class);
    /** SEPA's character set for references: letters, digits and a few signs. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9+?/:().,' -]{1,35}");
    private static final Pattern REASON = Pattern.compile("[A-Z0-9]{4}");
    private static final int MAX_NAME = 140;

    private final DebitStore store;
    private final Ledger ledger;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Pain008.Creditor creditor;
    private final ZoneId zone;
    private final int maxPresentations;

    DirectDebits(DebitStore store, Ledger ledger, TransactionTemplate transactions, Clock clock,
                 @Value("${arrears.bank.creditor.name:Arrears Demo Services}") String creditorName,
                 @Value("${arrears.bank.creditor.iban:DE89370400440532013000}") String creditorIban,
                 @Value("${arrears.bank.creditor.bic:COBADEFFXXX}") String creditorBic,
                 @Value("${arrears.bank.creditor.scheme-id:DE98ZZZ09999999999}") String schemeId,
                 @Value("${arrears.bank.debit.zone:Europe/Berlin}") String zone,
                 @Value("${arrears.bank.debit.max-presentations:2}") int maxPresentations) {
        String iban = Iban.normalise(creditorIban);
        String bic = creditorBic == null || creditorBic.isBlank() ? null : creditorBic.strip().toUpperCase();
        if (Iban.problem(iban) != null) {
            throw new IllegalStateException("arrears.bank.creditor.iban " + Iban.problem(iban));
        }
        if (bic != null && !Iban.validBic(bic)) {
            throw new IllegalStateException("arrears.bank.creditor.bic is not a BIC of 8 or 11 characters");
        }
        if (creditorName == null || creditorName.isBlank() || schemeId == null || schemeId.isBlank()
                || schemeId.strip().length() > 35) {
            throw new IllegalStateException("arrears.bank.creditor.name and arrears.bank.creditor.scheme-id (the "
                    + "creditor identifier, at most 35 characters) must be set");
        }
        if (maxPresentations < 1) {
            throw new IllegalStateException("arrears.bank.debit.max-presentations must be at least 1");
        }
        this.store = store;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.creditor = new Pain008.Creditor(creditorName.strip(), iban, bic, schemeId.strip());
        this.zone = ZoneId.of(zone);
        this.maxPresentations = maxPresentations;
    }

    /** Returns today in the zone of the creditor's bank, the zone collection dates are in. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Records a mandate for an account; 400 with every problem, 404 for no such account, 409 for a clash. */
    public MandateView createMandate(long accountId, NewMandate m, String actor) {
        AccountView account = ledger.account(accountId, null)
                .orElseThrow(() -> new NotFoundException("no account with id " + accountId));
        List<FieldError> errors = new ArrayList<>();
        String reference = m.reference() == null ? null : m.reference().strip();
        if (reference == null || reference.isEmpty()) {
            errors.add(FieldError.at("/reference", "is required: the unique mandate reference, e.g. \"ARR-000123\""));
        } else if (!REFERENCE.matcher(reference).matches()) {
            errors.add(FieldError.at("/reference", "must be 1 to 35 letters, digits, spaces or + ? / - : ( ) . , '"));
        }
        if (m.scheme() == null) {
            errors.add(FieldError.at("/scheme", "is required: CORE (consumers) or B2B (businesses)"));
        }
        String name = m.debtorName() == null ? null : m.debtorName().strip();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.at("/debtorName", "is required: the account holder's name as the bank knows it"));
        } else if (name.length() > MAX_NAME) {
            errors.add(FieldError.at("/debtorName", "is longer than " + MAX_NAME + " characters"));
        }
        String iban = m.debtorIban() == null || m.debtorIban().isBlank() ? null : Iban.normalise(m.debtorIban());
        String agreement = m.agreementId() == null || m.agreementId().isBlank() ? null : m.agreementId().strip();
        if (iban == null && agreement == null) {
            errors.add(FieldError.at("/debtorIban", "is required unless agreementId names a payment agreement"));
        } else if (iban != null && agreement != null) {
            errors.add(FieldError.at("/agreementId", "give either debtorIban or agreementId, not both"));
        } else if (iban != null && Iban.problem(iban) != null) {
            errors.add(FieldError.at("/debtorIban", Iban.problem(iban)));
        } else if (agreement != null && agreement.length() > 34) {
            errors.add(FieldError.at("/agreementId", "is longer than 34 characters"));
        }
        String bic = m.debtorBic() == null || m.debtorBic().isBlank() ? null : m.debtorBic().strip().toUpperCase();
        if (bic != null && !Iban.validBic(bic)) {
            errors.add(FieldError.at("/debtorBic", "is not a BIC: 8 or 11 letters and digits, e.g. COBADEFFXXX"));
        }
        if (m.signedOn() == null) {
            errors.add(FieldError.at("/signedOn", "is required: the date the debtor signed, e.g. \"2026-11-02\""));
        } else if (m.signedOn().isAfter(today())) {
            errors.add(FieldError.at("/signedOn", "is after today (" + today() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!account.summary().status().name().equals("ACTIVE") && !account.summary().status().name()
                .equals("SUSPENDED")) {
            throw new ConflictException("account " + account.summary().externalRef() + " is "
                    + account.summary().status() + ": no mandate can be recorded for it", List.of());
        }
        try {
            long id = transactions.execute(s -> store.insertMandate(reference, accountId, m.scheme(), name, iban,
                    bic, agreement, m.signedOn(), actor, clock.instant()));
            return store.mandate(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            if (store.mandateByRef(reference).isPresent()) {
                throw new ConflictException("a mandate with reference " + reference + " exists already",
                        List.of(FieldError.at("/reference", "is taken")));
            }
            throw new ConflictException("account " + account.summary().externalRef() + " has an active mandate "
                    + "already: revoke it first", List.of());
        }
    }

    /** Returns an account's mandates, newest first. */
    public List<MandateView> mandates(long accountId) {
        return store.mandatesOf(accountId);
    }

    public MandateView mandate(long id) {
        return store.mandate(id).orElseThrow(() -> new NotFoundException("no mandate with id " + id));
    }

    /** Revokes a mandate: no later run collects under it; collections already in a file stand. */
    public MandateView revoke(long mandateId, String reason, String actor) {
        MandateView m = mandate(mandateId);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(FieldError.at("/reason", "is required: why the mandate ends"));
        }
        if (!store.revoke(mandateId, actor, clock.instant(), reason.strip())) {
            throw new ConflictException("mandate " + m.reference() + " is " + m.status() + " already", List.of());
        }
        return mandate(mandateId);
    }

    /**
     * Plans the collections of a date and stores them with their pain.008 file; returns the batch, or empty when
     * there is nothing to collect. The date may not be before today in the creditor bank's zone.
     */
    public Optional<BatchDetail> prepare(LocalDate collectionDate, String actor) {
        if (collectionDate.isBefore(today())) {
            throw new InvalidInputException(FieldError.at("/collectionDate", "is before today (" + today()
                    + "): a bank collects on a date to come"));
        }
        Long batchId = transactions.execute(s -> {
            store.lockRuns();
            List<ActiveMandate> mandates = store.activeMandates();
            Map<Long, ActiveMandate> byId = new HashMap<>();
            mandates.forEach(m -> byId.put(m.id(), m));
            Map<Long, OpenBills> open = ledger.openBills(mandates.stream().map(ActiveMandate::accountId).toList());
            Map<Long, List<OpenBill>> bills = new HashMap<>();
            List<Long> billIds = new ArrayList<>();
            for (OpenBills o : open.values()) {
                for (BillView b : o.bills()) {
                    bills.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(new OpenBill(b.id(),
                            b.externalRef(), o.accountId(), b.dueDate(), b.currency(), b.outstandingMinor()));
                    billIds.add(b.id());
                }
            }
            List<Planned> planned = DebitPlanner.plan(collectionDate, mandates.stream()
                    .map(m -> new DebitPlanner.Mandate(m.id(), m.accountId(), m.signedOn(), m.usedBefore())).toList(),
                    bills, store.histories(billIds), maxPresentations);
            if (planned.isEmpty()) {
                return null;
            }
            Instant now = clock.instant();
            long id = store.insertBatch("pending-" + java.util.UUID.randomUUID(), collectionDate, actor, now);
            String messageId = "ARR-DD-" + collectionDate.toString().replace("-", "") + "-" + id;
            List<NewInstruction> rows = new ArrayList<>();
            List<Pain008.Collection> collections = new ArrayList<>();
            Map<String, Long> sums = new LinkedHashMap<>();
            int n = 0;
            for (Planned p : planned) {
                ActiveMandate m = byId.get(p.mandateId());
                String endToEnd = "ARR-DD-" + id + "-" + (++n);
                rows.add(new NewInstruction(endToEnd, id, p.mandateId(), p.accountId(), p.billId(), p.amountMinor(),
                        p.currency(), p.sequence()));
                collections.add(new Pain008.Collection(endToEnd, p.amountMinor(), Currency.getInstance(p.currency()),
                        p.sequence(), m.scheme().name(), m.reference(), m.signedOn(), m.debtorName(), m.debtorIban(),
                        m.debtorBic(), m.agreementId(), "Bill " + p.billRef()));
                sums.merge(p.currency(), p.amountMinor(), Long::sum);
            }
            String xml = Pain008.write(new Pain008.Batch(messageId, now, collectionDate, creditor, collections));
            List<Pain008.Problem> problems = Pain008.validate(xml);
            if (!problems.isEmpty()) {
                // our own file failing the schema is a fault here, not the caller's: nothing is stored
                throw new IllegalStateException("the pain.008 file of " + collectionDate + " fails the ISO schema: "
                        + problems.getFirst());
            }
            Map<String, String> controlSums = new LinkedHashMap<>();
            sums.forEach((c, minor) -> controlSums.put(c, Money.format(minor, Currency.getInstance(c))));
            store.completeBatch(id, messageId, xml, rows.size(), controlSums);
            store.insertInstructions(rows);
            log.info("direct debit batch {} for {}: {} collections", messageId, collectionDate, rows.size());
            return id;
        });
        return batchId == null ? Optional.empty() : Optional.of(batch(batchId));
    }

    /** Returns batches, newest first. */
    public List<BatchView> batches(int page, int size) {
        return store.batches(page, size);
    }

    public long batchCount() {
        return store.batchCount();
    }

    /** Returns a batch with its collections; 404 when there is none. */
    public BatchDetail batch(long id) {
        BatchView b = store.batch(id).orElseThrow(() -> new NotFoundException("no direct debit batch " + id));
        return new BatchDetail(b, store.instructions(id));
    }

    /** Returns the pain.008 file of a batch as it was stored. */
    public String file(long batchId) {
        return store.xml(batchId).orElseThrow(() -> new NotFoundException("no direct debit batch " + batchId));
    }

    /** Returns an account's collections, newest first. */
    public List<InstructionView> collections(long accountId) {
        return store.instructionsOfAccount(accountId);
    }

    /** Marks a batch as sent to the bank; 409 unless it was just created. */
    public BatchDetail submitted(long batchId, String actor) {
        transactions.executeWithoutResult(s -> {
            BatchView b = store.lockBatch(batchId)
                    .orElseThrow(() -> new NotFoundException("no direct debit batch " + batchId));
            if (b.status() != BatchStatus.CREATED) {
                throw new ConflictException("batch " + b.messageId() + " is " + b.status() + " already", List.of());
            }
            store.setSubmitted(batchId, actor, clock.instant());
        });
        return batch(batchId);
    }

    /**
     * Posts the pending collections of a submitted batch as payments once its collection date has come; 409 when
     * the batch was not submitted, is collected already or its date is still to come.
     */
    public BatchDetail collected(long batchId, String actor) {
        transactions.executeWithoutResult(s -> {
            BatchView b = store.lockBatch(batchId)
                    .orElseThrow(() -> new NotFoundException("no direct debit batch " + batchId));
            if (b.status() != BatchStatus.SUBMITTED) {
                throw new ConflictException("batch " + b.messageId() + " is " + b.status()
                        + (b.status() == BatchStatus.CREATED ? ": mark it submitted first" : " already"), List.of());
            }
            if (b.collectionDate().isAfter(today())) {
                throw new ConflictException("batch " + b.messageId() + " collects on " + b.collectionDate()
                        + ", which has not come (today is " + today() + ")", List.of());
            }
            Instant now = clock.instant();
            List<InstructionView> pending = store.instructions(batchId).stream()
                    .filter(i -> i.status() == InstructionStatus.PENDING).toList();
            List<PostPayment> payments = pending.stream().map(i -> new PostPayment(paymentRef(i.endToEndId()),
                    i.accountRef(), i.amountMinor(), Currency.getInstance(i.currency()), now,
                    PaymentMethod.DIRECT_DEBIT, "direct debit " + i.mandateRef() + " bill " + i.billRef())).toList();
            List<Written<PaymentView>> written = payments.isEmpty() ? List.of() : ledger.postPayments(payments);
            for (int k = 0; k < pending.size(); k++) {
                store.setInstructionCollected(pending.get(k).id(), written.get(k).view().id());
            }
            store.setCollected(batchId, actor, now);
        });
        return batch(batchId);
    }

    /** Returns the external reference of the payment a collection posts. */
    public static String paymentRef(String endToEndId) {
        return "dd:" + endToEndId;
    }

    /**
     * Applies a return of the debtor's bank to a collection: a collected one's payment is reversed (RETURNED), a
     * pending one is marked REJECTED; 404 for an unknown end-to-end id, 409 when it came back before.
     */
    public InstructionView returned(String endToEndId, String reasonCode, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (endToEndId == null || endToEndId.isBlank()) {
            errors.add(FieldError.at("/endToEndId", "is required: the end-to-end id of the collection"));
        }
        String reason = reasonCode == null ? null : reasonCode.strip().toUpperCase();
        if (reason == null || !REASON.matcher(reason).matches()) {
            errors.add(FieldError.at("/reason", "must be an ISO 20022 return reason code of four letters or digits, "
                    + "e.g. AM04 (insufficient funds), MD06 (refund requested), AC04 (account closed)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String id = endToEndId.strip();
        transactions.executeWithoutResult(s -> {
            InstructionView i = store.lockInstruction(id)
                    .orElseThrow(() -> new NotFoundException("no direct debit collection " + id));
            Instant now = clock.instant();
            switch (i.status()) {
                case PENDING -> store.setInstructionReturned(i.id(), InstructionStatus.REJECTED, reason, now);
                case COLLECTED -> {
                    ledger.reversePayment(i.paymentId(), new ReversePayment(ReversalReason.RETURNED_DEBIT, now));
                    store.setInstructionReturned(i.id(), InstructionStatus.RETURNED, reason, now);
                }
                default -> throw new ConflictException("collection " + id + " was " + i.status() + " already ("
                        + i.returnReason() + ")", List.of());
            }
            log.info("direct debit {} returned by {} ({}), was {}", id, actor, reason, i.status());
        });
        return store.instruction(id).orElseThrow();
    }

    /**
     * Applies a return that a camt file books for one of our collections, in the caller's transaction: when a
     * COLLECTED collection has this end-to-end id, amount and currency, reverses its payment and returns it; else
     * empty (the caller queues the return for a person). The file carries no usable reason code, so NARR is kept.
     */
    Optional<InstructionView> returnedByBank(String endToEndId, long amountMinor, String currency, Instant at) {
        Optional<InstructionView> found = store.lockInstruction(endToEndId);
        if (found.isEmpty() || found.get().status() != InstructionStatus.COLLECTED
                || found.get().amountMinor() != amountMinor || !found.get().currency().equals(currency)) {
            return Optional.empty();
        }
        InstructionView i = found.get();
        ledger.reversePayment(i.paymentId(), new ReversePayment(ReversalReason.RETURNED_DEBIT, at));
        store.setInstructionReturned(i.id(), InstructionStatus.RETURNED, "NARR", clock.instant());
        return store.instruction(endToEndId);
    }
}
