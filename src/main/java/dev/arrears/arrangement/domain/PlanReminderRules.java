package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.PlanRules.Instalment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When an instalment plan's customer is reminded of an instalment, and whether a planned reminder may still go, as
 * plain functions of the schedule, what was paid since the plan began and the date (the account's zone). A reminder
 * is {@link Kind#BEFORE} an instalment ({@code daysBefore} days ahead, or on a later day up to the day before when a
 * cycle was missed) or {@link Kind#DUE} on its due date; never for the down payment (due the day the plan is made)
 * nor for an instalment already covered. At hand-over a reminder stops when its instalment is covered, the plan is
 * no longer active, or the day it was meant for has passed.
 */
public final class PlanReminderRules {

    private PlanReminderRules() {
    }

    /** Which reminder: some days before the due date, or on it. */
    public enum Kind {
        BEFORE, DUE;

        /** Returns the kind's word in a source key. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Returns the kind a source key's word names. */
        public static Kind ofKey(String key) {
            return valueOf(key.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * When reminders go: {@code daysBefore} days before each due date (0: none before), and on the due date itself
     * when {@code onDueDate}.
     */
    public record Timing(int daysBefore, boolean onDueDate) {

        public Timing {
            if (daysBefore < 0 || daysBefore > 31) {
                throw new IllegalArgumentException("reminder days before must be from 0 to 31, was " + daysBefore);
            }
        }
    }

    /** A reminder to plan: the instalment's number and the kind. */
    public record Reminder(int number, Kind kind) {
    }

    /**
     * Returns the reminders due on {@code asOf} for the instalments not yet covered ({@code covered}: how many of the
     * schedule, the down payment first, payments cover): a BEFORE reminder from {@code daysBefore} days ahead until
     * the day before the due date, a DUE reminder on the due date.
     */
    public static List<Reminder> dueOn(List<Instalment> schedule, int covered, Timing timing, LocalDate asOf) {
        List<Reminder> out = new ArrayList<>();
        for (int k = covered; k < schedule.size(); k++) {
            Instalment i = schedule.get(k);
            if (i.number() == 0) {
                continue;
            }
            if (timing.daysBefore() > 0 && !asOf.isBefore(i.dueOn().minusDays(timing.daysBefore()))
                    && asOf.isBefore(i.dueOn())) {
                out.add(new Reminder(i.number(), Kind.BEFORE));
            }
            if (timing.onDueDate() && asOf.equals(i.dueOn())) {
                out.add(new Reminder(i.number(), Kind.DUE));
            }
        }
        return out;
    }

    /** What a reminder may say, or why it stops ({@code stop} not null). */
    public record Review(String stop, int number, int count, LocalDate dueOn, long amountMinor,
                         long remainingMinor) {

        static Review stop(String reason) {
            return new Review(reason, 0, 0, null, 0, 0);
        }
    }

    /**
     * Reviews a planned reminder on {@code today}: it stops when the plan is not ACTIVE, nothing is owed on the
     * account any more ({@code balanceMinor}: a settlement wrote the rest off), the instalment is covered by
     * {@code paidMinor} (paid since the plan began, applied to the schedule oldest first) or not in the schedule, or
     * the day it was meant for has passed (BEFORE: the due date came; DUE: a later day). Otherwise it says the
     * instalment's number of the count (the down payment not counted), due date, what is still to pay of it (less a
     * part paid), and what is left of the whole plan.
     */
    public static Review review(List<Instalment> schedule, String planState, long paidMinor, long balanceMinor,
                                int number, Kind kind, LocalDate today) {
        if (!"ACTIVE".equals(planState)) {
            return Review.stop("plan " + planState.toLowerCase(java.util.Locale.ROOT));
        }
        if (balanceMinor <= 0) {
            return Review.stop("paid: nothing owed on the account");
        }
        long before = 0;
        long total = 0;
        Instalment found = null;
        int count = 0;
        for (Instalment i : schedule) {
            total += i.amountMinor();
            if (i.number() > 0) {
                count++;
            }
            if (i.number() < number) {
                before += i.amountMinor();
            } else if (i.number() == number) {
                found = i;
            }
        }
        if (found == null || number == 0) {
            return Review.stop("instalment " + number + " is not in the plan");
        }
        long towards = Math.max(0, paidMinor - before);
        if (towards >= found.amountMinor()) {
            return Review.stop("paid: instalment " + number + " is covered");
        }
        boolean late = kind == Kind.BEFORE ? !today.isBefore(found.dueOn()) : today.isAfter(found.dueOn());
        if (late) {
            return Review.stop("instalment " + number + " was due on " + found.dueOn() + ": reminder too late");
        }
        return new Review(null, number, count, found.dueOn(), found.amountMinor() - towards,
                Math.max(0, total - paidMinor));
    }
}
