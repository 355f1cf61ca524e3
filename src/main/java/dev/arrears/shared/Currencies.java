package dev.arrears.shared;

import java.util.Currency;
import java.util.Set;

/** ISO 4217 look-ups with clear errors for codes that are not real currencies. */
public final class Currencies {

    /** ISO 4217 fund codes: units of account with minor units that no one is billed in. */
    private static final Set<String> FUNDS = Set.of("BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW");

    /** Codes already checked; a bulk import asks for the same few thousands of times. */
    private static final java.util.concurrent.ConcurrentMap<String, Currency> KNOWN =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Currencies() {
    }

    /** Returns the currency for an ISO 4217 code, refusing lower case, funds codes and unknown codes. */
    public static Currency of(String code) {
        Currency known = code == null ? null : KNOWN.get(code);
        if (known != null) {
            return known;
        }
        Currency currency = lookUp(code);
        KNOWN.put(code, currency);
        return currency;
    }

    private static Currency lookUp(String code) {
        if (code == null || code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code such as CNY");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0 || FUNDS.contains(code)) {
                throw new IllegalArgumentException("'" + code + "' is not a currency that bills can be issued in");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("'")) {
                throw e;
            }
            throw new IllegalArgumentException("unknown currency '" + code + "'");
        }
    }

    /** Returns the number of minor-unit digits of the currency (CNY 2, JPY 0, KWD 3). */
    public static int fractionDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }
}
