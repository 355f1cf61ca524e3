package dev.arrears.arrangement.domain;

import dev.arrears.shared.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an instalment plan, as plain functions: what a business allows per product line (how many
 * instalments, the smallest down payment as a share of the balance, the smallest instalment, a set-up fee, the days
 * of grace after each due date), the schedule a plan makes of a balance (or of the part of it the plan covers), how
 * a plan stands on a date given what was paid since it began: instalments are covered oldest first; one still not
 * covered after its grace days defaults the plan; all covered completes it; and whether a plan over part of the
 * balance pauses the ladder (not while something is overdue outside it).
 */
public final class PlanRules {

    private PlanRules() {
    }

    /** How often instalments fall due. */
    public enum Frequency {
        WEEKLY, BIWEEKLY, MONTHLY;

        /** Returns the due date of instalment {@code k} (1-based) when the first is due on {@code first}. */
        public LocalDate due(LocalDate first, int k) {
            return switch (this) {
                case WEEKLY -> first.plusWeeks(k - 1L);
                case BIWEEKLY -> first.plusWeeks(2L * (k - 1));
                case MONTHLY -> first.plusMonths(k - 1L);
            };
        }
    }

    /**
     * What a product line allows: at most {@code maxInstalments}; a down payment of at least
     * {@code minDownPercent} % of the balance (rounded up to the minor unit); instalments of at least
     * {@code minInstalmentMinor} (the last may be smaller); {@code feeMinor} added to the plan; {@code graceDays}
     * after each due date before it counts as missed.
     */
    public record Policy(int maxInstalments, int minDownPercent, long minInstalmentMinor, long feeMinor,
                         int graceDays) {
    }

    /**
     * What a risk grade allows at most: no more than {@code maxInstalments} (0: no cap) and a down payment of at
     * least {@code minDownPercent} % (0: no floor), applied on top of the product line's policy.
     */
    public record GradeLimits(int maxInstalments, int minDownPercent) {
    }

    /**
     * Returns the policy tightened by a grade's limits: the smaller maximum count and the larger down payment of the
     * two; the product line's minimum instalment, fee and grace stay.
     */
    public static Policy forGrade(Policy policy, GradeLimits limits) {
        if (limits == null) {
            return policy;
        }
        int max = limits.maxInstalments() > 0 ? Math.min(policy.maxInstalments(), limits.maxInstalments())
                : policy.maxInstalments();
        int down = Math.max(policy.minDownPercent(), Math.min(99, limits.minDownPercent()));
        return new Policy(max, down, policy.minInstalmentMinor(), policy.feeMinor(), policy.graceDays());
    }

    /** One instalment: number 0 is the down payment, due the day the plan starts. */
    public record Instalment(int number, LocalDate dueOn, long amountMinor) {
    }

    /**
     * A plan as asked: the amount it covers ({@code balanceMinor}: the balance, or the part of it chosen), a down
     * payment, how many instalments, when and how often.
     */
    public record Request(long balanceMinor, long downMinor, int instalments, Frequency frequency,
                          LocalDate firstDueOn, LocalDate today) {
    }

    /** Returns every reason the plan cannot be made under the policy (none: it can). */
    public static List<FieldError> check(Request r, Policy policy) {
        List<FieldError> errors = new ArrayList<>();
        if (r.balanceMinor() <= 0) {
            errors.add(FieldError.coded("/instalments", "the account owes nothing: no plan is needed",
                    "problem.plan.owesNothing"));
            return errors;
        }
        if (r.instalments() < 1 || r.instalments() > policy.maxInstalments()) {
            errors.add(FieldError.coded("/instalments", "must be from 1 to " + policy.maxInstalments()
                    + " for this account", "problem.plan.instalments", policy.maxInstalments()));
        }
        errors.addAll(checkDown("/downPayment", r.downMinor(), r.balanceMinor(), policy));
        if (r.firstDueOn().isBefore(r.today().plusDays(1))) {
            errors.add(FieldError.coded("/firstDueDate", "must be after today (" + r.today() + ")",
                    "problem.plan.firstDueAfterToday", r.today()));
        } else if (r.firstDueOn().isAfter(r.today().plusDays(31))) {
            errors.add(FieldError.coded("/firstDueDate", "must be within 31 days of today",
                    "problem.plan.firstDueWithin", 31));
        }
        if (errors.isEmpty() && r.instalments() > 1) {
            long each = (r.balanceMinor() - r.downMinor() + policy.feeMinor()) / r.instalments();
            if (each < policy.minInstalmentMinor()) {
                errors.add(FieldError.coded("/instalments", "instalments of " + each + " are below the smallest of "
                        + policy.minInstalmentMinor() + " (minor units): choose fewer",
                        "problem.plan.instalmentTooSmall", each, policy.minInstalmentMinor()));
            }
        }
        return errors;
    }

