package dev.arrears.arrangement.web;

import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Promises.TakePromise;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Promises to pay over JSON, under the account they are about: list, take (amount as a decimal string beside its
 * currency, the date in the account's zone, the channel it was made through), show and cancel.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/promises")
@Tag(name = "Promises to pay", description = "Take a promise (the ladder pauses), follow it up, cancel it")
class PromiseController {

    /** Body of {@code POST /api/v1/accounts/{id}/promises}. */
    record PromiseRequest(String amount, String currency, String date, String channel, String note,
                          Boolean replace) {
    }

    /** Body of {@code POST …/promises/{id}/cancel}. */
    record CancelRequest(String reason) {
    }

    /** A promise as the API shows it: amounts as decimal strings beside their currency. */
    record PromiseJson(long id, long accountId, long customerId, Long caseId, String amount, String currency,
                       LocalDate date, int graceDays, String channel, String state, String paid, String takenBy,
                       java.time.Instant takenAt, String note, LocalDate endedOn, String endReason) {

        static PromiseJson of(PromiseView p) {
            return new PromiseJson(p.id(), p.accountId(), p.customerId(), p.caseId(),
                    Amounts.format(p.amountMinor(), p.currency()), p.currency(), p.promisedOn(), p.graceDays(),
                    p.channel().name(), p.state(), Amounts.format(p.paidMinor(), p.currency()), p.takenBy(),
                    p.takenAt(), p.note(), p.endedOn(), p.endReason());
        }
    }

    private final Promises promises;

    PromiseController(Promises promises) {
        this.promises = promises;
    }

    @GetMapping
    @Operation(summary = "List an account's promises to pay, newest first")
    List<PromiseJson> list(@PathVariable("accountId") String accountId) {
        return promises.promises(Amounts.id("accountId", accountId)).stream().map(PromiseJson::of).toList();
    }

    @GetMapping("/{promiseId}")
    @Operation(summary = "Show one promise to pay")
    PromiseJson one(@PathVariable("accountId") String accountId, @PathVariable("promiseId") String promiseId) {
        return PromiseJson.of(owned(Amounts.id("accountId", accountId), Amounts.id("promiseId", promiseId)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take a promise to pay: the account's ladder pauses until it is kept, broken or cancelled")
    PromiseJson take(@PathVariable("accountId") String accountId, @RequestBody(required = false) PromiseRequest body,
                     Principal who) {
        long account = Amounts.id("accountId", accountId);
        PromiseRequest b = body == null ? new PromiseRequest(null, null, null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        Currency currency = Amounts.currency(b.currency(), errors);
        long amount = Amounts.amount("/amount", b.amount(), currency, errors);
        LocalDate date = Amounts.date("/date", b.date(), errors);
        PromiseChannel channel = Amounts.oneOf("/channel", b.channel(), PromiseChannel.class, PromiseChannel.CALL,
                errors);
        if (b.note() != null && b.note().length() > 2000) {
            errors.add(FieldError.at("/note", "is longer than 2,000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return PromiseJson.of(promises.take(account, new TakePromise(amount, currency.getCurrencyCode(), date,
                channel, b.note(), Boolean.TRUE.equals(b.replace())), who.getName()));
    }

    @PostMapping("/{promiseId}/cancel")
    @Operation(summary = "Cancel an active promise: the ladder resumes")
    PromiseJson cancel(@PathVariable("accountId") String accountId, @PathVariable("promiseId") String promiseId,
                       @RequestBody(required = false) CancelRequest body, Principal who) {
        PromiseView p = owned(Amounts.id("accountId", accountId), Amounts.id("promiseId", promiseId));
        return PromiseJson.of(promises.cancel(p.id(), who.getName(), body == null ? null : body.reason()));
    }

    private PromiseView owned(long accountId, long promiseId) {
        return promises.promise(promiseId).filter(p -> p.accountId() == accountId).orElseThrow(() ->
                new NotFoundException("No promise " + promiseId + " on account " + accountId));
    }
}
