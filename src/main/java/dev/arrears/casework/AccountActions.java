package dev.arrears.casework;

import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.Plans.MakePlan;
import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Promises.TakePromise;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.contact.CallTasks;
import dev.arrears.contact.ContactViews.CallOutcome;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.contact.ContactViews.DialView;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account page's actions, each a form posting to {@code /accounts/{id}/…}: dial a waiting call task and record
 * how the call ended, take a promise to pay, make an instalment plan from the rule-based options, open a dispute,
 * set or clear a debtor flag. Thin: each calls the owning module's façade and goes back to the account with a
 * notice; a refused input shows the page again (422) with the problems beside the form's fields, in the reader's
 * language (the façades' problems carry message keys; the API answers their English). Only the roles
 * that work accounts may post ({@link AccountPage#ACTORS}); others get 403.
 */
@Controller
@PreAuthorize(AccountPage.ACTORS_EXPRESSION)
class AccountActions {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountActions.class);

    private final AccountPage page;
    private final Promises promises;
    private final Plans plans;
    private final DebtorFacts debtorFacts;
    private final CallTasks callTasks;
    private final MessageSource messages;

    AccountActions(AccountPage page, Promises promises, Plans plans, DebtorFacts debtorFacts, CallTasks callTasks,
                   MessageSource messages) {
        this.page = page;
        this.promises = promises;
        this.plans = plans;
        this.debtorFacts = debtorFacts;
        this.callTasks = callTasks;
        this.messages = messages;
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return Formats.INSTANCE;
    }

    @ModelAttribute("user")
    String user(Authentication who) {
        return who == null ? "" : who.getName();
    }

    /** Takes a promise to pay: an amount in major units of the account's currency, by a date, through a channel. */
    @PostMapping("/accounts/{id}/promise")
    String promise(@PathVariable("id") String id, @RequestParam Map<String, String> form, Authentication who,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "promise", form, who, model, response, redirect, account -> {
            var s = account.summary();
            Map<String, String> errors = new LinkedHashMap<>();
            Long minor = amount(form.get("amount"), s.currency(), "amount", errors);
            LocalDate date = date(form.get("promisedOn"), "promisedOn", true, errors);
            PromiseChannel channel = choice(PromiseChannel.class, form.get("channel"), "channel", true, errors);
            if (!errors.isEmpty()) {
                throw new FormProblems(errors);
            }
            PromiseView taken = promises.take(s.id(), new TakePromise(minor, s.currency(), date, channel,
                    form.get("note"), form.containsKey("replace")), who.getName());
            return text("act.promise.done", Formats.INSTANCE.money(taken.amountMinor(), taken.currency()),
                    taken.promisedOn());
        }, Map.of("/amount", "amount", "/date", "promisedOn", "/currency", "amount", "/replace", "replace"));
    }

    /**
     * Makes an instalment plan of one of the options the plan rules allow today, over the balance or the part of it
     * given as {@code coveredAmount}, with the down payment given as {@code downPayment} (empty: the smallest the
     * rules allow) and instalments {@code frequency} apart (WEEKLY, BIWEEKLY, MONTHLY; empty: monthly). With
     * {@code preview}, or when those terms are not the ones the options on the page were shown for ({@code shown},
     * {@code shownDown}, {@code shownFrequency}), makes nothing and shows the options over them.
     */
    @PostMapping("/accounts/{id}/plan")
    String plan(@PathVariable("id") String id, @RequestParam Map<String, String> form, Authentication who,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "plan", form, who, model, response, redirect, account -> {
            var s = account.summary();
            Map<String, String> errors = new LinkedHashMap<>();
            Long covered = covered(form.get("coveredAmount"), s.currency(), errors);
            Long down = blankToNull(form.get("downPayment")) == null ? null
                    : amount(form.get("downPayment"), s.currency(), "downPayment", errors);
            Frequency frequency = choice(Frequency.class, form.get("frequency"), "frequency", false, errors);
            if (!errors.isEmpty()) {
                throw new FormProblems(errors);
            }
            Plans.Options options;
            try {
                options = plans.options(s.id(), covered);
            } catch (InvalidInputException e) { // the covered amount is not more than zero and at most the balance
                throw new FormProblems(Map.of("coveredAmount", text("act.plan.amountRange",
                        Formats.INSTANCE.money(s.balanceMinor(), s.currency()))));
            }
            if (options.options().isEmpty()) { // a down payment of the smallest share is all of it
                throw new FormProblems(Map.of("coveredAmount", text("act.plan.amountTooSmall")));
            }
            if (down != null || frequency != null) {
                try {
                    options = plans.options(s.id(), covered, down, frequency);
                } catch (InvalidInputException e) { // the down payment is below the smallest, or all of it
                    throw new FormProblems(Map.of("downPayment", down != null && down < options.minDownMinor()
                            ? text("act.plan.downAtLeast", Formats.INSTANCE.money(options.minDownMinor(),
                            s.currency()))
                            : text("act.plan.downBelowCovered", Formats.INSTANCE.money(options.coveredMinor(),
                            s.currency()))));
                }
            }
            if (form.containsKey("preview") || !shownFor(form, options)) {
                return null;
            }
            Optional<Plans.Option> chosen = Optional.empty();
            try {
                int n = Integer.parseInt(String.valueOf(form.get("instalments")).strip());
                chosen = options.options().stream().filter(o -> o.instalments() == n).findFirst();
            } catch (NumberFormatException e) {
                // the message below says what to choose
            }
            if (chosen.isEmpty()) {
                errors.put("instalments", text("act.error.choose"));
                throw new FormProblems(errors);
            }
            LocalDate first = chosen.get().schedule().stream().filter(i -> i.number() > 0).findFirst()
                    .orElseThrow().dueOn();
            PlanView made = plans.make(s.id(), new MakePlan(chosen.get().instalments(), options.downMinor(),
                    s.currency(), options.frequency(), first, covered), who.getName());
            return text("act.plan.done", made.instalmentCount(),
                    Formats.INSTANCE.money(made.coveredMinor(), made.currency()));
        }, Map.of("/instalments", "instalments", "/downPayment", "downPayment", "/firstDueDate", "instalments",
                "/currency", "instalments", "/coveredAmount", "coveredAmount"));
    }

    /** Returns the amount a plan is to cover in minor units, or null (the whole balance) when none is given. */
    private Long covered(String text, String currency, Map<String, String> errors) {
        return text == null || text.isBlank() ? null : amount(text, currency, "coveredAmount", errors);
    }

    /**
     * Returns whether the options were computed over the terms the page showed them for: the amount covered
     * ({@code shown}), the down payment ({@code shownDown}) and the frequency ({@code shownFrequency}); a form
     * without one of them is taken as it comes for that term. A plan is made only on the schedule the collector saw.
     */
    private static boolean shownFor(Map<String, String> form, Plans.Options options) {
        var currency = Currencies.of(options.currency());
        try {
            String shown = form.get("shown");
            String shownDown = form.get("shownDown");
            String shownFrequency = form.get("shownFrequency");
            return (shown == null || shown.isBlank() || Money.parseMinor(shown.strip(), currency)
                    == options.coveredMinor())
                    && (shownDown == null || shownDown.isBlank() || Money.parseMinor(shownDown.strip(), currency)
                    == options.downMinor())
                    && (shownFrequency == null || shownFrequency.isBlank()
                    || shownFrequency.strip().equalsIgnoreCase(options.frequency().name()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Opens a dispute of this debt (the DISPUTE_OPEN flag for the account), with the customer's reason. */
    @PostMapping("/accounts/{id}/dispute")
    String dispute(@PathVariable("id") String id, @RequestParam Map<String, String> form, Authentication who,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "dispute", form, who, model, response, redirect, account -> {
            String reason = form.get("reason");
            if (reason == null || reason.isBlank()) {
                throw new FormProblems(Map.of("reason", text("act.error.required")));
            }
            var change = debtorFacts.setFlag(account.summary().customerId(), Flag.DISPUTE_OPEN,
                    Long.toString(account.summary().id()), reason, who.getName());
            return text(change.changed() ? "act.dispute.done" : "act.dispute.already");
        }, Map.of("/reason", "reason", "/debtId", "reason"));
    }

    /** Sets or clears a debtor flag for this debt or all of the customer's debts. */
    @PostMapping("/accounts/{id}/flags")
    String flag(@PathVariable("id") String id, @RequestParam Map<String, String> form, Authentication who,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "flag", form, who, model, response, redirect, account -> {
            Map<String, String> errors = new LinkedHashMap<>();
            Flag flag = choice(Flag.class, form.get("flag"), "flag", true, errors);
            String scope = form.get("scope");
            String operation = form.get("operation");
            if (!"account".equals(scope) && !"all".equals(scope)) {
                errors.put("scope", text("act.error.choose"));
            }
            if (!"set".equals(operation) && !"clear".equals(operation)) {
                errors.put("operation", text("act.error.choose"));
            }
            if (!errors.isEmpty()) {
                throw new FormProblems(errors);
            }
            long customerId = account.summary().customerId();
            String debt = "account".equals(scope) ? Long.toString(account.summary().id()) : null;
            String flagName = text("flag." + flag.name());
            if ("set".equals(operation)) {
                var change = debtorFacts.setFlag(customerId, flag, debt, form.get("reason"), who.getName());
                return text(change.changed() ? "act.flag.set" : "act.flag.already", flagName);
            }
            debtorFacts.clearFlag(customerId, flag, debt, form.get("reason"), who.getName());
            return text("act.flag.cleared", flagName);
        }, Map.of("/reason", "reason", "/debtId", "scope", "", "scope"));
    }

    /** Asks the compliance guard whether the collector may call now and, when allowed, claims the call task. */
    @PostMapping("/accounts/{id}/calls/{task}/dial")
    String dial(@PathVariable("id") String id, @PathVariable("task") String task, Authentication who, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "dial", Map.of(), who, model, response, redirect, account -> {
            CallTaskView t = taskOf(account, task);
            DialView dialled = callTasks.dial(t.id(), who.getName());
            String zone = account.customer().timeZone();
            return switch (dialled.decision()) {
                case "ALLOW" -> text("act.dial.allow", dialled.phone());
                case "DEFER" -> text("act.dial.defer", Formats.INSTANCE.instant(dialled.notBefore(), zone));
                default -> text("act.dial.refused", dialled.decision(), reasons(dialled));
            };
        }, Map.of());
    }

    /** Records how the collector's dialled call of a task ended (a promise or call-back with its details). */
    @PostMapping("/accounts/{id}/calls/{task}/outcome")
    String outcome(@PathVariable("id") String id, @PathVariable("task") String task,
                   @RequestParam Map<String, String> form, Authentication who, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, "outcome", form, who, model, response, redirect, account -> {
            CallTaskView t = taskOf(account, task);
            Map<String, String> errors = new LinkedHashMap<>();
            Outcome outcome = choice(Outcome.class, form.get("outcome"), "outcome", true, errors);
            ConversationResult result = choice(ConversationResult.class, form.get("result"), "result", false,
                    errors);
            java.time.Instant callBack = null;
            String callBackText = form.get("callBackAt");
            if (callBackText != null && !callBackText.isBlank()) {
                try {
                    callBack = LocalDateTime.parse(callBackText.strip())
                            .atZone(ZoneId.of(account.customer().timeZone())).toInstant();
                } catch (DateTimeException e) {
                    errors.put("callBackAt", text("act.error.dateTime"));
                }
            }
            LocalDate promiseDate = date(form.get("promiseDate"), "promiseDate", false, errors);
            String promiseAmount = blankToNull(form.get("promiseAmount"));
            if (!errors.isEmpty()) {
                throw new FormProblems(errors);
            }
            callTasks.recordOutcome(t.id(), who.getName(), new CallOutcome(outcome, result, callBack,
                    blankToNull(form.get("note")), promiseAmount, promiseDate));
            return text("act.outcome.done", text("outcome." + outcome.name()));
        }, Map.of("/outcome", "outcome", "/result", "result", "/callBackAt", "callBackAt", "/promiseDate",
                "promiseDate", "/promiseAmount", "promiseAmount", "/note", "note"));
    }

    /** Shows the friendly 403 page to a role that may not act on accounts. */
    @ExceptionHandler(AccessDeniedException.class)
    String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "error/403";
    }

    /** Renders an HTML error page for an unexpected failure of an action; nothing half-done was committed. */
    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, Model model, HttpServletResponse response) {
        log.error("An account page action failed", e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("status", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("error", "Internal Server Error");
        return "error";
    }

    /**
     * An action on the account: returns the notice to show, null when it did nothing and shows its form again (a
     * plan's options over another amount), or throws the problems of its input.
     */
    private interface Action {
        String run(AccountView account);
    }

    /** Problems with a form's fields found before the façade was asked, by field name, in the user's language. */
    private static final class FormProblems extends RuntimeException {
        private final Map<String, String> errors;

        FormProblems(Map<String, String> errors) {
            super("form problems: " + errors.keySet(), null, false, false);
            this.errors = Map.copyOf(errors);
        }
    }

    /**
     * Runs an action on an account: a notice and a redirect to the account on success; the account page with the
     * form filled in as posted when the action did nothing (200); the account page again (422) with the problems by
     * field ({@code fields} maps the façade's JSON pointers to form fields; others are
     * the form's own problems, under "_") when the input is refused; the not-found page for an unknown account.
     */
    private String act(String id, String form, Map<String, String> input, Authentication who, Model model,
                       HttpServletResponse response, RedirectAttributes redirect, Action action,
                       Map<String, String> fields) {
        Optional<AccountView> account = page.account(id);
        if (account.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", id);
            return "not-found";
        }
        Map<String, String> errors;
        try {
            String notice = action.run(account.get());
            if (notice == null) {
                page.fill(model, account.get(), who, form, Map.of(), input);
                return "account";
            }
            redirect.addFlashAttribute("notice", notice);
            // back to the top of the account, where the notice is
            return "redirect:/accounts/" + account.get().summary().id();
        } catch (FormProblems e) {
            errors = e.errors;
        } catch (InvalidInputException e) {
            errors = byField(e.errors(), fields);
        } catch (ConflictException e) {
            errors = byField(e.errors().isEmpty() ? List.of(FieldError.at("", e.getMessage())) : e.errors(), fields);
            if (!errors.containsKey("_")) {
                errors.put("_", text("act.error.conflict"));
            }
        } catch (NotFoundException e) {
            errors = new LinkedHashMap<>(Map.of("_", e.getMessage()));
        }
        response.setStatus(422);
        Optional<AccountView> fresh = page.account(id);
        page.fill(model, fresh.orElse(account.get()), who, form, errors, input);
        return "account";
    }

    /**
     * Places the façade's problems by form field, each in the reader's language when it carries a message key (the
     * API keeps the English detail); one without a key shows its detail.
     */
    private Map<String, String> byField(List<FieldError> problems, Map<String, String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError f : problems) {
            String field = fields.getOrDefault(f.pointer() == null ? "" : f.pointer(), "_");
            String shown = f.code() == null ? f.detail()
                    : messages.getMessage(f.code(), f.args().toArray(), f.detail(), LocaleContextHolder.getLocale());
            errors.merge(field, shown, (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private CallTaskView taskOf(AccountView account, String task) {
        try {
            long taskId = Long.parseLong(task);
            return callTasks.task(taskId).filter(t -> t.accountId() == account.summary().id())
                    .orElseThrow(() -> new NotFoundException(text("act.error.noTask", task)));
        } catch (NumberFormatException e) {
            throw new NotFoundException(text("act.error.noTask", task));
        }
    }

    private Long amount(String text, String currency, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, text("act.error.required"));
            return null;
        }
        try {
            return Money.parseMinor(text.strip(), Currencies.of(currency));
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.put(field, text("act.error.amount", currency));
            return null;
        }
    }

    private LocalDate date(String text, String field, boolean required, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.put(field, text("act.error.required"));
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            errors.put(field, text("act.error.date"));
            return null;
        }
    }

    private <E extends Enum<E>> E choice(Class<E> type, String text, String field, boolean required,
                                         Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.put(field, text("act.error.choose"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(field, text("act.error.choose"));
            return null;
        }
    }

    private static String reasons(DialView dialled) {
        String reasons = dialled.reasons() == null ? "" : String.join("; ", dialled.reasons().stream()
                .map(r -> r.rule() + " (" + r.citation() + ")").toList());
        return reasons.isEmpty() ? (dialled.detail() == null ? "—" : dialled.detail()) : reasons;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
