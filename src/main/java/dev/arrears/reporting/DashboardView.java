package dev.arrears.reporting;

import dev.arrears.reporting.domain.Kpis;
import dev.arrears.reporting.domain.RollRates;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures for a filter: the KPIs over the window, each month's KPIs (the trend), the latest aging by
 * product line and bucket, and the roll rates of each month in the window. {@code to} is the last day whose flows
 * were written (the day before the latest cycle run); every figure is null-free except where nothing was counted.
 */
public record DashboardView(Filter filter, LocalDate from, LocalDate to, Kpis kpis, List<Month> trend, Aging aging,
                            List<RollRates> rolls, Options options) {

    /** What to show: a product line, a strategy and a variant (null: all) over the last {@code months} months. */
    public record Filter(String productLine, String strategy, String variant, int months) {

        /** The most months a dashboard shows. */
        public static final int MAX_MONTHS = 36;

        public Filter {
            productLine = blankToNull(productLine);
            strategy = blankToNull(strategy);
            variant = blankToNull(variant);
            months = Math.clamp(months, 1, MAX_MONTHS);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** One month of the trend: its first day, label ("2026-11") and KPIs. */
    public record Month(LocalDate start, String label, Kpis kpis) {
    }

    /** The portfolio on a date: for each product line, accounts per bucket and overdue minor units per currency. */
    public record Aging(LocalDate asOf, List<String> buckets, List<Line> lines) {

        /** Returns true when no account was counted. */
        public boolean empty() {
            return lines.isEmpty();
        }
    }

    /** One product line's aging: accounts per bucket (index as in {@link RollRates#BUCKETS}), overdue by currency. */
    public record Line(String productLine, List<Long> accounts, Map<String, List<Long>> overdueMinor) {
    }

    /** The values the filters offer, from the figures in the window. */
    public record Options(List<String> productLines, List<String> strategies, List<String> variants) {
    }
}
