package dev.arrears.compliance;

import dev.arrears.compliance.ComplianceViews.ComplianceView;
import dev.arrears.compliance.ComplianceViews.ContactTimesView;
import dev.arrears.compliance.ComplianceViews.FlagChange;
import dev.arrears.compliance.ComplianceViews.FlagView;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.persistence.FlagStore;
import dev.arrears.compliance.persistence.VerdictStore;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The debtor facts the guard reads beside the ledger's: flags set and cleared through the API (dispute opened or
 * verified, cease received, attorney, breathing space start and end, time-barred debts, bankruptcy, death,
 * hardship), for all of a customer's debts or one, with their full history; and the times the customer asked us
 * to avoid or agreed to be contacted at. Setting a flag that stands changes nothing and publishes nothing;
 * clearing one that does not stand is a conflict (409) naming where it does stand, so that a mistaken scope is
 * noticed. Every change publishes {@link FlagChanged} inside its transaction. The actor is the one given, else the
 * signed-in user, else {@code system}.
 */
@Service
public class DebtorFacts {

    /** Stored verdicts shown with a customer's compliance facts. */
    public static final int RECENT_VERDICTS = 50;
    /** Most ranges stored per customer and kind: a customer states a few. */
    public static final int MAX_RANGES = 48;
    /** Longest reason kept with a flag change, in characters. */
    public static final int MAX_REASON = 1000;

