package dev.arrears.bank;

import dev.arrears.bank.BankViews.EntryView;
import dev.arrears.bank.persistence.BankStore;
import dev.arrears.ledger.Payees;
import dev.arrears.shared.Money;
import dev.arrears.shared.PersonalDataSource;
import org.springframework.stereotype.Component;

import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bank reconciliation's share of a customer's personal data: the bank entries matched or resolved to the customer's
 * accounts, with the debtor name and remittance text the bank sent. An erasure keeps the amounts, dates, references
 * and states (accounting law) and replaces the name, the text and any note. Entries still unmatched are not tied to a
 * customer and are not found here.
 */
@Component
class BankPersonalData implements PersonalDataSource {

    static final String ERASED = "erased";

    private final BankStore store;
    private final Payees payees;

    BankPersonalData(BankStore store, Payees payees) {
        this.store = store;
        this.payees = payees;
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public Object export(long customerId) {
        return Map.of("entries", store.entriesOfAccounts(payees.accountRefsOf(customerId)).stream()
                .map(BankPersonalData::entry).toList());
    }

    @Override
    public void erase(long customerId) {
        store.eraseOfAccounts(payees.accountRefsOf(customerId), ERASED);
    }

    private static Map<String, Object> entry(EntryView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("state", e.state().name());
        m.put("bookingDate", e.bookingDate().toString());
        m.put("amount", Money.format(e.amountMinor(), Currency.getInstance(e.currency())));
        m.put("currency", e.currency());
        m.put("accountRef", e.accountRef());
        m.put("billRef", e.billRef());
        m.put("debtorName", e.debtorName());
        m.put("remittance", e.remittance());
        m.put("structuredRef", e.structuredRef());
        m.put("paymentRef", e.paymentRef());
        return m;
    }
}
