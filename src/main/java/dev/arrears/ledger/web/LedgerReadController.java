package dev.arrears.ledger.web;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.web.LedgerJson.AccountDetailJson;
import dev.arrears.ledger.web.LedgerJson.AccountJson;
import dev.arrears.ledger.web.LedgerJson.AgingJson;
import dev.arrears.ledger.web.LedgerJson.CustomerJson;
import dev.arrears.ledger.web.LedgerJson.PageJson;
import dev.arrears.ledger.web.LedgerJson.PaymentJson;
import dev.arrears.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.LocalDate;

/**
 * Reads of the ledger over JSON: the account list with its filters, an account in full as of a date, customers,
 * payments and the portfolio aging. A missing {@code asOf} means today in each account's own time zone. Showing a
 * customer (alone or with an account) is announced as a read of personal data, for the audit trail.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ledger: reads", description = "Accounts, customers, payments and the portfolio aging")
class LedgerReadController {

    private final Ledger ledger;

    LedgerReadController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/accounts")
    @Operation(summary = "List accounts with their current figures, filtered and paged")
    PageJson<AccountJson> accounts(
            @Parameter(description = "Aging bucket: CURRENT, 1-30, 31-60, 61-90, 91-180, 181+")
            @RequestParam(name = "bucket", required = false) String bucket,
            @Parameter(description = "TELECOM_POSTPAID, BROADBAND, WALLET_CREDIT, B2B_INVOICE, UTILITY, OTHER")
            @RequestParam(name = "productLine", required = false) String productLine,
            @Parameter(description = "Least overdue amount, a decimal in major units such as 100.00")
            @RequestParam(name = "minOverdue", required = false) String minOverdue,
            @Parameter(description = "Search in name, external reference, phone and e-mail")
            @RequestParam(name = "q", required = false) String q,
            @Parameter(description = "Page number from 0") @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "Page size, 1 to 500 (default 50)")
            @RequestParam(name = "size", required = false) String size,
            @Parameter(description = "ISO date; default today in each account's time zone (another date replays "
                    + "every matching account's history and takes longer)")
            @RequestParam(name = "asOf", required = false) String asOf) {
        LocalDate date = QueryParameters.asOf(asOf);
        return LedgerJson.accounts(ledger.accounts(
                QueryParameters.accountFilter(bucket, productLine, minOverdue, q, page, size), date));
    }

    @GetMapping("/accounts/{id}")
    @Operation(summary = "Show an account in full as of a date: figures, customer, bills, payments, allocation, "
            + "delinquency episodes")
    AccountDetailJson account(@PathVariable("id") String id,
                              @Parameter(description = "ISO date; default today in the account's time zone")
                              @RequestParam(name = "asOf", required = false) String asOf,
                              @Parameter(hidden = true) Principal principal) {
        long accountId = QueryParameters.id("id", id);
        LocalDate date = QueryParameters.asOf(asOf);
        AccountView account = ledger.account(accountId, date)
                .orElseThrow(() -> new NotFoundException("No account with id " + accountId));
        ledger.announceRead(account.summary().customerId(), actor(principal), "GET /api/v1/accounts/{id}");
        return LedgerJson.accountDetail(account);
    }

    @GetMapping("/accounts/by-ref/{*externalRef}")
    @Operation(summary = "Find an account by its external reference")
    AccountJson accountByRef(@PathVariable("externalRef") String externalRef) {
        String ref = externalRef.startsWith("/") ? externalRef.substring(1) : externalRef;
        return ledger.accountByRef(ref).map(LedgerJson::account)
                .orElseThrow(() -> new NotFoundException("No account with external reference '"
                        + (ref.length() > 100 ? ref.substring(0, 100) + "…" : ref) + "'"));
    }

    @GetMapping("/customers/{id}")
    @Operation(summary = "Show a customer with its contact points")
    CustomerJson customer(@PathVariable("id") String id, @Parameter(hidden = true) Principal principal) {
        long customerId = QueryParameters.id("id", id);
        CustomerView customer = ledger.customer(customerId)
                .orElseThrow(() -> new NotFoundException("No customer with id " + customerId));
        ledger.announceRead(customerId, actor(principal), "GET /api/v1/customers/{id}");
        return LedgerJson.customer(customer);
    }

    @GetMapping("/payments/{id}")
    @Operation(summary = "Show a payment, with its reversal if it was reversed")
    PaymentJson payment(@PathVariable("id") String id) {
        long paymentId = QueryParameters.id("id", id);
        return ledger.payment(paymentId).map(LedgerJson::payment)
                .orElseThrow(() -> new NotFoundException("No payment with id " + paymentId));
    }

    /** Returns the name of the authenticated caller, for the audit trail. */
    private static String actor(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    @GetMapping("/portfolio/aging")
    @Operation(summary = "Count accounts and sum balance and overdue per aging bucket, product line and currency")
    AgingJson aging(@Parameter(description = "ISO date; default today (read from the current-state rows)")
                    @RequestParam(name = "asOf", required = false) String asOf) {
        return LedgerJson.aging(ledger.aging(QueryParameters.asOf(asOf)));
    }
}
