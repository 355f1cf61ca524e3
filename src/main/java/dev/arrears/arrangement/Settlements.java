package dev.arrears.arrangement;

import dev.arrears.arrangement.ConcessionViews.ApprovalView;
import dev.arrears.arrangement.ConcessionViews.SettlementView;
import dev.arrears.arrangement.ConcessionViews.WaiverView;
import dev.arrears.arrangement.domain.ApprovalLimits;
import dev.arrears.arrangement.domain.ApprovalLimits.Refusal;
import dev.arrears.arrangement.domain.ApprovalLimits.Role;
import dev.arrears.arrangement.domain.SettlementRules;
import dev.arrears.arrangement.persistence.ConcessionStore;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.ForbiddenException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settlements and waivers with maker-checker approval. A collector (the maker) offers a settlement (pay an amount
 * by a date to settle the balance) or asks to waive an amount; either waits for another user (the checker) whose
 * role's limit ({@code arrears.approvals.limits.<ROLE>.<CURRENCY>}, major units) covers what is given away. An
 * approved waiver is applied at once as a WAIVER adjustment; an approved settlement is offered until it is paid —
 * then the rest of the balance is written off, an active plan ends SETTLED and an active promise ends, and the case
 * is closed SETTLED — or its last day passes. Every request and decision is audited.
 */
@Service
public class Settlements implements CycleStep {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final ConcessionStore store;
    private final Ledger ledger;
    private final Cycles cycles;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate own;
    private final ApprovalLimits limits;
    private final int maxDaysValid;
    private final Plans plans;
    private final Promises promises;

    Settlements(ConcessionStore store, Ledger ledger, Cycles cycles, Clock clock, ApplicationEventPublisher events,
                PlatformTransactionManager transactionManager, Environment environment,
                @Value("${arrears.settlements.max-days-valid:30}") int maxDaysValid, Plans plans,
                Promises promises) {
        this.plans = plans;
        this.promises = promises;
        this.store = store;
        this.ledger = ledger;
        this.cycles = cycles;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.limits = configuredLimits(environment);
        this.maxDaysValid = maxDaysValid;
    }

    /** Reads {@code arrears.approvals.limits.<ROLE>.<CURRENCY>} (major units) over the defaults. */
    static ApprovalLimits configuredLimits(Environment environment) {
        ApprovalLimits l = ApprovalLimits.defaults();
        for (Role role : List.of(Role.COLLECTOR, Role.SUPERVISOR)) {
            for (String currency : List.of("CNY", "HKD", "TWD", "USD", "EUR", "GBP", "JPY", "SGD", "MOP")) {
                String value = environment.getProperty("arrears.approvals.limits." + role + "." + currency);
                if (value != null && !value.isBlank()) {
                    l = l.with(role, currency, dev.arrears.shared.Money.parseMinor(value.strip(),
                            Currencies.of(currency)));
                }
            }
        }
        return l;
    }

    /** Returns the approval limits in force. */
    public ApprovalLimits limits() {
        return limits;
    }

    /** Offers a settlement on an account; it waits for approval. */
    public SettlementView offer(long accountId, long amountMinor, String currency, LocalDate validUntil,
                                String reason, String maker) {
        return transactions.execute(status -> {
            AccountSummary account = summary(accountId);
            List<FieldError> errors = SettlementRules.check(amountMinor, currency, validUntil, reason,
                    account.currency(), account.balanceMinor(), account.asOf(), maxDaysValid);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            store.openSettlement(accountId).ifPresent(open -> {
                throw new ConflictException("account " + accountId + " has settlement " + open.id() + " "
                        + open.state(), List.of(FieldError.at("/amount", "settlement " + open.id() + " is "
                        + open.state() + ": reject it or let it expire first")));
            });
            Instant now = clock.instant();
            long id = store.insertSettlement(accountId, account.customerId(), account.currency(),
                    account.balanceMinor(), amountMinor, validUntil, reason.strip(), maker, now);
            request("SETTLEMENT", id, accountId, account.balanceMinor() - amountMinor, account.currency(), maker,
                    now);
            return store.settlement(id).orElseThrow();
        });
    }

