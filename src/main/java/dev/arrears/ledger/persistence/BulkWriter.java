package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;

import java.util.List;

/**
 * Writes chunks of records inside one transaction opened by {@link LedgerStore#bulk}. Each call returns one
 * outcome per record, in order; records that are invalid or conflict are not written, and the caller decides
 * whether that aborts the whole transaction (throw) or is skipped. Current-state rows of the touched accounts
 * are recomputed once, when the transaction's work is done.
 */
public interface BulkWriter {

    List<RecordOutcome> customers(List<RegisterCustomer> chunk);

    List<RecordOutcome> accounts(List<OpenAccount> chunk);

    List<RecordOutcome> bills(List<IssueBill> chunk);

    List<RecordOutcome> payments(List<PostPayment> chunk);

    List<RecordOutcome> adjustments(List<RecordAdjustment> chunk);
}
