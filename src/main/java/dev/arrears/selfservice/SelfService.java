package dev.arrears.selfservice;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.Plans.MakePlan;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Promises.TakePromise;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import dev.arrears.audit.AuditKind;
import dev.arrears.audit.AuditRecord;
import dev.arrears.audit.AuditTrail;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.selfservice.domain.PortalInput;
import dev.arrears.selfservice.domain.PortalInput.ComplaintCategory;
import dev.arrears.selfservice.domain.PortalInput.DisputeReason;
import dev.arrears.selfservice.persistence.SelfServiceStore;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a customer does on the portal, and the complaints and ratings this module keeps. Each portal action goes
 * through the same façade a collector's would ({@link Plans#make}, {@link Promises#take}, {@link DebtorFacts#setFlag}
 * with {@code DISPUTE_OPEN} for the account), so the ladder pauses or collection holds exactly as it does for them;
 * the customer is the actor ({@value #CUSTOMER}) and the channel is PORTAL. Every action appends a {@code PORTAL_*}
 * audit entry in the transaction of the change it records; free text goes into the audit only as its SHA-256.
 */
@Service
public class SelfService {

    /** The actor of what customers do on the portal (as promises taken there name it). */
    public static final String CUSTOMER = "customer";

    /** Where a complaint came from. */
    public enum Source { PORTAL, COLLECTOR, API }

    private final SelfServiceStore store;
    private final Ledger ledger;
    private final Plans plans;
    private final Promises promises;
    private final DebtorFacts facts;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    SelfService(SelfServiceStore store, Ledger ledger, Plans plans, Promises promises, DebtorFacts facts,
                AuditTrail audit, Clock clock, PlatformTransactionManager transactionManager) {
        this.store = store;
        this.ledger = ledger;
        this.plans = plans;
        this.promises = promises;
        this.facts = facts;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Records that a customer opened the overview of an account, in a language. */
    public void opened(long accountId, long customerId, String language) {
        audit.record(portal(AuditKind.PORTAL_OPENED, accountId, "customerId", customerId, "channel", "PORTAL",
                "language", language));
    }

    /**
     * Makes the plan of {@code instalments} the account's options offer today (the smallest down payment, monthly,
     * the first instalment a month on); the ladder pauses. Not an option: {@link InvalidInputException} on
     * {@code /instalments}; an active plan already: a conflict.
     */
    public PlanView choosePlan(long accountId, int instalments) {
        return choosePlan(accountId, instalments, null);
    }

    /**
     * Makes the plan of {@code instalments} the account's options offer today over {@code coveredMinor} of its
     * balance (null: all of it), as {@link #choosePlan(long, int)} does; an amount of zero or less, or more than the
     * balance, is an {@link InvalidInputException} on {@code /coveredAmount}.
     */
    public PlanView choosePlan(long accountId, int instalments, Long coveredMinor) {
        return choosePlan(accountId, instalments, coveredMinor, null, null);
    }

    /**
     * Makes the plan of {@code instalments} the account's options offer today over {@code coveredMinor} of its
     * balance (null: all of it) with a down payment of {@code downMinor} (null: the smallest the rules allow) and
     * instalments {@code frequency} apart (null: monthly), the first a period after today; a bad covered amount is an
     * {@link InvalidInputException} on {@code /coveredAmount}, a down payment below the rules' smallest or not less
     * than the covered amount one on {@code /downPayment}, a count not offered one on {@code /instalments}.
     */
    public PlanView choosePlan(long accountId, int instalments, Long coveredMinor, Long downMinor,
                               Frequency frequency) {
        Plans.Options options = plans.options(accountId, coveredMinor, downMinor, frequency);
        Plans.Option option = options.options().stream().filter(o -> o.instalments() == instalments).findFirst()
                .orElseThrow(() -> new InvalidInputException(FieldError.at("/instalments",
                        "is not one of the plans this account may choose")));
        LocalDate first = option.schedule().stream().filter(i -> i.number() == 1).map(Instalment::dueOn)
                .findFirst().orElseThrow();
        return transactions.execute(status -> {
            PlanView plan = plans.make(accountId, new MakePlan(instalments, options.downMinor(),
                    options.currency(), options.frequency(), first, coveredMinor), CUSTOMER);
            audit.record(portal(AuditKind.PORTAL_PLAN_CHOSEN, accountId, "planId", plan.id(),
                    "instalments", plan.instalmentCount(), "downMinor", plan.downMinor(),
                    "coveredMinor", plan.coveredMinor(), "frequency", plan.frequency(), "currency",
                    plan.currency()));
            return plan;
        });
    }

    /** Takes the customer's promise to pay an amount by a date (an active promise already: a conflict). */
    public PromiseView promise(long accountId, long amountMinor, String currency, LocalDate on) {
        return transactions.execute(status -> {
            PromiseView p = promises.take(accountId, new TakePromise(amountMinor, currency, on,
                    PromiseChannel.PORTAL, "made on the portal", false), CUSTOMER);
            audit.record(portal(AuditKind.PORTAL_PROMISE_MADE, accountId, "promiseId", p.id(),
                    "amountMinor", p.amountMinor(), "currency", p.currency(), "date", p.promisedOn().toString()));
            return p;
        });
    }

    /**
     * Opens a dispute of the account for the customer, as a collector does through the compliance API (the debt's
     * {@code DISPUTE_OPEN} flag): collection holds and the case shows {@code disputeOpen}. Returns false when one
     * stood already (nothing changes and nothing more is audited).
     */
    public boolean dispute(long accountId, DisputeReason reason, String text) {
        String clean = PortalInput.text(text, PortalInput.MAX_DISPUTE_TEXT).orElseThrow(() ->
                new InvalidInputException(FieldError.at("/text", "must have 1 to " + PortalInput.MAX_DISPUTE_TEXT
                        + " characters")));
        AccountView account = account(accountId);
        long customerId = account.summary().customerId();
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean changed = facts.setFlag(customerId, Flag.DISPUTE_OPEN, Long.toString(accountId),
                    "portal: " + reason.name() + ": " + clean, CUSTOMER).changed();
            if (changed) {
                audit.record(portal(AuditKind.PORTAL_DISPUTE_OPENED, accountId, "customerId", customerId,
                        "reason", reason.name(), "textSha256", sha256(clean)));
            }
            return changed;
        }));
    }

    /** Returns true when the account (or all of its customer's debts) stands disputed. */
    public boolean disputed(long accountId, long customerId) {
        var f = facts.facts(customerId);
        return f.flags().contains(Flag.DISPUTE_OPEN) || f.disputedDebtIds().contains(Long.toString(accountId));
    }

    /** Records a complaint about an account (text of 1 to 2,000 characters); audited. */
    public ComplaintView complain(long accountId, Source source, ComplaintCategory category, String text,
                                  String actor) {
        String clean = PortalInput.text(text, PortalInput.MAX_COMPLAINT_TEXT).orElseThrow(() ->
                new InvalidInputException(FieldError.at("/text", "must have 1 to "
                        + PortalInput.MAX_COMPLAINT_TEXT + " characters")));
        AccountView account = account(accountId);
        Instant now = clock.instant();
        LocalDate on = LocalDate.ofInstant(now, zone(account));
        String by = source == Source.PORTAL ? CUSTOMER : actor == null || actor.isBlank() ? AuditTrail.SYSTEM : actor;
        return transactions.execute(status -> {
            ComplaintView c = store.insertComplaint(accountId, account.summary().customerId(), source.name(),
                    category.name(), clean, by, now, on);
            if (source == Source.PORTAL) {
                audit.record(portal(AuditKind.PORTAL_COMPLAINT_MADE, accountId, "complaintId", c.id(),
                        "category", category.name(), "textSha256", sha256(clean)));
            } else {
                audit.record(new AuditRecord(AuditKind.COMPLAINT_RECORDED, by, "account", Long.toString(accountId),
                        details("complaintId", c.id(), "source", source.name(), "category", category.name(),
                                "textSha256", sha256(clean)), now));
            }
            return c;
        });
    }

    /** Returns an account's complaints, newest first; 404 for an unknown account. */
    public List<ComplaintView> complaints(long accountId) {
        account(accountId);
        return store.complaints(accountId);
    }

    /** Returns how many complaints an account had in the 90 days up to a date of its zone (that date included). */
    public int complaints90d(long accountId, LocalDate asOf) {
        return store.complaints90d(accountId, asOf);
    }

    /** Records a customer's rating of the portal (1 to 5) with an optional comment; returns its id. */
    public long rate(long accountId, int rating, String comment) {
        if (rating < 1 || rating > 5) {
            throw new InvalidInputException(FieldError.at("/rating", "must be from 1 to 5"));
        }
        String clean = PortalInput.optionalText(comment, PortalInput.MAX_COMMENT).orElseThrow(() ->
                new InvalidInputException(FieldError.at("/comment", "must have at most " + PortalInput.MAX_COMMENT
                        + " characters"))).orElse(null);
        account(accountId);
        Instant now = clock.instant();
        Long id = transactions.execute(status -> {
            long f = store.insertFeedback(accountId, rating, clean, now);
            audit.record(portal(AuditKind.PORTAL_FEEDBACK_GIVEN, accountId, "feedbackId", f, "rating", rating,
                    "commentSha256", clean == null ? null : sha256(clean)));
            return f;
        });
        return id == null ? 0 : id;
    }

    /** Returns the ratings of the last {@code days} days up to now. */
    public FeedbackSummary feedback(int days) {
        Instant now = clock.instant();
        return store.feedback(now.minus(Duration.ofDays(days)), now.plusNanos(1000));
    }

    private AccountView account(long accountId) {
        return ledger.account(accountId, null).orElseThrow(() ->
                new NotFoundException("No account with id " + accountId));
    }

    private static ZoneId zone(AccountView account) {
        try {
            return account.customer().timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(account.customer().timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static AuditRecord portal(AuditKind kind, long accountId, Object... details) {
        return new AuditRecord(kind, CUSTOMER, "account", Long.toString(accountId), details(details), null);
    }

    private static Map<String, Object> details(Object... namesAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            details.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return details;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
