package dev.arrears.arrangement.web;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.Plans.MakePlan;
import dev.arrears.arrangement.domain.PlanRules.Frequency;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import dev.arrears.shared.BadParameterException;
import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Instalment plans over JSON, under their account: the options the rules allow, make, show, cancel. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/plans")
@Tag(name = "Instalment plans", description = "Offer and follow up instalment plans within the business's rules")
class PlanController {

    /** Body of {@code POST …/plans}. */
    record PlanRequest(Integer instalments, String downPayment, String currency, String frequency,
                       String firstDueDate, String coveredAmount) {
    }

    /** Body of {@code POST …/plans/{id}/cancel}. */
    record CancelRequest(String reason) {
    }

    record InstalmentJson(int number, LocalDate dueOn, String amount, String state) {
    }

    record PlanJson(long id, long accountId, String currency, String covered, String downPayment, String fee,
                    int instalmentCount, String frequency, int graceDays, String state, String madeBy,
                    Instant madeAt, LocalDate startedOn, String paid, LocalDate endedOn, String endReason,
                    List<InstalmentJson> instalments, String balance) {

        static PlanJson of(PlanView p) {
            String c = p.currency();
            return new PlanJson(p.id(), p.accountId(), c, Amounts.format(p.coveredMinor(), c),
                    Amounts.format(p.downMinor(), c), Amounts.format(p.feeMinor(), c), p.instalmentCount(),
                    p.frequency(), p.graceDays(), p.state(), p.madeBy(), p.madeAt(), p.startedOn(),
                    Amounts.format(p.paidMinor(), c), p.endedOn(), p.endReason(), p.instalments().stream()
                    .map(i -> new InstalmentJson(i.number(), i.dueOn(), Amounts.format(i.amountMinor(), c),
                            i.state())).toList(), Amounts.format(p.balanceMinor(), c));
        }
    }

    record OptionJson(int instalments, List<InstalmentJson> schedule) {
    }

    record OptionsJson(long accountId, String currency, String balance, int maxInstalments, int minDownPercent,
                       String minDownPayment, String minInstalment, String fee, int graceDays,
                       List<OptionJson> options, String riskGrade, String covered) {
    }

    private final Plans plans;

    PlanController(Plans plans) {
        this.plans = plans;
    }

    @GetMapping
    @Operation(summary = "List an account's instalment plans, newest first")
    List<PlanJson> list(@PathVariable("accountId") String accountId) {
        return plans.plans(Amounts.id("accountId", accountId)).stream().map(PlanJson::of).toList();
    }

    @GetMapping("/options")
    @Operation(summary = "The plans the rules allow for this account today (monthly, smallest down payment), over "
            + "its balance or the part of it given as amount")
    OptionsJson options(@PathVariable("accountId") String accountId,
                        @RequestParam(name = "amount", required = false) String amount) {
        long account = Amounts.id("accountId", accountId);
        Long covered = null;
        if (amount != null) {
            if (!Parameters.present(amount)) {
                throw new BadParameterException("amount", "a decimal string in major units, e.g. 120.00");
            }
            try {
                covered = Money.parseMinor(amount.strip(), Currencies.of(plans.currency(account)));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("amount", e.getMessage());
            }
        }
        Plans.Options o;
        try {
            o = plans.options(account, covered);
        } catch (InvalidInputException e) { // only the covered amount is checked here
            throw new BadParameterException(e.errors().stream().map(f -> new BadParameterException.BadParameter(
                    "amount", f.detail())).toList());
        }
        String c = o.currency();
        return new OptionsJson(o.accountId(), c, Amounts.format(o.balanceMinor(), c), o.policy().maxInstalments(),
                o.policy().minDownPercent(), Amounts.format(o.minDownMinor(), c),
                Amounts.format(o.policy().minInstalmentMinor(), c), Amounts.format(o.policy().feeMinor(), c),
                o.policy().graceDays(), o.options().stream().map(opt -> new OptionJson(opt.instalments(),
                opt.schedule().stream().map(i -> json(i, c)).toList())).toList(), o.grade(),
                Amounts.format(o.coveredMinor(), c));
    }

    private static InstalmentJson json(Instalment i, String currency) {
        return new InstalmentJson(i.number(), i.dueOn(), Amounts.format(i.amountMinor(), currency), "DUE");
    }

    @GetMapping("/{planId}")
    @Operation(summary = "Show one plan with its schedule")
    PlanJson one(@PathVariable("accountId") String accountId, @PathVariable("planId") String planId) {
        return PlanJson.of(owned(Amounts.id("accountId", accountId), Amounts.id("planId", planId)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make an instalment plan within the rules: the ladder pauses while it runs")
    PlanJson make(@PathVariable("accountId") String accountId, @RequestBody(required = false) PlanRequest body,
                  Principal who) {
        long account = Amounts.id("accountId", accountId);
        PlanRequest b = body == null ? new PlanRequest(null, null, null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        if (b.instalments() == null) {
            errors.add(FieldError.at("/instalments", "required: how many instalments after the down payment"));
        }
        Currency currency = Amounts.currency(b.currency(), errors);
        Long down = Parameters.present(b.downPayment()) ? Amounts.amount("/downPayment", b.downPayment(), currency,
                errors) : null;
        Frequency frequency = Amounts.oneOf("/frequency", b.frequency(), Frequency.class, Frequency.MONTHLY, errors);
        LocalDate first = Amounts.date("/firstDueDate", b.firstDueDate(), errors);
        Long covered = b.coveredAmount() != null ? Amounts.amount("/coveredAmount", b.coveredAmount(), currency,
                errors) : null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return PlanJson.of(plans.make(account, new MakePlan(b.instalments(), down, currency.getCurrencyCode(),
                frequency, first, covered), who.getName()));
    }

    @PostMapping("/{planId}/cancel")
    @Operation(summary = "Cancel an active plan: the ladder resumes")
    PlanJson cancel(@PathVariable("accountId") String accountId, @PathVariable("planId") String planId,
                    @RequestBody(required = false) CancelRequest body, Principal who) {
        PlanView p = owned(Amounts.id("accountId", accountId), Amounts.id("planId", planId));
        return PlanJson.of(plans.cancel(p.id(), who.getName(), body == null ? null : body.reason()));
    }

    private PlanView owned(long accountId, long planId) {
        return plans.plan(planId).filter(p -> p.accountId() == accountId).orElseThrow(() ->
                new NotFoundException("No plan " + planId + " on account " + accountId));
    }
}
