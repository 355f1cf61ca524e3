package dev.arrears.ledger.importing;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.importing.CsvRecords.Chunk;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.ledger.persistence.BulkWriter;
import dev.arrears.ledger.persistence.LedgerStore;
import dev.arrears.ledger.persistence.RecordOutcome;
import dev.arrears.shared.FieldError;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads CSV files into ledger records: header-driven, UTF-8 with or without BOM, line and column in errors. One
 * thread parses and validates while the calling thread writes the previous chunk inside one bulk transaction, so
 * that parsing and the database work overlap. A file with a bad line writes nothing (the transaction rolls back)
 * unless skip-invalid is asked for, and either way every bad line is reported.
 */
@Component
public class CsvImport {

    /** Records per chunk handed to the bulk writer. */
    static final int CHUNK_SIZE = 50_000;
    /** Errors listed in full; beyond this the rest are only counted (a wholly wrong 3-million-row file). */
    static final int MAX_ERRORS = 10_000;

    /** Opens the bulk transaction; {@link LedgerStore#bulk} in production, a fake in unit tests. */
    interface BulkTransactions {
        <T> T bulk(Function<BulkWriter, T> work);
    }

    private final BulkTransactions transactions;

    @Autowired
    CsvImport(LedgerStore store) {
        this(store::bulk);
    }

    CsvImport(BulkTransactions transactions) {
        this.transactions = transactions;
    }

    /** Imports a file of one kind: every good record or none unless {@code skipInvalid}; reports every bad line. */
    public ImportResult importFile(ImportKind kind, InputStream in, boolean skipInvalid) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(3);
        Parser parser = new Parser(kind, in, queue);
        Thread thread = Thread.ofPlatform().name("csv-parse-" + kind.name().toLowerCase()).daemon(true)
                .start(parser);
        Tally tally = new Tally();
        try {
            transactions.bulk(writer -> {
                write(kind, writer, queue, parser, tally, skipInvalid);
                if (!skipInvalid && !tally.errors.isEmpty()) {
                    throw new Rejected();
                }
                return null;
            });
        } catch (Rejected e) {
            tally.written = false;
        } finally {
            parser.cancelled = true;
            thread.interrupt();
        }
        return tally.result(skipInvalid);
    }

    private static void write(ImportKind kind, BulkWriter writer, BlockingQueue<Chunk> queue, Parser parser,
                              Tally tally, boolean skipInvalid) {
        while (true) {
            Chunk chunk = take(queue, parser);
            tally.add(chunk.errors());
            tally.skipped += chunk.invalid();
            boolean failed = !skipInvalid && !tally.errors.isEmpty();
            if (!failed && !chunk.commands().isEmpty()) {
                List<RecordOutcome> outcomes = writeChunk(kind, writer, chunk.commands());
                List<FieldError> rejected = new ArrayList<>(0);
                for (int i = 0; i < outcomes.size(); i++) {
                    RecordOutcome outcome = outcomes.get(i);
                    switch (outcome.status()) {
                        case CREATED -> tally.created++;
                        case UNCHANGED -> tally.unchanged++;
                        case INVALID, CONFLICT -> {
                            tally.skipped++;
                            CsvRecords.Locator locator = chunk.locators().get(i);
                            if (outcome.issues().isEmpty()) {
                                rejected.add(FieldError.atLine(locator.line(), null, "the ledger refused the record ("
                                        + outcome.status().name().toLowerCase() + ")"));
                            }
                            for (Issue issue : outcome.issues()) {
                                rejected.add(locator.locate(issue.path(), (outcome.status()
                                        == RecordOutcome.Status.CONFLICT ? "conflict: " : "") + issue.detail()));
                            }
                        }
                    }
                }
                tally.add(rejected);
            }
            if (chunk.last()) {
                tally.lines = chunk.lines();
                tally.records = chunk.records();
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RecordOutcome> writeChunk(ImportKind kind, BulkWriter writer, List<Object> commands) {
        List<RecordOutcome> outcomes = switch (kind) {
            case CUSTOMERS -> writer.customers((List<RegisterCustomer>) (List<?>) commands);
            case ACCOUNTS -> writer.accounts((List<OpenAccount>) (List<?>) commands);
            case BILLS -> writer.bills((List<IssueBill>) (List<?>) commands);
            case PAYMENTS -> writer.payments((List<PostPayment>) (List<?>) commands);
            case ADJUSTMENTS -> writer.adjustments((List<RecordAdjustment>) (List<?>) commands);
        };
        if (outcomes.size() != commands.size()) {
            throw new IllegalStateException("the bulk writer returned " + outcomes.size() + " outcomes for "
                    + commands.size() + " records");
        }
        return outcomes;
    }

    private static Chunk take(BlockingQueue<Chunk> queue, Parser parser) {
        try {
            while (true) {
                Chunk chunk = queue.poll(200, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (parser.failure != null) {
                    Throwable failure = parser.failure;
                    if (failure instanceof IOException io) {
                        throw new UncheckedIOException("could not read the CSV file: " + io.getMessage(), io);
                    }
                    if (failure instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("the CSV parser failed", failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    /** The parsing thread: reads the file into chunks on a bounded queue, so it runs at most a few chunks ahead. */
    private static final class Parser implements Runnable {
        private final ImportKind kind;
        private final InputStream in;
        private final BlockingQueue<Chunk> queue;
        volatile boolean cancelled;
        volatile Throwable failure;

        Parser(ImportKind kind, InputStream in, BlockingQueue<Chunk> queue) {
            this.kind = kind;
            this.in = in;
            this.queue = queue;
        }

        @Override
        public void run() {
            try {
                CsvReader reader = CsvReader.utf8(in);
                new CsvRecords(kind, reader, CHUNK_SIZE, chunk -> {
                    while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                        if (cancelled) {
                            throw new InterruptedException("import cancelled");
                        }
                    }
                }).run();
            } catch (InterruptedException e) {
                // the writer stopped (it failed or was cancelled): nothing more to hand over
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Thrown inside the bulk transaction to roll it back when a bad line forbids writing the file. */
    private static final class Rejected extends RuntimeException {
        Rejected() {
            super("the file has invalid lines; nothing was written", null, false, false);
        }
    }

    /** Counts and errors gathered by the writing thread. */
    private static final class Tally {
        final List<FieldError> errors = new ArrayList<>();
        int unlisted;
        int lines;
        int records;
        int created;
        int unchanged;
        int skipped;
        boolean written = true;

        void add(List<FieldError> more) {
            for (FieldError error : more) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(error);
                } else {
                    unlisted++;
                }
            }
        }

        ImportResult result(boolean skipInvalid) {
            List<FieldError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(FieldError::line));
            if (unlisted > 0) {
                sorted.add(FieldError.atLine(sorted.getLast().line(), null,
                        "and " + unlisted + " more problems after the first " + MAX_ERRORS));
            }
            if (!written) {
                return new ImportResult(false, lines, records, 0, 0, records, sorted);
            }
            return new ImportResult(true, lines, records, created, unchanged, skipped, sorted);
        }
    }
}
