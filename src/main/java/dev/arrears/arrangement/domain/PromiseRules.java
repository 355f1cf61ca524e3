package dev.arrears.arrangement.domain;

import dev.arrears.shared.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a promise to pay, as plain functions of their inputs and the date: whether a collector or a
 * customer may make a promise (an amount owed, in the account's currency, by a date within the policy's horizon),
 * and what became of an active promise on a date: KEPT once enough was paid since it was taken (or nothing is
 * overdue any more), BROKEN once the promised date plus the grace days has passed without that, ACTIVE otherwise.
 */
public final class PromiseRules {

    private PromiseRules() {
    }

    /** What a business allows: how far ahead a promise may reach, and the days of grace after its date. */
    public record Policy(int maxDaysAhead, int graceDays) {

        /** Thirty days ahead at most, two days of grace: the defaults of {@code arrears.promises.*}. */
        public static final Policy DEFAULT = new Policy(30, 2);

        public Policy {
            if (maxDaysAhead < 0 || graceDays < 0) {
                throw new IllegalArgumentException("promise policy days must not be negative");
            }
        }
    }

    /** The account a promise is about, as the ledger sees it today (a date of the account's zone). */
    public record Account(String currency, long balanceMinor, long overdueMinor, LocalDate today) {
    }

    /** A promise as offered: amount in minor units of {@code currency}, and the date it will be paid by. */
    public record Offer(long amountMinor, String currency, LocalDate promisedOn) {
    }

    /** Where a promise stands. */
    public enum State { ACTIVE, KEPT, BROKEN, CANCELLED }

    /** The state a promise is in on a date, and why. */
    public record Review(State state, String reason) {
    }

    /** Returns every reason the offer cannot be taken on the account (none: it may be taken). */
    public static List<FieldError> check(Offer offer, Account account, Policy policy) {
        List<FieldError> errors = new ArrayList<>();
        if (!offer.currency().equals(account.currency())) {
            errors.add(FieldError.coded("/currency", "the account is in " + account.currency() + ", not "
                    + offer.currency(), "problem.currency", account.currency(), offer.currency()));
        }
        if (offer.amountMinor() <= 0) {
            errors.add(FieldError.coded("/amount", "must be more than zero", "problem.amountPositive"));
        } else if (offer.amountMinor() > account.balanceMinor() && account.balanceMinor() > 0) {
            errors.add(FieldError.coded("/amount", "is more than the balance owed", "problem.promise.aboveBalance"));
        }
        if (account.overdueMinor() <= 0) {
            errors.add(FieldError.coded("/amount", "nothing is overdue on the account: no promise is needed",
                    "problem.promise.nothingOverdue"));
        }
        if (offer.promisedOn().isBefore(account.today())) {
            errors.add(FieldError.coded("/date", "is in the past (today is " + account.today() + " in the account's"
                    + " time zone)", "problem.promise.datePast", account.today()));
        } else if (offer.promisedOn().isAfter(account.today().plusDays(policy.maxDaysAhead()))) {
            errors.add(FieldError.coded("/date", "is more than " + policy.maxDaysAhead() + " days ahead (at most "
                    + account.today().plusDays(policy.maxDaysAhead()) + ")", "problem.promise.dateTooFar",
                    policy.maxDaysAhead(), account.today().plusDays(policy.maxDaysAhead())));
        }
        return errors;
    }

    /**
     * Returns what became of an active promise on {@code today}: {@code paidMinor} is what was paid on the account
     * since the promise was taken (reversed payments excluded), {@code overdueMinor} what is overdue now.
     */
    public static Review review(long amountMinor, LocalDate promisedOn, int graceDays, long paidMinor,
                                long overdueMinor, LocalDate today) {
        if (paidMinor >= amountMinor) {
            return new Review(State.KEPT, "paid " + paidMinor + " of " + amountMinor + " (minor units) since the"
                    + " promise");
        }
        if (overdueMinor <= 0) {
            return new Review(State.KEPT, "nothing is overdue any more");
        }
        LocalDate lastDay = promisedOn.plusDays(graceDays);
        if (today.isAfter(lastDay)) {
            return new Review(State.BROKEN, "paid " + paidMinor + " of " + amountMinor + " (minor units) by "
                    + lastDay + " (promised " + promisedOn + ", " + graceDays + " days of grace)");
        }
        return new Review(State.ACTIVE, "due by " + lastDay);
    }
}
