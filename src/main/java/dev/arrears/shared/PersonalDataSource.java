package dev.arrears.shared;

/**
 * A module's share of one customer's personal data, for the privacy module's export and erasure. A module that
 * keeps personal data about customers (debtor flags, stored verdicts, contact attempts, notes) implements this in
 * a Spring bean; the privacy module collects every such bean, puts each {@link #export} under its {@link #name} in
 * the export, and calls every {@link #erase} in the erasure's transaction. Lives in shared so that privacy depends
 * on no module that contributes, and no contributor depends on privacy.
 */
public interface PersonalDataSource {

    /** Returns the name of this share in the export ("compliance"): lower case, unique among the sources. */
    String name();

    /**
     * Returns what the module holds about the customer, as JSON-able values in a stable order: records, maps
     * (ordered), lists, strings, numbers, booleans; amounts as decimal strings, instants in ISO form. After an
     * erasure it returns what is left (placeholders, ids, dates), never the erased values.
     */
    Object export(long customerId);

    /**
     * Erases or replaces what the module holds about the customer beyond what the law requires it to keep (ids,
     * dates, amounts). Runs inside the erasure's transaction; a throw rolls the whole erasure back. Must be
     * idempotent: a second call changes nothing.
     */
    void erase(long customerId);
}
