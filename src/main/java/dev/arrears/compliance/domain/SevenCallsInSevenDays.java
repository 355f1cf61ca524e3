package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * Reg F's call frequency presumption (12 CFR 1006.14(b)(2)(i)(A)): an outbound call is refused if, counting it,
 * more than {@code limit} outbound calls about the same debt would fall within {@code days} consecutive local
 * calendar days, the proposed call's day and the days before it. Calls that never reached the network
 * ({@code NOT_CONNECTED}) and inbound calls do not count; a call with no recorded outcome does. Deferred to the
 * window's opening on the first day the count falls below the limit.
 */
record SevenCallsInSevenDays(int limit, int days) implements Rule {

    /** How far ahead, in days, a day with room is looked for. */
    static final int LOOK_AHEAD_DAYS = 60;

    @Override
    public RuleId id() {
        return RuleId.SEVEN_IN_SEVEN;
    }

    @Override
    public boolean readsInstant() {
        return true;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        if (facts.request.channel() != Channel.CALL) {
            return null;
        }
        long day = facts.day(t);
        int placed = count(facts, day);
        if (placed < limit) {
            return null;
        }
        long free = day + 1;
        while (count(facts, free) >= limit && free < day + LOOK_AHEAD_DAYS) {
            free++;
        }
        return Finding.defer(facts.opening(facts.startOfDay(free)), placed + " calls about " + facts.debtName()
                + " were already placed in the " + days + " local days " + Facts.date(day - days + 1) + " to "
                + Facts.date(day) + " (" + facts.firstZone + "); another would make more than " + limit + " in "
                + days + " days. The next call about it may be made on " + Facts.date(free) + ".");
    }

    /** Returns how many counted calls about the debt fall in the days ending with {@code day}. */
    private int count(Facts facts, long day) {
        List<Attempt> history = facts.request.history();
        long first = day - days + 1;
        int count = 0;
        for (int i = 0; i < history.size(); i++) {
            Attempt attempt = history.get(i);
            if (Facts.outboundCall(attempt) && attempt.outcome() != Outcome.NOT_CONNECTED
                    && facts.aboutRequestedDebt(attempt)) {
                long d = facts.historyDay(i);
                if (d >= first && d <= day) {
                    count++;
                }
            }
        }
        return count;
    }
}
