package dev.arrears.cycle;

import java.time.LocalDate;

/**
 * Work another module does for a date before the cycle evaluates its accounts, once the ledger's state rows are
 * valid on that date: promises to pay kept or broken, later scores and fees. A bean implementing it is called at the
 * start of every run (and again when a run is resumed), so it must be idempotent for its date.
 */
public interface CycleStep {

    /** Does the step's work for the date; runs before the cycle's partitions are evaluated. */
    void beforeCycle(LocalDate asOf);
}
