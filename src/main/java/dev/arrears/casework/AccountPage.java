package dev.arrears.casework;

import dev.arrears.bank.DirectDebits;

import dev.arrears.arrangement.Charges;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Settlements;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.VerdictLog;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.contact.CallTasks;
import dev.arrears.contact.ContactHistory;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.scoring.ScoreViews;
import dev.arrears.scoring.Scoring;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the account page's model: the account in full (figures, customer, bills, payments, allocation, score,
 * compliance, arrangements, collection), its merged timeline, and, for a user whose role may act on accounts, what
 * the action forms offer (plan options, call tasks waiting, flags). Shared by the page itself and by the action
 * endpoints, which show the page again with the problems of a refused form.
 */
@Component
class AccountPage {

    /** Planned actions shown on an account page, newest first. */
    static final int RECENT_ACTIONS = 20;
    /** Stored compliance verdicts shown on an account page, newest first. */
    static final int RECENT_VERDICTS = 20;
    /** Roles that may act on an account from its page (call outcomes, promises, plans, disputes, flags). */
    static final Set<String> ACTORS = Set.of("ROLE_ADMIN", "ROLE_MANAGER", "ROLE_SUPERVISOR", "ROLE_COLLECTOR",
            "ROLE_AGENCY");
    /** The same roles as a Spring Security expression. */
    static final String ACTORS_EXPRESSION =
            "hasAnyRole('ADMIN', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AGENCY')";

    private static final Logger log = LoggerFactory.getLogger(AccountPage.class);

    private final Ledger ledger;
    private final Cycles cycles;
    private final DebtorFacts debtorFacts;
    private final VerdictLog verdicts;
    private final Promises promises;
    private final Plans plans;
    private final Charges charges;
    private final Settlements settlements;
    private final Scoring scoring;
    private final CallTasks callTasks;
    private final AccountTimeline timeline;
    private final DirectDebits debits;
    private final MessageSource messages;

    AccountPage(Ledger ledger, Cycles cycles, DebtorFacts debtorFacts, VerdictLog verdicts, Promises promises,
                Plans plans, Settlements settlements, Scoring scoring, Charges charges, CallTasks callTasks,
                ContactHistory history, DirectDebits debits, MessageSource messages) {
        this.messages = messages;
        this.debits = debits;
        this.ledger = ledger;
        this.cycles = cycles;
        this.debtorFacts = debtorFacts;
        this.verdicts = verdicts;
        this.promises = promises;
        this.plans = plans;
        this.charges = charges;
        this.settlements = settlements;
        this.scoring = scoring;
        this.callTasks = callTasks;
        this.timeline = new AccountTimeline(history, cycles, promises, plans);
    }

