package dev.arrears.bank;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Read models of bank reconciliation. Amounts are minor units of the {@code currency} beside them. */
public final class BankViews {

    private BankViews() {
    }

    /**
     * One imported camt file and what it did.
     *
     * @param credits    booked credits read (entries, or transactions of batch entries)
     * @param returns    booked returns of earlier credits read
     * @param duplicates credits and returns already imported from another file (or twice in this one), skipped
     * @param posted     credits posted as payments at once
     * @param unmatched  credits left in the unmatched queue
     * @param reversed   payments reversed by returns
     */
    public record ImportView(long id, String fileName, String sha256, String kind, String schema, String messageId,
                             int entries, int credits, int returns, int notBooked, int debitsIgnored,
                             int duplicates, int posted, int unmatched, int reversed, String importedBy,
                             Instant importedAt) {
    }

    /**
     * What an import call did: the import it recorded, or with {@code alreadyImported} the earlier import of the
     * same file (same SHA-256), in which case nothing was posted.
     */
    public record ImportOutcome(boolean alreadyImported, ImportView imported, double seconds) {
    }

    /** One credit or return of a camt file, its state, and the match (a suggestion while UNMATCHED). */
    public record EntryView(long id, long importId, EntryKind kind, EntryState state, String bankAccount,
                            String servicerRef, int entryNumber, int txNumber, long amountMinor, String currency,
                            LocalDate bookingDate, LocalDate valueDate, String endToEndId, String debtorName,
                            String structuredRef, String remittance, String rule, BigDecimal confidence,
                            String accountRef, String billRef, String reason, String paymentRef, String decidedBy,
                            Instant decidedAt, String note) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public enum EntryKind { CREDIT, RETURN }

    /**
     * Where an entry stands. POSTED: matched and posted; UNMATCHED: waiting for a person; RESOLVED: posted to the
     * account a person named; DISMISSED: set aside by a person (not a payment of ours); REVERSED: posted, then
     * returned by the bank; RETURN_APPLIED: a return that reversed its payment; RETURN_UNMATCHED: a return whose
     * original credit Arrears does not know.
     */
    public enum EntryState { POSTED, UNMATCHED, RESOLVED, DISMISSED, REVERSED, RETURN_APPLIED, RETURN_UNMATCHED }
}
