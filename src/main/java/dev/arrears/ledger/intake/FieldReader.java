package dev.arrears.ledger.intake;

import dev.arrears.shared.Currencies;
import dev.arrears.shared.Money;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads typed fields out of one record given as a tree of maps, lists and strings (from JSON or a CSV row),
 * collecting an {@link Issue} per bad field instead of stopping at the first. Each getter returns null for a
 * field that is missing or bad, after recording why.
 */
public final class FieldReader {

    static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /** Visible characters only: no white space of any script (U+3000, U+00A0), control or format characters. */
    private static final Pattern REF = Pattern.compile("[^\\p{IsWhite_Space}\\p{Cntrl}\\p{Cf}]+");

    private final Map<String, Object> values;
    private final String prefix;
    private final List<Issue> issues;

    public FieldReader(Map<String, Object> values, String prefix, List<Issue> issues) {
        this.values = values;
        this.prefix = prefix;
        this.issues = issues;
    }

    /** Returns the issues collected so far by this reader and its children. */
    public List<Issue> issues() {
        return issues;
    }

    /** Records a problem with a field. */
    public void fail(String field, String detail) {
        issues.add(new Issue(prefix + field, detail));
    }

    /** Returns true when the field is present with a non-blank value. */
    public boolean has(String field) {
        Object value = values.get(field);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    /** Returns the text of a field, or null (recording "is required" when it must be there). */
    public String text(String field, boolean required) {
        Object value = values.get(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        fail(field, "must be a string");
        return null;
    }

    /** Returns an external reference: 1 to 100 characters with no spaces, control or invisible characters. */
    public String ref(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        if (text.length() > 100 || !REF.matcher(text).matches()) {
            fail(field, "'" + abbreviate(text) + "' is not a reference: use 1 to 100 characters without spaces");
            return null;
        }
        return text;
    }

    /** Returns a bounded free text. */
    public String boundedText(String field, boolean required, int maxLength) {
        String text = text(field, required);
        if (text != null && text.length() > maxLength) {
            fail(field, "is longer than " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** Returns an enum constant named by the field (case-insensitive), or the default when absent. */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String text = text(field, defaultValue == null);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        fail(field, "'" + abbreviate(text) + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }

    /** Returns a set of enum constants from a list or from text separated by ';', '|' or ','. */
    public <E extends Enum<E>> Set<E> enumSet(String field, Class<E> type) {
        Object value = values.get(field);
        if (value == null) {
            return Set.of();
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> names.add(String.valueOf(item).strip()));
        } else if (value instanceof String s) {
            for (String part : s.split("[;|,]")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        } else {
            fail(field, "must be a list such as [\"SMS\", \"CALL\"]");
            return Set.of();
        }
        java.util.EnumSet<E> result = java.util.EnumSet.noneOf(type);
        for (String name : names) {
            E match = null;
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(name)) {
                    match = constant;
                }
            }
            if (match == null) {
                fail(field, "'" + abbreviate(name) + "' is not one of " + Arrays.stream(type.getEnumConstants())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            } else {
                result.add(match);
            }
        }
        return result;
    }

    /** Returns an ISO date (2026-03-31). */
    public LocalDate date(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            LocalDate fast = plainDate(text);
            return fast != null ? fast : LocalDate.parse(text);
        } catch (DateTimeException e) {
            fail(field, "'" + abbreviate(text) + "' is not a date such as 2026-03-31");
            return null;
        }
    }

    /** Parses yyyy-MM-dd without a formatter (an import reads millions); null when the shape differs. */
    private static LocalDate plainDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        return year < 0 || month < 0 || day < 0 ? null : LocalDate.of(year, month, day);
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Returns an instant written with its offset (2026-03-31T09:30:00+08:00 or …Z). */
    public Instant instant(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "'" + abbreviate(text) + "' is not an instant with an offset such as 2026-03-31T09:30:00+08:00");
            return null;
        }
    }

    /** Returns an IANA time zone (Asia/Shanghai); offsets and abbreviations are refused. */
    public ZoneId zone(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        if (!ZONES.contains(text) || !text.contains("/")) {
            fail(field, "unknown time zone '" + abbreviate(text) + "'");
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            fail(field, "unknown time zone '" + abbreviate(text) + "'");
            return null;
        }
    }

    /** Returns an ISO 4217 currency. */
    public Currency currency(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return Currencies.of(text);
        } catch (IllegalArgumentException e) {
            fail(field, e.getMessage());
            return null;
        }
    }

    /**
     * Returns an amount in minor units of the currency from a decimal string in major units. A JSON number is
     * refused: amounts travel as strings so that no binary floating point touches them. Without a currency
     * (missing or bad, already reported) only the decimal form is checked and null is returned.
     */
    public Long amount(String field, Currency currency, boolean required) {
        Object value = values.get(field);
        if (value instanceof Number) {
            fail(field, "must be a decimal string such as \"12.34\", not a JSON number");
            return null;
        }
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            if (currency == null) {
                Money.parseDecimal(text);
                return null;
            }
            return Money.parseMinor(text, currency);
        } catch (IllegalArgumentException e) {
            fail(field, e.getMessage());
            return null;
        }
    }

    /** Returns readers for the records of a list field (JSON array of objects). */
    public List<FieldReader> list(String field, boolean required) {
        Object value = values.get(field);
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            fail(field, "must be an array");
            return List.of();
        }
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) map;
                readers.add(new FieldReader(child, prefix + field + "/" + i + "/", issues));
            } else {
                issues.add(new Issue(prefix + field + "/" + i, "must be an object"));
            }
        }
        return readers;
    }

    /** Records an issue for every field that the record type does not know. */
    public void rejectUnknown(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                fail(key, "is not a field of this record");
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
