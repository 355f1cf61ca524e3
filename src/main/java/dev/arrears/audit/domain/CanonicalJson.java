package dev.arrears.audit.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an entry's details as one canonical JSON text: object keys sorted, no spaces, integers as written,
 * strings escaped minimally (quote, backslash and control characters only). Accepts null, booleans, integers,
 * decimals (written plain, never as floating point), strings, enums (their names), instants and dates (ISO text),
 * collections and maps with text keys; refuses floating point, which has no one canonical text.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** Returns the canonical JSON object of the details; an empty or null map is {@code {}}. */
    public static String write(Map<String, ?> details) {
        StringBuilder out = new StringBuilder(128);
        value(out, details == null ? Map.of() : details);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Long n -> out.append(n);
            case Integer n -> out.append(n);
            case Short n -> out.append(n);
            case Byte n -> out.append(n);
            case BigInteger n -> out.append(n);
            case BigDecimal n -> out.append(n.stripTrailingZeros().toPlainString());
            case Double d -> throw new IllegalArgumentException("floating point has no canonical text: " + d);
            case Float f -> throw new IllegalArgumentException("floating point has no canonical text: " + f);
            case String s -> string(out, s);
            case Enum<?> e -> string(out, e.name());
            case Instant i -> string(out, i.toString());
            case LocalDate d -> string(out, d.toString());
            case Map<?, ?> map -> object(out, map);
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(out, item);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " into audit details; use ids, hashes, numbers and texts");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("keys of audit details are texts: " + e.getKey());
            }
            sorted.put(key, e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            value(out, e.getValue());
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String text) {
        String s = EntryContent.clean(text);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
