package dev.arrears.ledger.importing;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.persistence.BulkWriter;
import dev.arrears.ledger.persistence.RecordOutcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for the ledger's bulk transaction: keeps what a committed transaction wrote (by external reference),
 * drops what a thrown one wrote, answers UNCHANGED for a record already there and a conflict for the same
 * reference with other content, and refuses account references that start with "missing".
 */
final class FakeLedgerStore implements CsvImport.BulkTransactions {

    final Map<String, Object> committed = new HashMap<>();
    final List<Integer> chunkSizes = new ArrayList<>();
    int rolledBack;

    @Override
    public <T> T bulk(Function<BulkWriter, T> work) {
        Map<String, Object> pending = new HashMap<>(committed);
        try {
            T value = work.apply(new Writer(pending));
            committed.clear();
            committed.putAll(pending);
            return value;
        } catch (RuntimeException e) {
            rolledBack++;
            throw e;
        }
    }

    private final class Writer implements BulkWriter {
        private final Map<String, Object> pending;

        Writer(Map<String, Object> pending) {
            this.pending = pending;
        }

        private List<RecordOutcome> write(List<?> chunk, Function<Object, String> ref, Function<Object, String> account) {
            chunkSizes.add(chunk.size());
            List<RecordOutcome> outcomes = new ArrayList<>();
            for (Object record : chunk) {
                String accountRef = account.apply(record);
                Object existing = pending.get(ref.apply(record));
                if (accountRef != null && accountRef.startsWith("missing")) {
                    outcomes.add(RecordOutcome.invalid("accountRef", "unknown account '" + accountRef + "'"));
                } else if (existing == null) {
                    pending.put(ref.apply(record), record);
                    outcomes.add(RecordOutcome.created(pending.size()));
                } else if (existing.equals(record)) {
                    outcomes.add(RecordOutcome.unchanged(1));
                } else {
                    outcomes.add(RecordOutcome.conflict(List.of(new dev.arrears.ledger.intake.Issue("lines/1/amount",
                            "differs from the stored record"))));
                }
            }
            return outcomes;
        }

        @Override
        public List<RecordOutcome> customers(List<RegisterCustomer> chunk) {
            return write(chunk, r -> ((RegisterCustomer) r).externalRef(), r -> null);
        }

        @Override
        public List<RecordOutcome> accounts(List<OpenAccount> chunk) {
            return write(chunk, r -> ((OpenAccount) r).externalRef(), r -> null);
        }

        @Override
        public List<RecordOutcome> bills(List<IssueBill> chunk) {
            return write(chunk, r -> ((IssueBill) r).externalRef(), r -> ((IssueBill) r).accountRef());
        }

        @Override
        public List<RecordOutcome> payments(List<PostPayment> chunk) {
            return write(chunk, r -> ((PostPayment) r).externalRef(), r -> ((PostPayment) r).accountRef());
        }

        @Override
        public List<RecordOutcome> adjustments(List<RecordAdjustment> chunk) {
            return write(chunk, r -> ((RecordAdjustment) r).externalRef(), r -> ((RecordAdjustment) r).accountRef());
        }
    }
}
