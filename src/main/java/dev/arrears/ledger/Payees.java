package dev.arrears.ledger;

import dev.arrears.ledger.persistence.PayeeQueries;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who a payment received from outside (a bank credit, a transfer) may be for: accounts found by their own
 * external reference, by a bill's reference, or by their customer's name, each with the figures a payment is
 * usually sized to (balance and overdue amount of the current-state row). Read-only and batched: one query per
 * call whatever the number of references, so that a bank statement of 100,000 entries is looked up in a few reads.
 */
@Service
public class Payees {

    private final PayeeQueries queries;

    Payees(PayeeQueries queries) {
        this.queries = queries;
    }

    /** An account a payment may be for, with its customer's name and its current figures (minor units). */
    public record Payee(long accountId, String accountRef, String customerName, String currency,
                        Commands.AccountStatus status, long balanceMinor, long overdueMinor) {
    }

    /** A bill a payment may name, with its total and the account it belongs to. */
    public record PayeeBill(String billRef, long totalMinor, Payee payee) {
    }

    /** Returns the accounts with these external references, by reference (unknown ones are left out). */
    public Map<String, Payee> byAccountRefs(Collection<String> accountRefs) {
        return queries.byAccountRefs(accountRefs);
    }

    /** Returns the bills with these external references and their accounts, by bill reference. */
    public Map<String, PayeeBill> byBillRefs(Collection<String> billRefs) {
        return queries.byBillRefs(billRefs);
    }

    /** Returns the external references of a customer's accounts (erased customers' too), in id order. */
    public List<String> accountRefsOf(long customerId) {
        return queries.accountRefsOf(customerId);
    }

    /** Returns the ids of the payments with these external references, by reference (unknown ones are left out). */
    public Map<String, Long> paymentIds(Collection<String> paymentRefs) {
        return queries.paymentIds(paymentRefs);
    }

    /**
     * Returns the accounts of customers whose lower-cased name ({@code lower(name)} in SQL) is one of these, by
     * that lower-cased name; the lookup uses the customer name index.
     */
    public Map<String, List<Payee>> byLowerNames(Collection<String> lowerNames) {
        return queries.byLowerNames(lowerNames);
    }
}
