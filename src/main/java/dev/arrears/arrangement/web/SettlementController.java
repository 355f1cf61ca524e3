package dev.arrears.arrangement.web;

import dev.arrears.arrangement.ConcessionViews.SettlementView;
import dev.arrears.arrangement.ConcessionViews.WaiverView;
import dev.arrears.arrangement.Settlements;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Settlement offers and waivers over JSON, under the account they are about. Each waits for approval by another
 * user ({@code /api/v1/approvals}); amounts are decimal strings beside their currency.
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
@Tag(name = "Settlements and waivers", description = "Discounts to settle and waivers, each approved by another user")
class SettlementController {

    /** Body of {@code POST …/settlements}. */
    record SettlementRequest(String amount, String currency, String validUntil, String reason) {
    }

    /** Body of {@code POST …/waivers}. */
    record WaiverRequest(String amount, String currency, String billRef, String reason) {
    }

    record SettlementJson(long id, long accountId, String currency, String balance, String amount, String discount,
                          LocalDate validUntil, String reason, String state, String madeBy, Instant madeAt,
                          Instant offeredAt, String paid, String writtenOff, LocalDate endedOn, String endReason,
                          Long approvalId) {

        static SettlementJson of(SettlementView s) {
            String c = s.currency();
            return new SettlementJson(s.id(), s.accountId(), c, Amounts.format(s.balanceMinor(), c),
                    Amounts.format(s.amountMinor(), c), Amounts.format(s.discountMinor(), c), s.validUntil(),
                    s.reason(), s.state(), s.madeBy(), s.madeAt(), s.offeredAt(), Amounts.format(s.paidMinor(), c),
                    s.writtenOffMinor() == null ? null : Amounts.format(s.writtenOffMinor(), c), s.endedOn(),
                    s.endReason(), s.approvalId());
        }
    }

    record WaiverJson(long id, long accountId, String billRef, String currency, String amount, String reason,
                      String state, String madeBy, Instant madeAt, Long adjustmentId, Long approvalId) {

        static WaiverJson of(WaiverView w) {
            return new WaiverJson(w.id(), w.accountId(), w.billRef(), w.currency(),
                    Amounts.format(w.amountMinor(), w.currency()), w.reason(), w.state(), w.madeBy(), w.madeAt(),
                    w.adjustmentId(), w.approvalId());
        }
    }

    private final Settlements settlements;

    SettlementController(Settlements settlements) {
        this.settlements = settlements;
    }

    @GetMapping("/settlements")
    @Operation(summary = "List an account's settlements, newest first")
    List<SettlementJson> settlements(@PathVariable("accountId") String accountId) {
        return settlements.settlements(Amounts.id("accountId", accountId)).stream().map(SettlementJson::of).toList();
    }

    @GetMapping("/settlements/{settlementId}")
    @Operation(summary = "Show one settlement")
    SettlementJson settlement(@PathVariable("accountId") String accountId,
                              @PathVariable("settlementId") String settlementId) {
        long account = Amounts.id("accountId", accountId);
        long id = Amounts.id("settlementId", settlementId);
        return settlements.settlement(id).filter(s -> s.accountId() == account).map(SettlementJson::of)
                .orElseThrow(() -> new NotFoundException("No settlement " + id + " on account " + account));
    }

    @PostMapping("/settlements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Offer a settlement: pay this amount by validUntil to settle the balance; waits for approval")
    SettlementJson offer(@PathVariable("accountId") String accountId,
                         @RequestBody(required = false) SettlementRequest body, Principal who) {
        long account = Amounts.id("accountId", accountId);
        SettlementRequest b = body == null ? new SettlementRequest(null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        Currency currency = Amounts.currency(b.currency(), errors);
        long amount = Amounts.amount("/amount", b.amount(), currency, errors);
        LocalDate validUntil = Amounts.date("/validUntil", b.validUntil(), errors);
        if (!Parameters.present(b.reason())) {
            errors.add(FieldError.at("/reason", "required: why the business gives this discount"));
        } else if (b.reason().length() > 2000) {
            errors.add(FieldError.at("/reason", "is longer than 2,000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return SettlementJson.of(settlements.offer(account, amount, currency.getCurrencyCode(), validUntil,
                b.reason(), who.getName()));
    }

    @GetMapping("/waivers")
    @Operation(summary = "List an account's waivers, newest first")
    List<WaiverJson> waivers(@PathVariable("accountId") String accountId) {
        return settlements.waivers(Amounts.id("accountId", accountId)).stream().map(WaiverJson::of).toList();
    }

    @PostMapping("/waivers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask to waive an amount (of a bill, or of the account); applied once approved")
    WaiverJson waive(@PathVariable("accountId") String accountId, @RequestBody(required = false) WaiverRequest body,
                     Principal who) {
        long account = Amounts.id("accountId", accountId);
        WaiverRequest b = body == null ? new WaiverRequest(null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        Currency currency = Amounts.currency(b.currency(), errors);
        long amount = Amounts.amount("/amount", b.amount(), currency, errors);
        if (!Parameters.present(b.reason())) {
            errors.add(FieldError.at("/reason", "required: why the amount is waived"));
        } else if (b.reason().length() > 2000) {
            errors.add(FieldError.at("/reason", "is longer than 2,000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return WaiverJson.of(settlements.waive(account, amount, currency.getCurrencyCode(),
                Parameters.present(b.billRef()) ? b.billRef().strip() : null, b.reason(), who.getName()));
    }
}