    /**
     * Returns every reason a down payment does not suit a plan over {@code coveredMinor} (none: it does): at least
     * the policy's smallest share of it, and less than all of it.
     */
    public static List<FieldError> checkDown(String pointer, long downMinor, long coveredMinor, Policy policy) {
        long minDown = minDown(coveredMinor, policy);
        if (downMinor < minDown) {
            return List.of(FieldError.coded(pointer, "must be at least " + policy.minDownPercent()
                    + "% of the balance: " + minDown + " (minor units)", "problem.plan.downAtLeast",
                    policy.minDownPercent(), minDown));
        }
        if (downMinor >= coveredMinor) {
            return List.of(FieldError.coded(pointer, "must be less than the balance, or no plan is needed",
                    "problem.plan.downBelowBalance"));
        }
        return List.of();
    }

    /**
     * Returns the due date of the first instalment the options offer: a period after {@code today} (a week, two
     * weeks, or a month but at most 31 days, the latest first due date a plan may have).
     */
    public static LocalDate firstDue(Frequency frequency, LocalDate today) {
        return switch (frequency) {
            case WEEKLY -> today.plusWeeks(1);
            case BIWEEKLY -> today.plusWeeks(2);
            case MONTHLY -> today.plusMonths(1).isAfter(today.plusDays(31)) ? today.plusDays(31)
                    : today.plusMonths(1);
        };
    }

    /**
     * Returns every reason a plan cannot cover {@code coveredMinor} of a balance (none: it can): more than zero and
     * at most the balance owed.
     */
    public static List<FieldError> checkCovered(String pointer, long coveredMinor, long balanceMinor) {
        if (coveredMinor <= 0) {
            return List.of(FieldError.coded(pointer, "must be more than zero", "problem.plan.coveredPositive"));
        }
        if (coveredMinor > balanceMinor) {
            return List.of(FieldError.coded(pointer, "is more than the balance owed: " + balanceMinor
                    + " (minor units)", "problem.plan.coveredAtMostBalance", balanceMinor));
        }
        return List.of();
    }

    /**
     * Returns what is overdue outside a plan: the overdue amount beyond what is left to pay on the plan (its
     * instalments, fee included, less what was paid since it was made). Payments count towards the plan first, as
     * the ledger pays the oldest bills first: the plan covers the oldest part of the balance.
     */
    public static long overdueOutside(long overdueMinor, long planTotalMinor, long paidMinor) {
        return Math.max(0, overdueMinor - Math.max(0, planTotalMinor - paidMinor));
    }

    /**
     * Returns whether an active plan pauses the ladder: a plan over the whole balance always does; one over part of
     * it only while nothing is overdue outside it.
     */
    public static boolean pausesLadder(boolean partial, long overdueOutsideMinor) {
        return !partial || overdueOutsideMinor == 0;
    }

    /** Returns the smallest down payment the policy allows on a balance (rounded up). */
    public static long minDown(long balanceMinor, Policy policy) {
        return (balanceMinor * policy.minDownPercent() + 99) / 100;
    }

    /**
     * Returns the schedule: the down payment (number 0, due today) when there is one, then {@code instalments}
     * equal instalments of the rest plus the fee, the odd minor units on the last.
     */
    public static List<Instalment> schedule(Request r, Policy policy) {
        List<Instalment> out = new ArrayList<>();
        if (r.downMinor() > 0) {
            out.add(new Instalment(0, r.today(), r.downMinor()));
        }
        long rest = r.balanceMinor() - r.downMinor() + policy.feeMinor();
        long each = rest / r.instalments();
        for (int k = 1; k <= r.instalments(); k++) {
            long amount = k == r.instalments() ? rest - each * (r.instalments() - 1) : each;
            out.add(new Instalment(k, r.frequency().due(r.firstDueOn(), k), amount));
        }
        return out;
    }

    /** Where a plan stands on a date. */
    public enum State { ACTIVE, COMPLETED, DEFAULTED }

    /** A plan's standing: its state, how many instalments are covered, and why. */
    public record Standing(State state, int covered, String reason) {
    }

    /** Returns how a plan stands on {@code today} given what was paid since it began (covering oldest first). */
    public static Standing standing(List<Instalment> schedule, long paidMinor, int graceDays, LocalDate today) {
        long left = paidMinor;
        int covered = 0;
        for (Instalment i : schedule) {
            if (left >= i.amountMinor()) {
                left -= i.amountMinor();
                covered++;
            } else {
                if (today.isAfter(i.dueOn().plusDays(graceDays))) {
                    return new Standing(State.DEFAULTED, covered, "instalment " + i.number() + " due " + i.dueOn()
                            + " not paid within " + graceDays + " days of grace");
                }
                return new Standing(State.ACTIVE, covered, "next: instalment " + i.number() + " due " + i.dueOn());
            }
        }
        return new Standing(State.COMPLETED, covered, "every instalment paid");
    }
}