    private final FlagStore flags;
    private final VerdictStore verdicts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DebtorFacts(FlagStore flags, VerdictStore verdicts, TransactionTemplate transactions,
                ApplicationEventPublisher events, Clock clock) {
        this.flags = flags;
        this.verdicts = verdicts;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sets a flag for all of a customer's debts ({@code debtId} null) or one (the account id as a decimal string);
     * returns the standing row, {@code changed} false when it already stood. TIME_BARRED needs a debt; DECEASED
     * takes none.
     */
    public FlagChange setFlag(long customerId, Flag flag, String debtId, String reason, String actor) {
        String debt = checkScope(flag, debtId);
        String why = checkReason(reason);
        String by = actor(actor);
        return transactions.execute(status -> {
            Instant now = clock.instant();
            // twice at most: a row that stood at the insert may be cleared by another request before the read
            for (int attempt = 0; ; attempt++) {
                var inserted = flags.insertIfAbsent(customerId, flag, debt, now, by, why);
                if (inserted.isPresent()) {
                    events.publishEvent(new FlagChanged(customerId, flag, debt, true, by, now));
                    return new FlagChange(true, inserted.get());
                }
                var standing = flags.current(customerId, flag, debt);
                if (standing.isPresent() || attempt == 1) {
                    return new FlagChange(false, standing.orElseThrow());
                }
            }
        });
    }

    /**
     * Clears a standing flag of a customer for all debts or one; returns the closed row. 404 for an unknown
     * customer; 409 when the flag does not stand in that scope.
     */
    public FlagChange clearFlag(long customerId, Flag flag, String debtId, String reason, String actor) {
        Objects.requireNonNull(flag, "flag");
        String debt = debtId == null ? null : debtId(debtId);
        String why = checkReason(reason);
        String by = actor(actor);
        return transactions.execute(status -> {
            Instant now = clock.instant();
            var cleared = flags.clear(customerId, flag, debt, now, by, why);
            if (cleared.isEmpty()) {
                requireCustomer(customerId);
                List<String> elsewhere = flags.currentFlags(customerId).stream().filter(f -> f.flag() == flag)
                        .map(f -> f.debtId() == null ? "all debts" : "debt " + f.debtId()).toList();
                String scope = debt == null ? "all debts" : "debt " + debt;
                throw new ConflictException(flag + " is not set for " + scope + " of customer " + customerId
                        + (elsewhere.isEmpty() ? "" : "; it is set for " + String.join(", ", elsewhere)),
                        List.of(FieldError.coded(debt == null ? "" : "/debtId", flag + " is not set for " + scope,
                                debt == null ? "problem.flag.notSetAll" : "problem.flag.notSetDebt", flag)));
            }
            events.publishEvent(new FlagChanged(customerId, flag, debt, false, by, now));
            return new FlagChange(true, cleared.get());
        });
    }

    /**
     * Replaces the local times a customer asked us to avoid (CONC 7.9.4R, 12 CFR 1006.6(b)(1)); a range with
     * {@code from > to} wraps past midnight. Returns the times as stored.
     */
    public ContactTimesView setInconvenientTimes(long customerId, List<LocalTimeRange> ranges, String actor) {
        List<FieldError> errors = new ArrayList<>();
        checkCount(ranges, errors);
        for (int i = 0; i < ranges.size(); i++) {
            LocalTimeRange r = ranges.get(i);
            if (r.from() == null || r.to() == null) {
                errors.add(FieldError.at("/" + i, "needs both from and to"));
            } else if (r.from().equals(r.to())) {
                errors.add(FieldError.at("/" + i + "/to", "must differ from 'from': the range would be empty"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String by = actor(actor);
        return transactions.execute(status -> {
            flags.putInconvenient(customerId, ranges, clock.instant(), by);
            return flags.times(customerId);
        });
    }

    /** Replaces the instants a customer agreed to be contacted at (CN-BANK); returns the times as stored. */
    public ContactTimesView setConsentedTimes(long customerId, List<InstantRange> ranges, String actor) {
        List<FieldError> errors = new ArrayList<>();
        checkCount(ranges, errors);
        for (int i = 0; i < ranges.size(); i++) {
            InstantRange r = ranges.get(i);
            if (r.from() == null || r.to() == null) {
                errors.add(FieldError.at("/" + i, "needs both from and to"));
            } else if (!r.from().isBefore(r.to())) {
                errors.add(FieldError.at("/" + i + "/to", "must be after 'from'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String by = actor(actor);
        return transactions.execute(status -> {
            flags.putConsented(customerId, ranges, clock.instant(), by);
            return flags.times(customerId);
        });
    }

    /** Returns the stored facts of a customer (empty when nothing is stored). */
    public CustomerFacts facts(long customerId) {
        return flags.facts(List.of(customerId)).get(customerId);
    }

    /** Returns the stored facts of many customers in one query; each id given has an entry. */
    public Map<Long, CustomerFacts> facts(Collection<Long> customerIds) {
        return flags.facts(customerIds);
    }

    /**
     * Returns the facts of the customers with a standing dispute (of all debts or one), by customer id: among the
     * given customers, or among all when {@code among} is null.
     */
    public Map<Long, CustomerFacts> disputing(Collection<Long> among) {
        if (among != null && among.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = flags.disputingCustomers(among);
        return ids.isEmpty() ? Map.of() : flags.facts(ids);
    }

    /**
     * Returns the guard's debtor for a contact about no debt in particular: customer-wide flags, disputed debts and
     * stated times; the caller adds zones, opt-outs, consents and region.
     */
    public Debtor debtor(long customerId) {
        return facts(customerId).debtor(null);
    }

    /** Returns the guard's debtor for a contact about one debt: its own flags count too. */
    public Debtor debtor(long customerId, String debtId) {
        return facts(customerId).debtor(debtId);
    }

    /** Returns the guard's debtors of many customers (contacts about no debt in particular), in one query. */
    public Map<Long, Debtor> debtors(Collection<Long> customerIds) {
        return facts(customerIds).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().debtor(null)));
    }

    /** Returns everything compliance knows of a customer, with the latest stored verdicts; 404 when unknown. */
    public ComplianceView view(long customerId) {
        return transactions.execute(status -> {
            requireCustomer(customerId);
            List<FlagView> history = flags.history(customerId);
            List<FlagView> current = flags.currentFlags(customerId);
            return new ComplianceView(customerId, current, history, facts(customerId).disputedDebtIds(),
                    flags.times(customerId), verdicts.latestForCustomer(customerId, RECENT_VERDICTS));
        });
    }

    /** Lists the flags that stand for a customer, oldest first (empty for an unknown customer). */
    public List<FlagView> currentFlags(long customerId) {
        return flags.currentFlags(customerId);
    }

    private void requireCustomer(long customerId) {
        if (!flags.customerExists(customerId)) {
            throw new NotFoundException("No customer with id " + customerId);
        }
    }

    /** Checks a flag's debt scope; returns the debt id in canonical form. */
    private static String checkScope(Flag flag, String debtId) {
        Objects.requireNonNull(flag, "flag");
        String debt = debtId == null ? null : debtId(debtId);
        if (flag == Flag.TIME_BARRED && debt == null) {
            throw new InvalidInputException(FieldError.at("/debtId",
                    "TIME_BARRED is set per debt: name the debt (the account id)"));
        }
        if (flag == Flag.DECEASED && debt != null) {
            throw new InvalidInputException(FieldError.at("/debtId",
                    "DECEASED concerns the customer, not one debt: leave debtId out"));
        }
        return debt;
    }

    /** Returns a debt id (an account id) in canonical form: a positive whole number without leading zeros. */
    static String debtId(String text) {
        String t = text.strip();
        if (t.matches("0*[1-9]\\d{0,17}")) {
            return Long.toString(Long.parseLong(t));
        }
        throw new InvalidInputException(FieldError.at("/debtId", "'" + (t.length() > 40 ? t.substring(0, 40) + "…"
                : t) + "' is not a debt id: the account id, a positive whole number such as \"123\""));
    }

    private static String checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException(FieldError.coded("/reason", "is longer than " + MAX_REASON
                    + " characters", "problem.tooLong", MAX_REASON));
        }
        return reason.strip();
    }

    private static void checkCount(List<?> ranges, List<FieldError> errors) {
        if (ranges.size() > MAX_RANGES) {
            errors.add(FieldError.at("", "at most " + MAX_RANGES + " ranges, not " + ranges.size()));
        }
    }

    /** Returns the actor given, else the signed-in user's name, else {@code system}. */
    static String actor(String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && auth.getName() != null && !auth.getName().isBlank()) {
            return auth.getName();
        }
        return "system";
    }
}
