package dev.arrears.demo;

/**
 * How a demo customer treats its bills; assigned once per customer with the weights below (out of 100), so
 * that a portfolio is mostly current with a tail of late payers, people in difficulty and non-payers.
 */
public enum Archetype {
    /** Pays in full days before the due date. */
    PAYS_EARLY(20),
    /** Pays in full in the last days before the due date, or on it by direct debit. */
    PAYS_ON_TIME(34),
    /** Pays on time, but one bill in five a few days to a few weeks late. */
    OCCASIONALLY_LATE(18),
    /** Pays in full, usually one to seven weeks late. */
    CHRONICALLY_LATE(11),
    /** Pays on time until hard times start, then part of each bill or nothing, falling further behind. */
    HARDSHIP(7),
    /** Pays on time but withholds one bill until a credit note settles the dispute, then pays the rest. */
    DISPUTER(4),
    /** Pays the first few bills, then stops paying. */
    NEVER_PAYS(6);

    private final int weight;

    Archetype(int weight) {
        this.weight = weight;
    }

    /** Returns the share of customers with this archetype, in percent. */
    public int weight() {
        return weight;
    }
}
