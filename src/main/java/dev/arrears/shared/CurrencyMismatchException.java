package dev.arrears.shared;

import java.util.Currency;

/** Thrown when two amounts of different currencies meet in one computation. */
public class CurrencyMismatchException extends IllegalArgumentException {

    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("currency " + actual.getCurrencyCode() + " does not match " + expected.getCurrencyCode());
    }
}
