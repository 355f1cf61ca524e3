package dev.arrears.shared;

import dev.arrears.shared.BadParameterException.BadParameter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads raw query, path and body parameters of the API, collecting every bad one, then {@link #check()} throws
 * one {@link BadParameterException} naming them all (a 400 problem). Absent values read as null or the default.
 */
public final class Parameters {

    private final List<BadParameter> problems = new ArrayList<>();

    /** Returns an ISO date, or null when absent. */
    public LocalDate date(String name, String text) {
        if (!present(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new BadParameter(name, "'" + abbreviate(text) + "' is not a date such as 2026-06-30"));
            return null;
        }
    }

    /** Returns a positive id, or null when absent. */
    public Long id(String name, String text) {
        if (!present(text)) {
            return null;
        }
        if (text.strip().matches("0*[1-9]\\d{0,17}")) {
            return Long.parseLong(text.strip());
        }
        problems.add(new BadParameter(name, "'" + abbreviate(text) + "' is not an id"));
        return null;
    }

    /** Returns a whole number in [min, max], or the default when absent. */
    public int integer(String name, String text, int defaultValue, int min, int max) {
        if (!present(text)) {
            return defaultValue;
        }
        String stripped = text.strip();
        if (stripped.matches("-?\\d{1,10}")) {
            long value = Long.parseLong(stripped);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        problems.add(new BadParameter(name, "'" + abbreviate(text) + "' is not a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
        return defaultValue;
    }

    /** Returns the constant of an enum named case-insensitively, or null when absent. */
    public <E extends Enum<E>> E oneOf(String name, String text, Class<E> type) {
        if (!present(text)) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        problems.add(new BadParameter(name, "'" + abbreviate(text) + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    /** Records a required parameter that is missing, with an example of what is expected. */
    public void required(String name, Object value, String example) {
        if (value == null && problems.stream().noneMatch(p -> p.parameter().equals(name))) {
            problems.add(new BadParameter(name, "required, for example " + example));
        }
    }

    /** Records a problem found by the caller. */
    public void problem(String name, String detail) {
        problems.add(new BadParameter(name, detail));
    }

    /** Throws one exception naming every bad parameter, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new BadParameterException(problems);
        }
    }

    /** Returns true for a value that is there and not blank. */
    public static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** Returns the text cut to 40 characters, for messages that quote it. */
    public static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
