package dev.arrears.contact;

import dev.arrears.contact.LetterViews.BatchView;
import dev.arrears.contact.LetterViews.LetterView;
import dev.arrears.contact.LetterViews.ManifestLine;
import dev.arrears.contact.LetterViews.PdfFile;
import dev.arrears.contact.letter.LetterStore;
import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.PersonalDataRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The print queue: letters the live letter channel rendered and stored, taken oldest first into batches that are
 * printed and posted. A batch's letters come as one merged PDF in print order with a CSV manifest (letter, recipient,
 * address, pages, SHA-256 of the PDF). Batches move OPEN → PRINTED → POSTED; posting a batch posts its letters, which
 * then show on their accounts' timelines. Creating, printing and posting a batch publish
 * {@link LetterBatchChanged}; reading a letter's PDF is a read of the customer's personal data.
 */
@Service
public class Letters {

    /** The most letters one batch takes. */
    public static final int MAX_BATCH = 5_000;

    private final LetterStore store;
    private final PdfRenderer renderer;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Letters(LetterStore store, PdfRenderer renderer, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Lists letters, newest first, of one state (null: all). */
    public Page<LetterView> letters(LetterViews.LetterState state, int page, int size) {
        return store.letters(state == null ? null : state.name(), page, size);
    }

    /** Returns one letter. */
    public LetterView letter(long id) {
        return store.letter(id).orElseThrow(() -> new NotFoundException("No letter with id " + id));
    }

    /** Returns a letter's PDF, announcing who read it. */
    public PdfFile pdf(long id, String actor) {
        LetterView letter = letter(id);
        byte[] pdf = store.pdf(id).orElseThrow(() -> new NotFoundException("No letter with id " + id));
        events.publishEvent(new PersonalDataRead(letter.customerId(), actor, "GET /api/v1/letters/" + id + "/pdf",
                clock.instant()));
        return new PdfFile("letter-" + id + ".pdf", pdf, letter.customerId());
    }

    /** Takes up to {@code maxLetters} waiting letters, oldest first, into a new batch; 409 when none waits. */
    public BatchView createBatch(int maxLetters, String actor) {
        Instant now = clock.instant();
        String by = who(actor);
        return transactions.execute(tx -> {
            BatchView batch = store.createBatch(maxLetters, now, by).orElseThrow(() -> new ConflictException(
                    "No letter is waiting for a batch: every rendered letter is batched, posted or cancelled",
                    List.of()));
            events.publishEvent(new LetterBatchChanged(batch.id(), LetterBatchChanged.Change.CREATED, by,
                    batch.letters(), batch.pages(), now));
            return batch;
        });
    }

    /** Lists batches, newest first. */
    public Page<BatchView> batches(int page, int size) {
        return store.batches(page, size);
    }

    /** Returns one batch. */
    public BatchView batch(long id) {
        return store.batch(id).orElseThrow(() -> new NotFoundException("No letter batch with id " + id));
    }

    /** Returns a batch's letters merged into one PDF, in print order. */
    public PdfFile batchPdf(long id) {
        batch(id);
        List<byte[]> pdfs = store.batchPdfs(id);
        if (pdfs.isEmpty()) {
            throw new NotFoundException("Letter batch " + id + " has no PDF left: its customers' data was erased");
        }
        return new PdfFile("letter-batch-" + id + ".pdf", renderer.merge(pdfs).bytes(), null);
    }

    /** Returns a batch's manifest as CSV (RFC 4180, UTF-8, a header line), in print order. */
    public PdfFile manifest(long id) {
        batch(id);
        StringBuilder csv = new StringBuilder("position,letter_id,recipient_name,recipient_address,pages,sha256\r\n");
        for (ManifestLine l : store.manifest(id)) {
            csv.append(l.position()).append(',').append(l.letterId()).append(',').append(csv(l.recipientName()))
                    .append(',').append(csv(l.recipientAddress())).append(',').append(l.pages()).append(',')
                    .append(l.sha256()).append("\r\n");
        }
        return new PdfFile("letter-batch-" + id + "-manifest.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                null);
    }

    /** Marks an OPEN batch PRINTED; 409 in another state. */
    public BatchView printed(long id, String actor) {
        Instant now = clock.instant();
        String by = who(actor);
        return transactions.execute(tx -> {
            BatchView batch = batch(id);
            if (!store.printed(id, now, by)) {
                throw wrongState(batch, "printed", "OPEN");
            }
            events.publishEvent(new LetterBatchChanged(id, LetterBatchChanged.Change.PRINTED, by, batch.letters(),
                    batch.pages(), now));
            return batch(id);
        });
    }

    /** Marks a PRINTED batch and its letters POSTED; 409 in another state. */
    public BatchView posted(long id, String actor) {
        Instant now = clock.instant();
        String by = who(actor);
        return transactions.execute(tx -> {
            BatchView batch = batch(id);
            store.posted(id, now, by).orElseThrow(() -> wrongState(batch, "posted", "PRINTED"));
            events.publishEvent(new LetterBatchChanged(id, LetterBatchChanged.Change.POSTED, by, batch.letters(),
                    batch.pages(), now));
            return batch(id);
        });
    }

    /** Cancels a letter that waits for a batch (RENDERED); 409 in another state. */
    public LetterView cancel(long id, String reason) {
        Instant now = clock.instant();
        return transactions.execute(tx -> {
            LetterView letter = letter(id);
            if (!store.cancel(id, reason == null || reason.isBlank() ? "cancelled" : reason.strip(), now)) {
                throw new ConflictException("Letter " + id + " is " + letter.state() + "; only a RENDERED letter "
                        + "(not yet batched) can be cancelled", List.of(FieldError.at("/state", "is " + letter.state())));
            }
            return letter(id);
        });
    }

    private static ConflictException wrongState(BatchView batch, String action, String needed) {
        return new ConflictException("Letter batch " + batch.id() + " is " + batch.state() + "; only an " + needed
                + " batch can be marked " + action, List.of(FieldError.at("/state", "is " + batch.state())));
    }

    /** Returns a CSV field: quoted when it holds a comma, quote or line break. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String who(String name) {
        return name == null || name.isBlank() ? "unknown" : name;
    }
}
