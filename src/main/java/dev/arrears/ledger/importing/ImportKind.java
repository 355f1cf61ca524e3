package dev.arrears.ledger.importing;

/** The kinds of record that can be imported from CSV. */
public enum ImportKind {
    CUSTOMERS, ACCOUNTS, BILLS, PAYMENTS, ADJUSTMENTS;

    /** Parses a kind as written on the command line or in the URL ("bills"). */
    public static ImportKind parse(String text) {
        for (ImportKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown import kind '" + text
                + "': use customers, accounts, bills, payments or adjustments");
    }
}
