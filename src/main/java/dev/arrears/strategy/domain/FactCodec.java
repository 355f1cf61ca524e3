package dev.arrears.strategy.domain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact form of a decision's facts stored with each planned action: the values of the facts a strategy
 * version reads, in catalogue order, separated by U+001F (unit separator); lists joined by commas, booleans as
 * {@code t}/{@code f}. About 40 bytes for a typical strategy instead of a JSON trace; the full trace is
 * recomputed by evaluating the same version's conditions on the decoded facts.
 */
public final class FactCodec {

    private static final char SEPARATOR = '\u001F';

    private FactCodec() {
    }

    /** Encodes the values of the given facts. */
    public static String encode(List<FactCatalog.Fact> reads, Facts facts) {
        StringBuilder out = new StringBuilder(reads.size() * 8);
        for (int i = 0; i < reads.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            Object v = reads.get(i).read().apply(facts);
            if (v instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (v instanceof List<?> list) {
                for (int k = 0; k < list.size(); k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    out.append(list.get(k));
                }
            } else {
                out.append(v);
            }
        }
        return out.toString();
    }

    /** Decodes values written by {@link #encode} into facts; facts not read keep neutral defaults. */
    public static Facts decode(long accountId, List<FactCatalog.Fact> reads, String text) {
        String[] parts = text.isEmpty() && reads.isEmpty() ? new String[0] : text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != reads.size()) {
            throw new IllegalArgumentException("expected " + reads.size() + " fact values, found " + parts.length);
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            FactCatalog.Fact fact = reads.get(i);
            String p = parts[i];
            Object value = switch (fact.type().kind()) {
                case BOOL -> p.equals("t");
                case INT -> Long.parseLong(p);
                case DOUBLE -> Double.parseDouble(p);
                case LIST -> p.isEmpty() ? List.of() : Arrays.asList(p.split(","));
                default -> p;
            };
            values.put(fact.name(), value);
        }
        return fromValues(accountId, values);
    }

    /** Returns the values of the given facts, by name, for display. */
    public static Map<String, Object> values(List<FactCatalog.Fact> reads, Facts facts) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        reads.forEach(f -> values.put(f.name(), f.read().apply(facts)));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Facts fromValues(long accountId, Map<String, Object> v) {
        return new Facts(accountId,
                d(v, "account.balance"), d(v, "account.overdueAmount"), l(v, "account.daysPastDue"),
                s(v, "account.bucket"), s(v, "account.productLine"), s(v, "account.currency"), s(v, "account.status"),
                d(v, "account.creditLimit"),
                s(v, "customer.type"), s(v, "customer.locale"), s(v, "customer.timeZone"),
                l(v, "customer.tenureMonths"), b(v, "customer.hasApp"),
                (List<String>) v.getOrDefault("customer.channels", List.of()),
                l(v, "history.timesDelinquent12m"), l(v, "history.maxDaysPastDue12m"),
                v.containsKey("history.onTimeRatio12m") ? d(v, "history.onTimeRatio12m") : 1.0,
                l(v, "history.brokenPromises90d"), l(v, "history.complaints90d"),
                v.containsKey("history.lastContactDaysAgo") ? l(v, "history.lastContactDaysAgo") : Facts.NEVER,
                l(v, "score.value"), s(v, "score.grade"),
                l(v, "case.openDays"), l(v, "case.step"), s(v, "case.variant"), b(v, "case.promiseActive"),
                b(v, "case.disputeOpen"),
                (List<String>) v.getOrDefault("score.reasons", List.of()), d(v, "score.missRisk"),
                l(v, "history.reversedPayments30d"),
                v.containsKey("account.overdueOutsidePlan") ? d(v, "account.overdueOutsidePlan")
                        : d(v, "account.overdueAmount"),
                l(v, "case.reversalsAtOpen"));
    }

    private static double d(Map<String, Object> v, String k) {
        return v.get(k) instanceof Double x ? x : 0.0;
    }

    private static long l(Map<String, Object> v, String k) {
        return v.get(k) instanceof Long x ? x : 0L;
    }

    private static String s(Map<String, Object> v, String k) {
        return v.get(k) instanceof String x ? x : "";
    }

    private static boolean b(Map<String, Object> v, String k) {
        return v.get(k) instanceof Boolean x && x;
    }
}
