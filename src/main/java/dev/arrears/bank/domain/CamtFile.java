package dev.arrears.bank.domain;

import java.util.List;

/**
 * A camt file read whole: its kind and schema version, the message id, the booked credits and returned credits
 * it reports, and what was read but is not for reconciliation.
 *
 * @param entries       {@code Ntry} elements in the file
 * @param notBooked     entries whose status is not BOOK (pending or information only), not posted
 * @param debitsIgnored debit entries that are not returns, and reversals of debits
 */
public record CamtFile(CamtKind kind, int version, String messageId, int entries, int notBooked, int debitsIgnored,
                       List<BankCredit> credits, List<BankCredit> returns) {

    public CamtFile {
        credits = List.copyOf(credits);
        returns = List.copyOf(returns);
    }

    /** Returns the schema, {@code camt.053.001.08}. */
    public String schema() {
        return kind.message() + ".001.%02d".formatted(version);
    }
}
