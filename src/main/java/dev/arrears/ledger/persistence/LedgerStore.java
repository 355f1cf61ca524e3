package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.AdjustmentView;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** SQL for the ledger (stub: being written). */
@Repository
public class LedgerStore {

    public List<Written<CustomerView>> registerCustomers(List<RegisterCustomer> customers) { throw todo(); }
    public List<Written<AccountSummary>> openAccounts(List<OpenAccount> accounts) { throw todo(); }
    public List<Written<BillView>> issueBills(List<IssueBill> bills) { throw todo(); }
    public List<Written<PaymentView>> postPayments(List<PostPayment> payments) { throw todo(); }
    public List<Written<AdjustmentView>> recordAdjustments(List<RecordAdjustment> adjustments) { throw todo(); }
    public Written<PaymentView> reversePayment(long paymentId, ReversePayment reversal) { throw todo(); }
    public LoadReport load(LedgerBatch batch) { throw todo(); }
    public Optional<AccountView> account(long id, LocalDate asOf) { throw todo(); }
    public Optional<AccountSummary> accountByRef(String externalRef) { throw todo(); }
    public Page<AccountSummary> accounts(AccountFilter filter) { throw todo(); }
    public Optional<CustomerView> customer(long id) { throw todo(); }
    public Optional<PaymentView> payment(long id) { throw todo(); }
    public AgingReport aging(LocalDate asOf) { throw todo(); }
    public long customerCount() { throw todo(); }

    /** Runs work in one transaction with a bulk writer; a throw rolls everything back. Returns the work's value. */
    public <T> T bulk(java.util.function.Function<BulkWriter, T> work) { throw todo(); }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("being written");
    }
}
