package dev.arrears.reporting.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPIs of one period, computed from the period's summed rows: collection success within 30/60/90 days (cohorts
 * that reached the age in the period), the median days from opening to cure, the cure rate (cured in the period of
 * the cases open at its start or opened in it), the promise-kept rate, the contact rate per channel and the
 * complaints (null: not recorded). Every rate keeps its counts, so that a reader can check it.
 */
public record Kpis(Rate success30, Rate success60, Rate success90, Integer medianCureDays, long cured,
                   Rate cureRate, long opened, long openAtStart, Rate promiseKept, Map<String, Rate> contactRate,
                   Long complaints) {

    /** The channels shown, in this order; others found in the rows follow. */
    public static final List<String> CHANNELS = List.of("SMS", "EMAIL", "PUSH", "LETTER", "CALL");

    /**
     * Computes a period's KPIs from its rows (flows summed over the period) and the number of cases open at the
     * start of the period (the stock at the end of the day before; 0 when unknown).
     */
    public static Kpis of(List<MetricRow> rows, long openAtStart, Long complaints) {
        Rate[] success = {Rate.NONE, Rate.NONE, Rate.NONE};
        TreeMap<Integer, Long> cureDays = new TreeMap<>();
        long opened = 0;
        long cured = 0;
        Rate promise = Rate.NONE;
        Map<String, Rate> contacts = new LinkedHashMap<>();
        CHANNELS.forEach(c -> contacts.put(c, Rate.NONE));
        for (MetricRow r : rows) {
            switch (r.metric()) {
                case "SUCCESS" -> {
                    int i = switch (r.key()) {
                        case "30" -> 0;
                        case "60" -> 1;
                        case "90" -> 2;
                        default -> -1;
                    };
                    if (i >= 0) {
                        success[i] = success[i].plus(new Rate(r.value(), r.count()));
                    }
                }
                case "CURE_DAYS" -> cureDays.merge(Integer.parseInt(r.key()), r.count(), Long::sum);
                case "CASES_OPENED" -> opened += r.count();
                case "CASES_CLOSED" -> {
                    if (r.key().equals("CURED")) {
                        cured += r.count();
                    }
                }
                case "PROMISE" -> promise = promise.plus(new Rate(r.key().equals("KEPT") ? r.count() : 0, r.count()));
                case "CONTACT" -> contacts.merge(r.key(), new Rate(r.value(), r.count()), Rate::plus);
                default -> { }
            }
        }
        return new Kpis(success[0], success[1], success[2], median(cureDays), cured,
                new Rate(cured, openAtStart + opened), opened, openAtStart, promise, contacts, complaints);
    }

    /** Returns the median of a histogram (value → how many), the lower middle for an even count; null when empty. */
    static Integer median(TreeMap<Integer, Long> histogram) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        // the lower median: the value at position ceil(total / 2), counting from 1
        long target = (total + 1) / 2;
        long seen = 0;
        for (var e : histogram.entrySet()) {
            seen += e.getValue();
            if (seen >= target) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
