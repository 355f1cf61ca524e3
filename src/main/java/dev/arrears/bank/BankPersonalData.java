package dev.arrears.bank;

import dev.arrears.bank.BankViews.EntryView;
import dev.arrears.bank.DebitViews.MandateView;
import dev.arrears.bank.persistence.BankStore;
import dev.arrears.bank.persistence.DebitStore;
import dev.arrears.ledger.Payees;
import dev.arrears.shared.Money;
import dev.arrears.shared.PersonalDataSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bank reconciliation's share of a customer's personal data: the bank entries matched or resolved to the customer's
 * accounts, with the debtor name and remittance text the bank sent. An erasure keeps the amounts, dates, references
 * and states (accounting law) and replaces the name, the text and any note. Entries still unmatched are not tied to a
 * customer and are not found here. Auto-debit mandates are exported with the IBAN masked; an erasure replaces the
 * debtor's name and account of each and revokes it. The pain.008 files already sent to the bank are kept as sent
 * (records of collections made).
 */
@Component
class BankPersonalData implements PersonalDataSource {

    static final String ERASED = "erased";

    private final BankStore store;
    private final DebitStore debits;
    private final Payees payees;
    private final Clock clock;

    BankPersonalData(BankStore store, DebitStore debits, Payees payees, Clock clock) {
        this.store = store;
        this.debits = debits;
        this.payees = payees;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public Object export(long customerId) {
        var accounts = payees.accountRefsOf(customerId);
        return Map.of("entries", store.entriesOfAccounts(accounts).stream().map(BankPersonalData::entry).toList(),
                "mandates", debits.mandatesOfAccounts(accounts).stream().map(BankPersonalData::mandate).toList());
    }

    @Override
    public void erase(long customerId) {
        var accounts = payees.accountRefsOf(customerId);
        store.eraseOfAccounts(accounts, ERASED);
        debits.eraseOfAccounts(accounts, ERASED, clock.instant());
    }

    private static Map<String, Object> mandate(MandateView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", v.reference());
        m.put("accountRef", v.accountRef());
        m.put("scheme", v.scheme().name());
        m.put("debtorName", v.debtorName());
        m.put("debtorIban", v.debtorIbanMasked());
        m.put("debtorBic", v.debtorBic());
        m.put("agreementId", v.agreementId());
        m.put("status", v.status().name());
        m.put("signedOn", v.signedOn().toString());
        return m;
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
