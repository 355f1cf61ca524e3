package dev.arrears.ledger;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;

import java.util.List;

/** Records to load together, written in dependency order in one transaction. */
public record LedgerBatch(List<RegisterCustomer> customers, List<OpenAccount> accounts, List<IssueBill> bills,
                          List<PostPayment> payments, List<RecordAdjustment> adjustments) {

    public LedgerBatch {
        customers = List.copyOf(customers);
        accounts = List.copyOf(accounts);
        bills = List.copyOf(bills);
        payments = List.copyOf(payments);
        adjustments = List.copyOf(adjustments);
    }
}
