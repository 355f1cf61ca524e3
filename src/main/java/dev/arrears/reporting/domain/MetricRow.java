package dev.arrears.reporting.domain;

import java.time.LocalDate;

/**
 * One metric of one period summed over the filtered dimensions: {@code value} a numerator, {@code count} a
 * denominator or a plain count (docs/dashboard.md says which, per metric). {@code period} is the first day of a
 * month, or the day of a stock.
 */
public record MetricRow(LocalDate period, String metric, String key, long value, long count) {
}
