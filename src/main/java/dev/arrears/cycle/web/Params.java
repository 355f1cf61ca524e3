package dev.arrears.cycle.web;

import dev.arrears.shared.BadParameterException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads query, path and body parameters of the cycle API; a bad one is a 400 problem naming it. */
final class Params {

    private Params() {
    }

    static LocalDate date(String name, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new BadParameterException(name, "required: an ISO date such as 2026-05-01");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "not an ISO date (yyyy-mm-dd): '" + cut(text) + "'");
        }
    }

    static Long id(String name, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new BadParameterException(name, "required: a positive whole number");
            }
            return null;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, "not a positive whole number: '" + cut(text) + "'");
    }

    static int integer(String name, String text, int defaultValue, int min, int max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, "a whole number from " + min + " to " + max + ", not '" + cut(text) + "'");
    }

    static <E extends Enum<E>> String oneOf(String name, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e.name();
            }
        }
        throw new BadParameterException(name, "one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", not '" + cut(text) + "'");
    }

    private static String cut(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
