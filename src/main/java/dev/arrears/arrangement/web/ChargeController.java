package dev.arrears.arrangement.web;

import dev.arrears.arrangement.Charges;
import dev.arrears.arrangement.Charges.ChargeView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The late fees and interest charged on an account's bills, newest first (docs/charges.md). */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/charges")
@Tag(name = "Charges", description = "Late fees and interest charged by the cycle")
class ChargeController {

    private final Charges charges;

    ChargeController(Charges charges) {
        this.charges = charges;
    }

    @GetMapping
    @Operation(summary = "List an account's late fees and interest charges, newest first")
    List<ChargeView> list(@PathVariable("accountId") String accountId) {
        return charges.ofKnownAccount(Amounts.id("accountId", accountId));
    }
}