    /** Asks to waive an amount of an account (of one of its bills when {@code billRef} is given); waits for approval. */
    public WaiverView waive(long accountId, long amountMinor, String currency, String billRef, String reason,
                            String maker) {
        return transactions.execute(status -> {
            AccountView account = ledger.account(accountId, null).orElseThrow(() ->
                    new NotFoundException("No account with id " + accountId));
            AccountSummary s = account.summary();
            List<FieldError> errors = new ArrayList<>();
            if (!currency.equals(s.currency())) {
                errors.add(FieldError.at("/currency", "the account is in " + s.currency() + ", not " + currency));
            }
            if (amountMinor <= 0) {
                errors.add(FieldError.at("/amount", "must be more than zero"));
            } else if (amountMinor > s.balanceMinor()) {
                errors.add(FieldError.at("/amount", "is more than the balance owed"));
            }
            if (billRef != null && account.bills().stream().noneMatch(b -> b.externalRef().equals(billRef))) {
                errors.add(FieldError.at("/billRef", "the account has no bill '" + billRef + "'"));
            }
            if (reason == null || reason.isBlank()) {
                errors.add(FieldError.at("/reason", "required: why the amount is waived"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Instant now = clock.instant();
            long id = store.insertWaiver(accountId, s.customerId(), billRef, s.currency(), amountMinor,
                    reason.strip(), maker, now);
            request("WAIVER", id, accountId, amountMinor, s.currency(), maker, now);
            return store.waiver(id).orElseThrow();
        });
    }

    private void request(String kind, long subjectId, long accountId, long givenAway, String currency, String maker,
                         Instant now) {
        Role required = limits.requiredRole(givenAway, currency);
        long approvalId = store.insertApproval(kind, subjectId, accountId, givenAway, currency, required.name(), maker,
                now);
        events.publishEvent(new ApprovalDecided(approvalId, kind, subjectId, accountId, "REQUESTED", givenAway,
                currency, required.name(), maker, now));
    }

    /**
     * Approves a pending request: the checker must not be its maker and must hold a role whose limit covers the
     * amount given away. A waiver is applied at once; a settlement is offered.
     */
    public ApprovalView approve(long approvalId, String checker, Collection<String> roles, String note) {
        return decide(approvalId, checker, roles, note, true);
    }

    /** Rejects a pending request (by a user with an approving role other than its maker). */
    public ApprovalView reject(long approvalId, String checker, Collection<String> roles, String note) {
        return decide(approvalId, checker, roles, note, false);
    }

    private ApprovalView decide(long approvalId, String checker, Collection<String> roles, String note,
                                boolean approve) {
        return transactions.execute(status -> {
            ApprovalView a = store.lockApproval(approvalId).orElseThrow(() ->
                    new NotFoundException("No approval with id " + approvalId));
            if (!a.state().equals("PENDING")) {
                throw new ConflictException("approval " + approvalId + " is " + a.state() + " (by " + a.checker()
                        + ")", List.of(FieldError.at("/state", "only a PENDING request can be decided")));
            }
            // rejecting gives nothing away: any approving role other than the maker's own may do it
            Refusal refusal = limits.check(a.maker(), checker, roles, approve ? a.amountMinor() : 0, a.currency());
            if (refusal != null) {
                throw new ForbiddenException(refusal.reason());
            }
            Instant now = clock.instant();
            String decision = approve ? "APPROVED" : "REJECTED";
            store.decide(approvalId, decision, checker, now, note == null || note.isBlank() ? null : note.strip());
            switch (a.kind()) {
                case "SETTLEMENT" -> store.settlementState(a.subjectId(), "PENDING_APPROVAL",
                        approve ? "OFFERED" : "REJECTED", approve ? now : null, approve ? null : today(a.accountId()),
                        approve ? null : "rejected by " + checker);
                case "WAIVER" -> {
                    Long adjustment = null;
                    if (approve) {
                        WaiverView w = store.waiver(a.subjectId()).orElseThrow();
                        adjustment = adjust(w.accountId(), "arrangement-waiver-" + w.id(), w.billRef(),
                                w.amountMinor(), w.currency(), "waiver " + w.id() + ": " + w.reason());
                    }
                    store.waiverState(a.subjectId(), approve ? "APPLIED" : "REJECTED", adjustment);
                }
                default -> throw new IllegalStateException("unknown approval kind " + a.kind());
            }
            events.publishEvent(new ApprovalDecided(approvalId, a.kind(), a.subjectId(), a.accountId(), decision,
                    a.amountMinor(), a.currency(), a.requiredRole(), checker, now));
            return store.approval(approvalId).orElseThrow();
        });
    }

    /** Records a WAIVER adjustment (idempotent on its reference); returns its id. */
    private long adjust(long accountId, String ref, String billRef, long amountMinor, String currency,
                        String reason) {
        AccountSummary account = summary(accountId);
        return ledger.recordAdjustments(List.of(new RecordAdjustment(ref, account.externalRef(), billRef,
                AdjustmentType.WAIVER, amountMinor, Currencies.of(currency), reason, account.asOf(), null)))
                .getFirst().view().id();
    }

    /**
     * Reviews the offered settlements of accounts just paid: one whose amount came in since it was made is PAID,
     * the rest of the balance written off and the case closed SETTLED. Returns the settlements that were paid.
     */
    public List<SettlementView> reviewPaid(Collection<Long> accountIds) {
        return own.execute(status -> review(store.lockOffered(accountIds), null));
    }

    /** Expires offered settlements whose last day has passed by the cycle's date (and settles paid ones). */
    @Override
    public void beforeCycle(LocalDate asOf) {
        List<SettlementView> ended = own.execute(status -> review(store.lockOffered(null), asOf));
        if (!ended.isEmpty()) {
            log.info("settlements on {}: {} paid or expired", asOf, ended.size());
        }
    }

    private List<SettlementView> review(List<SettlementView> offered, LocalDate asOf) {
        if (offered.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> since = new HashMap<>();
        offered.forEach(s -> since.put(s.accountId(), s.madeAt()));
        Map<Long, Long> paid = ledger.paidSince(since);
        Map<Long, CurrentState> states = ledger.currentStates(since.keySet());
        Instant now = clock.instant();
        List<SettlementView> ended = new ArrayList<>();
        for (SettlementView s : offered) {
            CurrentState state = states.get(s.accountId());
            LocalDate today = asOf != null ? asOf : LocalDate.ofInstant(now, state.timeZone());
            long paidMinor = paid.getOrDefault(s.accountId(), 0L);
            switch (SettlementRules.review(s.amountMinor(), paidMinor, s.validUntil(), today)) {
                case PAID -> {
                    long rest = Math.max(0, state.balanceMinor());
                    if (rest > 0) {
                        adjust(s.accountId(), "arrangement-settlement-" + s.id(), null, rest, s.currency(),
                                "settlement " + s.id() + " paid: the rest written off");
                    }
                    // what the settlement supersedes ends with it: the plan SETTLED (its reminders cancelled),
                    // the promise kept or cancelled, and the case's hold lifted before the case closes
                    boolean planEnded = plans.settle(s.accountId(), s.id(), today).isPresent();
                    boolean promiseEnded = promises.settle(s.accountId(), s.id(), today).isPresent();
                    if (planEnded && !promiseEnded) {
                        cycles.holdForPromise(s.accountId(), false, today);
                    }
                    cycles.closeCase(s.accountId(), "SETTLED", today, "settlement " + s.id() + " paid");
                    store.settlementPaid(s.id(), paidMinor, rest, today, "paid " + paidMinor + " of "
                            + s.amountMinor() + " (minor units); " + rest + " written off");
                    ended.add(store.settlement(s.id()).orElseThrow());
                }
                case EXPIRED -> {
                    store.settlementState(s.id(), "OFFERED", "EXPIRED", null, today, "not paid by "
                            + s.validUntil());
                    ended.add(store.settlement(s.id()).orElseThrow());
                }
                case OPEN -> {
                    if (paidMinor != s.paidMinor()) {
                        store.settlementProgress(s.id(), paidMinor);
                    }
                }
            }
        }
        return ended;
    }

    public List<SettlementView> settlements(long accountId) {
        return store.settlements(accountId);
    }

    public java.util.Optional<SettlementView> settlement(long id) {
        return store.settlement(id);
    }

    public List<WaiverView> waivers(long accountId) {
        return store.waivers(accountId);
    }

    public java.util.Optional<WaiverView> waiver(long id) {
        return store.waiver(id);
    }

    public List<ApprovalView> approvals(String state, int limit) {
        return store.approvals(state, limit);
    }

    public java.util.Optional<ApprovalView> approval(long id) {
        return store.approval(id);
    }

    private AccountSummary summary(long accountId) {
        return ledger.account(accountId, null).orElseThrow(() ->
                new NotFoundException("No account with id " + accountId)).summary();
    }

    private LocalDate today(long accountId) {
        return summary(accountId).asOf();
    }
}
