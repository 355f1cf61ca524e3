package dev.arrears.reporting;

import java.time.LocalDate;
import java.util.Map;

/**
 * Complaints received, for the dashboard: a bean implementing it (the casework module, once complaints are recorded)
 * answers per month; without one the dashboard shows complaints as not recorded yet rather than as zero.
 */
public interface ComplaintCounts {

    /**
     * Returns the complaints received per month (keyed by the month's first day) between two dates inclusive, for
     * the filter's product line, strategy and variant (null: all).
     */
    Map<LocalDate, Long> monthly(LocalDate from, LocalDate to, String productLine, String strategy, String variant);
}
