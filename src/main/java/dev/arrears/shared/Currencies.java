package dev.arrears.shared;

import java.util.Currency;
import java.util.Set;

/** ISO 4217 look-ups with clear errors for codes that are not real currencies. */
public final class Currencies {

    /** ISO 4217 fund codes: units of account with minor units that no one is billed in. */
    private static final Set<String> FUNDS = Set.of("BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW");

    private Currencies() {
    }

    /** Returns the currency for an ISO 4217 code, refusing lower case, funds codes and unknown codes. */
    public static Currency of(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
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
