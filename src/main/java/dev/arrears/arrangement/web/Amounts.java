package dev.arrears.arrangement.web;

import dev.arrears.shared.Currencies;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.Money;
import dev.arrears.shared.Parameters;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;

/** Reads the amounts, currencies, dates and ids of arrangement requests, collecting each problem at its pointer. */
final class Amounts {

    private Amounts() {
    }

    /** Returns the currency, or null after adding the problem. */
    static Currency currency(String text, List<FieldError> errors) {
        if (!Parameters.present(text)) {
            errors.add(FieldError.at("/currency", "required: the account's ISO 4217 currency, e.g. CNY"));
            return null;
        }
        try {
            return Currencies.of(text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at("/currency", e.getMessage()));
            return null;
        }
    }

    /** Returns the amount in minor units (0 after adding the problem, or when the currency is unknown). */
    static long amount(String pointer, String text, Currency currency, List<FieldError> errors) {
        if (!Parameters.present(text)) {
            errors.add(FieldError.at(pointer, "required: a decimal string in major units, e.g. \"120.00\""));
            return 0;
        }
        if (currency == null) {
            return 0;
        }
        try {
            return Money.parseMinor(text.strip(), currency);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at(pointer, e.getMessage()));
            return 0;
        }
    }

    /** Returns the date, or null after adding the problem. */
    static LocalDate date(String pointer, String text, List<FieldError> errors) {
        if (!Parameters.present(text)) {
            errors.add(FieldError.at(pointer, "required: a date such as 2026-12-01"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.at(pointer, "'" + Parameters.abbreviate(text) + "' is not a date such as 2026-12-01"));
            return null;
        }
    }

    /** Returns the constant named by {@code text} (any case), {@code fallback} when absent, null after a problem. */
    static <E extends Enum<E>> E oneOf(String pointer, String text, Class<E> type, E fallback,
                                       List<FieldError> errors) {
        if (!Parameters.present(text)) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        errors.add(FieldError.at(pointer, "'" + Parameters.abbreviate(text) + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "))));
        return null;
    }

    /** Returns an id from a path segment (400 naming it when it is not one). */
    static long id(String name, String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id(name, text);
        parameters.required(name, id, "/42");
        parameters.check();
        return id;
    }

    /** Formats minor units of a currency as the API shows amounts. */
    static String format(long minor, String currency) {
        return Money.format(minor, Currency.getInstance(currency));
    }
}
