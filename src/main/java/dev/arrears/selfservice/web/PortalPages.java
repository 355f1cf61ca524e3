package dev.arrears.selfservice.web;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.Promises;
import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.Templates;
import dev.arrears.contact.template.Formats;
import dev.arrears.contact.template.Locales;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.selfservice.SelfService;
import dev.arrears.selfservice.domain.PortalInput;
import dev.arrears.selfservice.domain.PortalInput.ComplaintCategory;
import dev.arrears.selfservice.domain.PortalInput.DisputeReason;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The customer's portal pages behind a signed link: {@code GET /portal/{token}} (the overview: what is owed and
 * overdue, the unpaid bills line by line, any active promise or plan, the actions) and a page with a form for each
 * action ({@code /plan}, {@code /promise}, {@code /dispute}, {@code /complaint}, {@code /feedback}; GET shows it,
 * POST does it and sends the customer back to the overview with a confirmation, 303). The token is the only
 * credential: 404 when it does not verify, 410 when it is ours but expired, in pages that show nothing of the
 * account. The action pages' forms carry the session's CSRF token (Spring Security refuses a POST without it, 403)
 * and are refused all the same (403) when the browser says they came from another site; the overview sets no
 * cookie (its one form, the pay step, has the link's secret token in its path instead); bad input re-shows the form with the problem (400), an action the account's state forbids too (409). Pages
 * speak the customer's language unless {@code ?lang=} (zh-CN, zh-TW, en) asks for another, are never cached and
 * never send the link on as a referrer.
 */
@Controller
class PortalPages {

    /** The actions a customer can take besides paying, by their path. */
    static final Set<String> ACTIONS = Set.of("plan", "promise", "dispute", "complaint", "feedback");

    /** The problems of the amount a plan is to cover, shown beside that field too. */
    private static final Set<String> PLAN_AMOUNT_ERRORS = Set.of("portal.error.planAmount",
            "portal.error.planAmountSmall");

    private final Portal portal;
    private final Ledger ledger;
    private final Templates templates;
    private final Plans plans;
    private final Promises promises;
    private final SelfService self;
    private final MessageSource messages;
    /** Present in the web server only: the command line starts the same beans without views. */
    private final ObjectProvider<ThymeleafViewResolver> views;

    PortalPages(Portal portal, Ledger ledger, Templates templates, Plans plans, Promises promises, SelfService self,
                MessageSource messages, ObjectProvider<ThymeleafViewResolver> views) {
        this.portal = portal;
        this.ledger = ledger;
        this.templates = templates;
        this.plans = plans;
        this.promises = promises;
        this.self = self;
        this.messages = messages;
        this.views = views;
    }

    /** What every page knows: the link's token, the language shown and the links that switch it. */
    record Frame(String token, String lang, String base, List<LanguageLink> languages, String creditorName,
                 String accountNumber) {
    }

    /** A link to the same page in another language. */
    record LanguageLink(String tag, String href, boolean current) {
    }

    /** The overview; amounts and dates are already formatted for the language shown. */
    record Overview(String customerName, String asOf, String balance, String overdue, boolean late,
                    int overdueDays, String suggested, List<BillRow> bills, String creditorPhone, PayForm pay,
                    String promise, String plan, boolean disputed, boolean canPlan, boolean canPromise,
                    boolean owes, String done) {
    }

    /** The pay step's form (posts to the arrangement module's {@code POST /portal/{token}/pay}). */
    record PayForm(String amount, String currency, String attempt) {
    }

    /** One unpaid bill. */
    record BillRow(String number, String issueDate, String dueDate, String total, String outstanding,
                   boolean overdue, List<LineRow> lines) {
    }

    /** One line of a bill. */
    record LineRow(String description, String category, String amount) {
    }

    /** An action's form as shown: the values to fill back in, the problems to show (already in the language). */
    record Form(Map<String, String> values, List<String> errors) {

        public String value(String name) {
            return values.getOrDefault(name, "");
        }
    }

    /** One plan the customer may choose: {@code frequency} WEEKLY, BIWEEKLY or MONTHLY. */
    record PlanChoice(int instalments, String down, String each, String last, String firstDue, String lastDue,
                      List<String> dates, String frequency) {
    }

    // ---------------------------------------------------------------------------------------------- overview

    @GetMapping("/portal/{token}")
    ModelAndView overview(@PathVariable("token") String token, @RequestParam(name = "lang", required = false) String lang,
                          @RequestParam(name = "done", required = false) String done,
                          HttpServletRequest request, HttpServletResponse response) throws Exception {
        privateHeaders(response);
        Optional<AccountView> found = account(token);
        if (found.isEmpty()) {
            return refused(token, request);
        }
        AccountView account = found.get();
        Claims claims = ((PortalToken.Valid) portal.verify(token)).claims();
        String locale = language(lang, account);
        Frame frame = frame(token, locale, "/portal/" + token, account);
        self.opened(account.summary().id(), account.summary().customerId(), locale);
        ModelAndView mv = page("portal/bill", locale, HttpStatus.OK, request, frame);
        mv.addObject("page", overview(account, claims, locale, done != null && ACTIONS.contains(done) ? done : null));
        return mv;
    }

    private Overview overview(AccountView account, Claims claims, String locale, String done) {
        Formats f = Formats.of(locale);
        var s = account.summary();
        String currency = s.currency();
        List<BillRow> bills = account.bills().stream()
                .filter(b -> b.outstandingMinor() > 0)
                .sorted(Comparator.comparing(BillView::dueDate).thenComparing(BillView::id))
                .map(b -> new BillRow(b.externalRef(), f.date(b.issueDate()), f.date(b.dueDate()),
                        f.money(b.totalMinor(), currency), f.money(b.outstandingMinor(), currency),
                        b.dueDate().isBefore(s.asOf()),
                        b.lines().stream().map(l -> new LineRow(l.description(), f.category(l.category().name()),
                                f.money(l.amountMinor(), currency))).toList()))
                .toList();
        String suggested = claims.suggestedMinor() != null && currency.equals(claims.currency())
                ? f.money(claims.suggestedMinor(), currency) : null;
        PayForm pay = null;
        if (s.balanceMinor() > 0) {
            long proposed = suggested != null ? Math.min(claims.suggestedMinor(), s.balanceMinor())
                    : s.overdueMinor() > 0 ? s.overdueMinor() : s.balanceMinor();
            pay = new PayForm(Money.format(proposed, Currencies.of(currency)), currency, UUID.randomUUID().toString());
        }
        Locale l = javaLocale(locale);
        Optional<PromiseView> promise = promises.promises(s.id()).stream()
                .filter(p -> p.state().equals("ACTIVE")).findFirst();
        Optional<PlanView> plan = plans.plans(s.id()).stream().filter(p -> p.state().equals("ACTIVE")).findFirst();
        String promiseText = promise.map(p -> messages.getMessage("portal.active.promise",
                new Object[]{f.money(p.amountMinor(), p.currency()), f.date(p.promisedOn())}, l)).orElse(null);
        String planText = plan.map(p -> {
            var next = p.instalments().stream().filter(i -> !i.state().equals("PAID")).findFirst();
            long each = p.instalments().stream().filter(i -> i.number() == 1).mapToLong(i -> i.amountMinor())
                    .findFirst().orElse(0);
            String text = messages.getMessage("portal.active.plan", new Object[]{p.instalmentCount(),
                    f.money(each, p.currency()), next.map(i -> f.date(i.dueOn())).orElse("—"),
                    next.map(i -> f.money(i.amountMinor(), p.currency())).orElse("—")}, l);
            // a plan over part of the balance: the customer must know the rest is still collected as usual
            return p.partial() ? text + " " + messages.getMessage("portal.active.planCovers", new Object[]{
                    f.money(p.coveredMinor(), p.currency()), f.money(p.balanceMinor(), p.currency())}, l) : text;
        }).orElse(null);
        boolean disputed = self.disputed(s.id(), s.customerId());
        boolean canPlan = s.balanceMinor() > 0 && plan.isEmpty() && !disputed;
        boolean canPromise = s.overdueMinor() > 0 && promise.isEmpty() && plan.isEmpty() && !disputed;
        return new Overview(account.customer().name(), f.date(s.asOf()), f.money(s.balanceMinor(), currency),
                f.money(s.overdueMinor(), currency), s.overdueMinor() > 0, s.daysPastDue(), suggested, bills,
                templates.creditorPhone(), pay, promiseText, planText, disputed, canPlan, canPromise,
                s.balanceMinor() > 0, done);
    }

    // ---------------------------------------------------------------------------------------------- plan

    @GetMapping("/portal/{token}/plan")
    ModelAndView planForm(@PathVariable("token") String token, @RequestParam(name = "lang", required = false) String lang,
                          HttpServletRequest request, HttpServletResponse response) throws Exception {
        return show("plan", token, lang, Map.of(), List.of(), HttpStatus.OK, request, response);
    }

    /**
     * Makes the chosen plan over the balance, or over the part of it given as {@code amount}, with the down payment
     * given as {@code down} (empty: the smallest the rules allow) and instalments {@code frequency} apart (WEEKLY,
     * BIWEEKLY, MONTHLY; empty: monthly). With {@code preview}, or when those terms are not the ones the plans on the
     * page were shown for ({@code shown}, {@code shownDown}, {@code shownFrequency}), makes nothing and shows the
     * plans for them: the customer confirms only a schedule they have seen.
     */
    @PostMapping("/portal/{token}/plan")
    ModelAndView plan(@PathVariable("token") String token, @RequestParam(name = "lang", required = false) String lang,
                      @RequestParam(name = "instalments", required = false) String instalments,
                      @RequestParam(name = "amount", required = false) String amount,
                      @RequestParam(name = "down", required = false) String down,
                      @RequestParam(name = "frequency", required = false) String frequency,
                      @RequestParam(name = "shown", required = false) String shown,
                      @RequestParam(name = "shownDown", required = false) String shownDown,
                      @RequestParam(name = "shownFrequency", required = false) String shownFrequency,
                      @RequestParam(name = "preview", required = false) String preview,
                      HttpServletRequest request, HttpServletResponse response) throws Exception {
        return act("plan", token, lang, Map.of("instalments", nz(instalments), "amount", nz(amount), "down", nz(down),
                "frequency", nz(frequency)), request, response, (account, l) -> {
                    Terms terms = terms(account, amount, down, frequency);
                    if (!terms.problems().isEmpty()) {
                        return terms.problems();
                    }
                    if (preview != null) {
                        throw new ShowAgain(null);
                    }
                    if (!shownFor(shown, shownDown, shownFrequency, terms.options())) {
                        throw new ShowAgain("portal.plan.check");
                    }
                    int n;
                    try {
                        n = Integer.parseInt(nz(instalments).strip());
                    } catch (NumberFormatException e) {
                        return List.of("portal.error.plan");
                    }
                    self.choosePlan(account.summary().id(), n, terms.coveredMinor(), terms.downMinor(),
                            terms.frequency());
                    return List.of();
                });
    }

    /**
     * The terms a customer asks a plan for: the part of the balance to cover ({@code coveredMinor} null for all of
     * it), the down payment (null: the smallest), the frequency (null: monthly), the plans over the terms that are
     * good (the whole balance's, the smallest down payment, monthly for those that are not) and the problems of the
     * others (message keys).
     */
    private record Terms(Long coveredMinor, Long downMinor, Frequency frequency, Plans.Options options,
                         List<String> problems) {
    }

    /**
     * Reads the amount to cover, the down payment and the frequency a customer asks for (each blank: the whole
     * balance, the smallest, monthly) and checks them against the rules; a down payment is checked once the amount
     * is good.
     */
    private Terms terms(AccountView account, String amount, String down, String frequency) {
        var s = account.summary();
        var currency = Currencies.of(s.currency());
        List<String> problems = new ArrayList<>();
        Frequency every = null;
        if (frequency != null && !frequency.isBlank()) {
            every = PortalInput.choice(frequency, Frequency.class).orElse(null);
            if (every == null) {
                problems.add("portal.error.planFrequency");
            }
        }
        Long covered = null;
        Plans.Options options = null;
        if (amount != null && !amount.isBlank()) {
            try {
                covered = Money.parseMinor(amount.strip(), currency);
                options = plans.options(s.id(), covered, null, every);
                if (options.options().isEmpty()) {
                    problems.add("portal.error.planAmountSmall");
                }
            } catch (IllegalArgumentException | ArithmeticException e) { // not an amount
                problems.add("portal.error.planAmount");
            } catch (InvalidInputException e) { // more than the balance, or not more than zero
                problems.add("portal.error.planAmount");
            }
        }
        boolean amountGood = problems.stream().noneMatch(PLAN_AMOUNT_ERRORS::contains);
        if (!amountGood) { // the plans shown are the whole balance's
            covered = null;
            options = null;
        }
        if (options == null) {
            options = plans.options(s.id(), null, null, every);
        }
        Long downMinor = null;
        if (down != null && !down.isBlank() && amountGood) {
            try {
                downMinor = Money.parseMinor(down.strip(), currency);
                options = plans.options(s.id(), covered, downMinor, every);
            } catch (IllegalArgumentException | ArithmeticException | InvalidInputException e) {
                // not an amount, below the smallest, or all of what the plan covers
                problems.add("portal.error.planDown");
                downMinor = null;
            }
        }
        return new Terms(covered, downMinor, every, options, problems);
    }

    /**
     * Returns whether the plans were shown for the terms asked for: the amount covered ({@code shown}), the down
     * payment ({@code shownDown}) and the frequency ({@code shownFrequency}); a post without one of them is taken as
     * it is for that term.
     */
    private static boolean shownFor(String shown, String shownDown, String shownFrequency, Plans.Options options) {
        var currency = Currencies.of(options.currency());
        try {
            return (shown == null || shown.isBlank()
                    || Money.parseMinor(shown.strip(), currency) == options.coveredMinor())
                    && (shownDown == null || shownDown.isBlank()
                    || Money.parseMinor(shownDown.strip(), currency) == options.downMinor())
                    && (shownFrequency == null || shownFrequency.isBlank()
                    || shownFrequency.strip().equalsIgnoreCase(options.frequency().name()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Thrown by an action that did nothing and shows its form again (200), with a notice (a message key) or none. */
    private static final class ShowAgain extends RuntimeException {
        private final String notice;

        ShowAgain(String notice) {
            super("show the form again", null, false, false);
            this.notice = notice;
        }
    }

    private List<PlanChoice> planChoices(Plans.Options options, String locale) {
        Formats f = Formats.of(locale);
        String c = options.currency();
        return options.options().stream().map(o -> {
            var rest = o.schedule().stream().filter(i -> i.number() > 0).toList();
            long down = o.schedule().stream().filter(i -> i.number() == 0).mapToLong(i -> i.amountMinor()).sum();
            return new PlanChoice(o.instalments(), f.money(down, c), f.money(rest.getFirst().amountMinor(), c),
                    f.money(rest.getLast().amountMinor(), c), f.date(rest.getFirst().dueOn()),
                    f.date(rest.getLast().dueOn()),
                    rest.stream().map(i -> f.date(i.dueOn()) + " · " + f.money(i.amountMinor(), c)).toList(),
                    options.frequency().name());
        }).toList();
    }

    // ---------------------------------------------------------------------------------------------- promise

    @GetMapping("/portal/{token}/promise")
    ModelAndView promiseForm(@PathVariable("token") String token,
                             @RequestParam(name = "lang", required = false) String lang,
                             HttpServletRequest request, HttpServletResponse response) throws Exception {
        return show("promise", token, lang, Map.of(), List.of(), HttpStatus.OK, request, response);
    }

    @PostMapping("/portal/{token}/promise")
    ModelAndView promise(@PathVariable("token") String token, @RequestParam(name = "lang", required = false) String lang,
                         @RequestParam(name = "amount", required = false) String amount,
                         @RequestParam(name = "date", required = false) String date,
                         HttpServletRequest request, HttpServletResponse response) throws Exception {
        return act("promise", token, lang, Map.of("amount", nz(amount), "date", nz(date)), request, response,
                (account, l) -> {
                    var s = account.summary();
                    List<String> errors = new ArrayList<>();
                    long minor = 0;
                    try {
                        minor = Money.parseMinor(nz(amount).strip(), Currencies.of(s.currency()));
                        if (minor <= 0 || minor > s.balanceMinor()) {
                            errors.add("portal.error.promiseAmount");
                        }
                    } catch (IllegalArgumentException e) {
                        errors.add("portal.error.promiseAmount");
                    }
                    LocalDate on = null;
                    try {
                        on = LocalDate.parse(nz(date).strip());
                        if (on.isBefore(s.asOf()) || on.isAfter(s.asOf().plusDays(promises.policy().maxDaysAhead()))) {
                            errors.add("portal.error.promiseDate");
                        }
                    } catch (DateTimeParseException e) {
                        errors.add("portal.error.promiseDate");
                    }
                    if (!errors.isEmpty()) {
                        return errors;
                    }
                    self.promise(s.id(), minor, s.currency(), on);
                    return List.of();
                });
    }

    // ---------------------------------------------------------------------------------------------- dispute

    @GetMapping("/portal/{token}/dispute")
    ModelAndView disputeForm(@PathVariable("token") String token,
                             @RequestParam(name = "lang", required = false) String lang,
                             HttpServletRequest request, HttpServletResponse response) throws Exception {
        return show("dispute", token, lang, Map.of(), List.of(), HttpStatus.OK, request, response);
    }

    @PostMapping("/portal/{token}/dispute")
    ModelAndView dispute(@PathVariable("token") String token, @RequestParam(name = "lang", required = false) String lang,
                         @RequestParam(name = "reason", required = false) String reason,
                         @RequestParam(name = "text", required = false) String text,
                         HttpServletRequest request, HttpServletResponse response) throws Exception {
        return act("dispute", token, lang, Map.of("reason", nz(reason), "text", nz(text)), request, response,
                (account, l) -> {
                    List<String> errors = new ArrayList<>();
                    Optional<DisputeReason> why = PortalInput.choice(reason, DisputeReason.class);
                    if (why.isEmpty()) {
                        errors.add("portal.error.disputeReason");
                    }
                    if (PortalInput.text(text, PortalInput.MAX_DISPUTE_TEXT).isEmpty()) {
                        errors.add("portal.error.disputeText");
                    }
                    if (errors.isEmpty()) {
                        self.dispute(account.summary().id(), why.orElseThrow(), text);
                    }
                    return errors;
                });
    }

    // ---------------------------------------------------------------------------------------------- complaint

    @GetMapping("/portal/{token}/complaint")
    ModelAndView complaintForm(@PathVariable("token") String token,
                               @RequestParam(name = "lang", required = false) String lang,
                               HttpServletRequest request, HttpServletResponse response) throws Exception {
        return show("complaint", token, lang, Map.of(), List.of(), HttpStatus.OK, request, response);
    }

    @PostMapping("/portal/{token}/complaint")
    ModelAndView complaint(@PathVariable("token") String token,
                           @RequestParam(name = "lang", required = false) String lang,
                           @RequestParam(name = "category", required = false) String category,
                           @RequestParam(name = "text", required = false) String text,
                           HttpServletRequest request, HttpServletResponse response) throws Exception {
        return act("complaint", token, lang, Map.of("category", nz(category), "text", nz(text)), request, response,
                (account, l) -> {
                    List<String> errors = new ArrayList<>();
                    Optional<ComplaintCategory> what = PortalInput.choice(category, ComplaintCategory.class);
                    if (what.isEmpty()) {
                        errors.add("portal.error.complaintCategory");
                    }
                    if (PortalInput.text(text, PortalInput.MAX_COMPLAINT_TEXT).isEmpty()) {
                        errors.add("portal.error.complaintText");
                    }
                    if (errors.isEmpty()) {
                        self.complain(account.summary().id(), SelfService.Source.PORTAL, what.orElseThrow(), text,
                                SelfService.CUSTOMER);
                    }
                    return errors;
                });
    }

    // ---------------------------------------------------------------------------------------------- feedback

    @GetMapping("/portal/{token}/feedback")
    ModelAndView feedbackForm(@PathVariable("token") String token,
                              @RequestParam(name = "lang", required = false) String lang,
                              HttpServletRequest request, HttpServletResponse response) throws Exception {
        return show("feedback", token, lang, Map.of(), List.of(), HttpStatus.OK, request, response);
    }

    @PostMapping("/portal/{token}/feedback")
    ModelAndView feedback(@PathVariable("token") String token,
                          @RequestParam(name = "lang", required = false) String lang,
                          @RequestParam(name = "rating", required = false) String rating,
                          @RequestParam(name = "comment", required = false) String comment,
                          HttpServletRequest request, HttpServletResponse response) throws Exception {
        return act("feedback", token, lang, Map.of("rating", nz(rating), "comment", nz(comment)), request, response,
                (account, l) -> {
                    List<String> errors = new ArrayList<>();
                    Optional<Integer> stars = PortalInput.rating(rating);
                    if (stars.isEmpty()) {
                        errors.add("portal.error.rating");
                    }
                    if (PortalInput.optionalText(comment, PortalInput.MAX_COMMENT).isEmpty()) {
                        errors.add("portal.error.comment");
                    }
                    if (errors.isEmpty()) {
                        self.rate(account.summary().id(), stars.orElseThrow(), comment);
                    }
                    return errors;
                });
    }

    // ---------------------------------------------------------------------------------------------- machinery

    /** An action: returns the message keys of what is wrong with the input (none: done). */
    @FunctionalInterface
    private interface Action {
        List<String> apply(AccountView account, String locale);
    }

    /** Shows an action's form, with values to fill back in and problems (message keys) to show. */
    private ModelAndView show(String action, String token, String lang, Map<String, String> values,
                              List<String> errors, HttpStatus status, HttpServletRequest request,
                              HttpServletResponse response) throws Exception {
        return show(action, token, lang, values, errors, null, status, request, response);
    }

    /** Shows an action's form as above, with a notice above it (a message key; null: none). */
    private ModelAndView show(String action, String token, String lang, Map<String, String> values,
                              List<String> errors, String notice, HttpStatus status, HttpServletRequest request,
                              HttpServletResponse response) throws Exception {
        privateHeaders(response);
        Optional<AccountView> found = account(token);
        if (found.isEmpty()) {
            return refused(token, request);
        }
        AccountView account = found.get();
        String locale = language(lang, account);
        Locale l = javaLocale(locale);
        ModelAndView mv = page("portal/" + action, locale, status, request,
                frame(token, locale, "/portal/" + token + "/" + action, account));
        mv.addObject("form", new Form(values, errors.stream().map(k -> message(k, account, l)).toList()));
        var s = account.summary();
        Formats f = Formats.of(locale);
        switch (action) {
            case "plan" -> {
                Terms terms = terms(account, values.get("amount"), values.get("down"), values.get("frequency"));
                Plans.Options options = terms.options();
                String covered = f.money(options.coveredMinor(), s.currency());
                String balance = f.money(s.balanceMinor(), s.currency());
                String minDown = f.money(options.minDownMinor(), s.currency());
                mv.addObject("choices", planChoices(options, locale));
                mv.addObject("currency", s.currency());
                mv.addObject("balance", balance);
                mv.addObject("minDown", minDown);
                mv.addObject("frequencies", Arrays.stream(Frequency.values()).map(Enum::name).toList());
                mv.addObject("frequency", options.frequency().name());
                mv.addObject("shown", Money.format(options.coveredMinor(), Currencies.of(s.currency())));
                mv.addObject("shownDown", Money.format(options.downMinor(), Currencies.of(s.currency())));
                mv.addObject("covers", options.coveredMinor() == s.balanceMinor() ? null
                        : messages.getMessage("portal.plan.covers", new Object[]{covered, balance}, l));
                mv.addObject("notice", notice == null ? null : messages.getMessage(notice, new Object[]{covered}, l));
                mv.addObject("amountError", errors.stream().filter(PLAN_AMOUNT_ERRORS::contains).findFirst()
                        .map(k -> message(k, account, l)).orElse(null));
                // the down payment's problem names the smallest over the amount the plans are shown for
                String downError = messages.getMessage("portal.error.planDown", new Object[]{minDown, covered}, l);
                mv.addObject("downError", errors.contains("portal.error.planDown") ? downError : null);
                mv.addObject("frequencyError", errors.contains("portal.error.planFrequency")
                        ? message("portal.error.planFrequency", account, l) : null);
                mv.addObject("form", new Form(values, errors.stream().map(k -> k.equals("portal.error.planDown")
                        ? downError : message(k, account, l)).toList()));
            }
            case "promise" -> {
                mv.addObject("minDate", s.asOf().toString());
                mv.addObject("maxDate", s.asOf().plusDays(promises.policy().maxDaysAhead()).toString());
                mv.addObject("limits", messages.getMessage("portal.promise.limits", new Object[]{
                        f.date(s.asOf()), f.date(s.asOf().plusDays(promises.policy().maxDaysAhead()))}, l));
                mv.addObject("currency", s.currency());
                mv.addObject("defaultAmount", Money.format(s.overdueMinor() > 0 ? s.overdueMinor()
                        : s.balanceMinor(), Currencies.of(s.currency())));
            }
            case "dispute" -> mv.addObject("reasons", Arrays.stream(DisputeReason.values()).map(Enum::name).toList());
            case "complaint" -> mv.addObject("categories",
                    Arrays.stream(ComplaintCategory.values()).map(Enum::name).toList());
            default -> {
            }
        }
        mv.addObject("maxDispute", Integer.toString(PortalInput.MAX_DISPUTE_TEXT));
        mv.addObject("maxComplaint", Integer.toString(PortalInput.MAX_COMPLAINT_TEXT));
        mv.addObject("maxComment", Integer.toString(PortalInput.MAX_COMMENT));
        return mv;
    }

    /** Does an action posted from its form: refused cross-site, re-shown with problems, else back to the overview. */
    private ModelAndView act(String action, String token, String lang, Map<String, String> values,
                             HttpServletRequest request, HttpServletResponse response, Action body) throws Exception {
        privateHeaders(response);
        Optional<AccountView> found = account(token);
        if (found.isEmpty()) {
            return refused(token, request);
        }
        String locale = language(lang, found.get());
        if (crossSite(request)) {
            return show(action, token, lang, values, List.of("portal.error.form"), HttpStatus.FORBIDDEN, request,
                    response);
        }
        List<String> errors;
        HttpStatus status = HttpStatus.BAD_REQUEST;
        try {
            errors = body.apply(found.get(), locale);
        } catch (ShowAgain e) {
            return show(action, token, lang, values, List.of(), e.notice, HttpStatus.OK, request, response);
        } catch (InvalidInputException e) {
            errors = keys(action, e.errors());
        } catch (ConflictException e) {
            errors = List.of("portal.error.conflict." + action);
            status = HttpStatus.CONFLICT;
        }
        if (!errors.isEmpty()) {
            return show(action, token, lang, values, errors, status, request, response);
        }
        RedirectView next = new RedirectView("/portal/" + token + "?lang=" + locale + "&done=" + action, true);
        next.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(next);
    }

    /** Returns the message keys for the problems a façade found (its details are English, for the API). */
    private static List<String> keys(String action, List<FieldError> errors) {
        return errors.stream().map(e -> switch (action + e.pointer()) {
            case "promise/amount" -> "portal.error.promiseAmount";
            case "plan/coveredAmount" -> "portal.error.planAmount";
            case "plan/downPayment" -> "portal.error.planDown";
            case "promise/date" -> "portal.error.promiseDate";
            case "dispute/text" -> "portal.error.disputeText";
            case "complaint/text" -> "portal.error.complaintText";
            case "feedback/rating" -> "portal.error.rating";
            case "feedback/comment" -> "portal.error.comment";
            default -> "portal.error." + action;
        }).distinct().toList();
    }

    private String message(String key, AccountView account, Locale l) {
        var s = account.summary();
        Formats f = Formats.of(Locales.closest(l.toLanguageTag()));
        Object[] args = switch (key) {
            case "portal.error.promiseAmount", "portal.error.planAmount" ->
                    new Object[]{f.money(s.balanceMinor(), s.currency())};
            case "portal.error.promiseDate" -> new Object[]{f.date(s.asOf()),
                    f.date(s.asOf().plusDays(promises.policy().maxDaysAhead()))};
            // as text: a number argument would be grouped (2,000) in one language and not in another
            case "portal.error.disputeText" -> new Object[]{Integer.toString(PortalInput.MAX_DISPUTE_TEXT)};
            case "portal.error.complaintText" -> new Object[]{Integer.toString(PortalInput.MAX_COMPLAINT_TEXT)};
            case "portal.error.comment" -> new Object[]{Integer.toString(PortalInput.MAX_COMMENT)};
            default -> new Object[0];
        };
        return messages.getMessage(key, args, key, l);
    }

    /** Returns the account of a valid token; empty for an expired or invalid one. */
    private Optional<AccountView> account(String token) {
        if (portal.verify(token) instanceof PortalToken.Valid(Claims claims)) {
            return ledger.account(claims.accountId(), null);
        }
        return Optional.empty();
    }

    /** Answers a token that did not give an account: 410 when it is ours but expired, else 404; nothing of it shown. */
    private ModelAndView refused(String token, HttpServletRequest request) throws Exception {
        if (portal.verify(token) instanceof PortalToken.Expired(Claims claims)) {
            String locale = ledger.account(claims.accountId(), null)
                    .map(a -> Locales.closest(a.customer().locale())).orElseGet(() -> browser(request));
            return bare("portal/expired", locale, HttpStatus.GONE);
        }
        return bare("portal/invalid", browser(request), HttpStatus.NOT_FOUND);
    }

    private Frame frame(String token, String locale, String base, AccountView account) {
        List<LanguageLink> languages = Locales.ALL.stream().map(tag -> new LanguageLink(tag,
                base + "?lang=" + tag, tag.equals(locale))).toList();
        return new Frame(token, locale, base, languages, templates.creditorName(locale),
                account.summary().externalRef());
    }

    /** Returns a page rendered in a language of our choosing, not the one the request's locale resolver picks. */
    private ModelAndView page(String name, String locale, HttpStatus status, HttpServletRequest request, Frame frame)
            throws Exception {
        // a form's page carries the session's CSRF token, made now before the page starts streaming out (it needs
        // a session); the overview's only form is the pay step, protected by the token in its path, so that page
        // sets no cookie at all
        if (!name.equals("portal/bill") && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            csrf.getToken();
        }
        ModelAndView mv = bare(name, locale, status);
        mv.addObject("frame", frame);
        return mv;
    }

    private ModelAndView bare(String name, String locale, HttpStatus status) throws Exception {
        View view = views.getObject().resolveViewName(name, javaLocale(locale));
        ModelAndView mv = new ModelAndView(view);
        mv.setStatus(status);
        return mv;
    }

    /** Returns the language to show: {@code lang} when it is one of ours, else the customer's. */
    private static String language(String lang, AccountView account) {
        return Locales.supported(lang) ? lang : Locales.closest(account.customer().locale());
    }

    /** Returns true when the browser says the form was sent from another site. */
    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        if ("same-origin".equals(site)) {
            // the browser vouches for our own page; its Origin is "null" because our pages send Referrer-Policy
            // no-referrer (Fetch standard, "serializing a request origin": a POST under no-referrer sends null)
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host == null || o.getHost() == null || !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true; // "null" or garbage: a sandboxed or privacy-hiding context, not our page
        }
    }

    static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }

    static String browser(HttpServletRequest request) {
        return Locales.closest(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
    }

    static Locale javaLocale(String locale) {
        return switch (locale) {
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            case "zh-TW" -> Locale.TRADITIONAL_CHINESE;
            default -> Locale.ENGLISH;
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
