package dev.arrears.arrangement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An instalment plan: {@code coveredMinor} (the balance when it was made, or the part of it the plan covers; the
 * balance then was {@code balanceMinor}) paid as a down payment and {@code instalmentCount} instalments,
 * {@code frequency} apart, with {@code graceDays} after each due date; states ACTIVE, COMPLETED, DEFAULTED,
 * CANCELLED, SETTLED (a paid settlement ended it). {@code paidMinor} is what had been paid towards it at the last
 * review.
 */
public record PlanView(long id, long accountId, long customerId, String currency, long coveredMinor, long downMinor,
                       long feeMinor, int instalmentCount, String frequency, int graceDays, String state,
                       String madeBy, Instant madeAt, LocalDate startedOn, long paidMinor, LocalDate endedOn,
                       String endReason, List<InstalmentView> instalments, long balanceMinor) {

    /** A plan over the whole balance ({@code balanceMinor} is {@code coveredMinor}). */
    public PlanView(long id, long accountId, long customerId, String currency, long coveredMinor, long downMinor,
                    long feeMinor, int instalmentCount, String frequency, int graceDays, String state,
                    String madeBy, Instant madeAt, LocalDate startedOn, long paidMinor, LocalDate endedOn,
                    String endReason, List<InstalmentView> instalments) {
        this(id, accountId, customerId, currency, coveredMinor, downMinor, feeMinor, instalmentCount, frequency,
                graceDays, state, madeBy, madeAt, startedOn, paidMinor, endedOn, endReason, instalments, coveredMinor);
    }

    /** Returns true when the plan covers only part of the balance it was made on. */
    public boolean partial() {
        return coveredMinor < balanceMinor;
    }

    /** One instalment (number 0 is the down payment): DUE, PAID or MISSED. */
    public record InstalmentView(int number, LocalDate dueOn, long amountMinor, String state) {
    }
}