    /** Returns the account of a path's id, or empty for an id that is no number or no account. */
    Optional<AccountView> account(String id) {
        try {
            return ledger.account(Long.parseLong(id), null);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns true when the signed-in user's role may act on accounts. */
    static boolean mayAct(Authentication who) {
        return who != null && who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ACTORS::contains);
    }

    /**
     * Fills the model of the account page and announces the read of the customer's personal data; {@code form}
     * names a refused form whose {@code errors} (by field) and {@code input} are shown again, else null.
     */
    void fill(Model model, AccountView account, Authentication who, String form, Map<String, String> errors,
              Map<String, String> input) {
        long accountId = account.summary().id();
        long customerId = account.summary().customerId();
        ledger.announceRead(customerId, who == null ? null : who.getName(), "page /accounts/{id}");
        model.addAttribute("account", account);
        model.addAttribute("cases", cycles.cases(accountId));
        model.addAttribute("actions", cycles.actions(new ActionFilter(null, null, null, accountId, null, null, 0,
                RECENT_ACTIONS)).items());
        model.addAttribute("debtId", Long.toString(accountId));
        model.addAttribute("flags", debtorFacts.currentFlags(customerId));
        model.addAttribute("verdicts", verdicts.byAccount(accountId, 0, RECENT_VERDICTS).items());
        model.addAttribute("promises", promises.promises(accountId));
        model.addAttribute("plans", plans.plans(accountId));
        model.addAttribute("settlements", settlements.settlements(accountId));
        model.addAttribute("score", score(accountId));
        model.addAttribute("charges", charges.ofAccount(accountId));
        model.addAttribute("mandates", debits.mandates(accountId));
        model.addAttribute("collections", debits.collections(accountId));
        java.util.Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("timeline", timeline.of(account,
                (key, args) -> messages.getMessage(key, args, key, locale)));
        boolean mayAct = mayAct(who);
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("form", form == null ? "" : form);
        model.addAttribute("errors", errors == null ? Map.of() : errors);
        model.addAttribute("input", input == null ? Map.of() : input);
        model.addAttribute("none", Map.of());
        if (mayAct) {
            Map<String, String> planInput = "plan".equals(form) && input != null ? input : Map.of();
            Plans.Options planOptions = planOptions(account, planInput);
            model.addAttribute("planOptions", planOptions);
            model.addAttribute("planFrequencies", Frequency.values());
            // what was typed, else empty (the smallest): a down payment carried over would not follow the amount
            model.addAttribute("planDown", planInput.getOrDefault("downPayment", ""));
            model.addAttribute("callTasks", callTasks.pendingOf(accountId));
            model.addAttribute("promiseChannels", PromiseChannel.values());
            model.addAttribute("flagValues", Flag.values());
            model.addAttribute("callOutcomes", Outcome.values());
            model.addAttribute("conversationResults", ConversationResult.values());
            model.addAttribute("promiseDefault", promiseDefault(account));
        }
    }

    /**
     * Returns the plans the account may choose today over the terms the plan form asked for ({@code coveredAmount},
     * {@code downPayment}, major units, and {@code frequency}; each left out or bad: the whole balance, the smallest
     * down payment, monthly), falling back to the whole balance's when none can be made over the amount; null when
     * none can be offered.
     */
    private Plans.Options planOptions(AccountView account, Map<String, String> input) {
        long accountId = account.summary().id();
        var currency = Currencies.of(account.summary().currency());
        Long covered = minor(input.get("coveredAmount"), currency);
        Long down = minor(input.get("downPayment"), currency);
        Frequency frequency = frequency(input.get("frequency"));
        if (covered != null) {
            try {
                Plans.Options over = plans.options(accountId, covered, null, frequency);
                if (!over.options().isEmpty()) {
                    return withDown(over, down, frequency);
                }
            } catch (RuntimeException e) {
                // a bad amount: its problem is on the form, the options are the whole balance's
            }
        }
        try {
            Plans.Options options = plans.options(accountId, null, null, frequency);
            return options.options().isEmpty() ? null : covered == null ? withDown(options, down, frequency) : options;
        } catch (RuntimeException e) {
            log.warn("no plan options for account {}: {}", accountId, e.getMessage());
            return null;
        }
    }

    /** Returns the options over the same amount with the down payment asked for, or as they are when it is bad. */
    private Plans.Options withDown(Plans.Options options, Long down, Frequency frequency) {
        if (down == null) {
            return options;
        }
        try {
            Long covered = options.coveredMinor() == options.balanceMinor() ? null : options.coveredMinor();
            return plans.options(options.accountId(), covered, down, frequency);
        } catch (RuntimeException e) {
            return options; // its problem is on the form
        }
    }

    /** Returns an amount typed in major units as minor units, or null when blank or not an amount. */
    private static Long minor(String text, java.util.Currency currency) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Money.parseMinor(text.strip(), currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** Returns the frequency chosen, or null (monthly) when none or not one. */
    private static Frequency frequency(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Frequency.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns the promise form's suggested amount: what is overdue, else the balance, in major units. */
    private static String promiseDefault(AccountView account) {
        var s = account.summary();
        long minor = s.overdueMinor() > 0 ? s.overdueMinor() : Math.max(0, s.balanceMinor());
        return Formats.INSTANCE.amount(minor, s.currency());
    }

    /** Returns the account's score (stored, or computed now), or null when it cannot be scored. */
    private ScoreViews.AccountScore score(long accountId) {
        try {
            return scoring.currentOrNow(accountId);
        } catch (RuntimeException e) {
            log.warn("no score for account {}: {}", accountId, e.getMessage());
            return null;
        }
    }
}
