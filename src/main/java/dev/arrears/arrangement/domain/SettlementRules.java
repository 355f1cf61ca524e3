package dev.arrears.arrangement.domain;

import dev.arrears.shared.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a settlement (pay an amount now to settle the whole balance): an offer must be less than what is
 * owed, in the account's currency, open for at most {@code maxDaysValid} days; an offered settlement is paid once
 * what came in since it was offered reaches its amount, and expires after its last day.
 */
public final class SettlementRules {

    private SettlementRules() {
    }

    /** What happens to an offered settlement. */
    public enum Outcome { OPEN, PAID, EXPIRED }

    /** Returns every reason the offer cannot be made (none: it can). */
    public static List<FieldError> check(long amountMinor, String currency, LocalDate validUntil, String reason,
                                         String accountCurrency, long balanceMinor, LocalDate today,
                                         int maxDaysValid) {
        List<FieldError> errors = new ArrayList<>();
        if (!currency.equals(accountCurrency)) {
            errors.add(FieldError.at("/currency", "the account is in " + accountCurrency + ", not " + currency));
        }
        if (balanceMinor <= 0) {
            errors.add(FieldError.at("/amount", "the account owes nothing: there is nothing to settle"));
        } else if (amountMinor <= 0) {
            errors.add(FieldError.at("/amount", "must be more than zero"));
        } else if (amountMinor >= balanceMinor) {
            errors.add(FieldError.at("/amount", "must be less than the balance owed, or it is no settlement"));
        }
        if (validUntil.isBefore(today)) {
            errors.add(FieldError.at("/validUntil", "is in the past (today is " + today + " in the account's time"
                    + " zone)"));
        } else if (validUntil.isAfter(today.plusDays(maxDaysValid))) {
            errors.add(FieldError.at("/validUntil", "is more than " + maxDaysValid + " days ahead"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(FieldError.at("/reason", "required: why the business gives this discount"));
        }
        return errors;
    }

    /** Returns what became of an offered settlement on {@code today}, given what was paid since it was offered. */
    public static Outcome review(long amountMinor, long paidMinor, LocalDate validUntil, LocalDate today) {
        if (paidMinor >= amountMinor) {
            return Outcome.PAID;
        }
        return today.isAfter(validUntil) ? Outcome.EXPIRED : Outcome.OPEN;
    }
}
