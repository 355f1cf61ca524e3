package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Massachusetts' call cap for creditors (940 CMR 7.04(1)(f)): a debtor residing in one of the rule's regions
 * ({@code US-MA}) gets at most {@code limit} calls in each {@code days} consecutive local days, about any debt. It
 * counts calls as the 7-in-7 rule does (outbound, every outcome but {@code NOT_CONNECTED}), which is stricter
 * than counting only calls that reached the debtor. Debtors of unknown region are not limited by it. Deferred to
 * the window's opening on the first day with room.
 */
record MassachusettsCallLimit(int limit, int days, Set<String> regions) implements Rule {

    @Override
    public RuleId id() {
        return RuleId.MA_TWO_IN_SEVEN;
    }

    @Override
    public boolean readsInstant() {
        return true;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        if (facts.request.channel() != Channel.CALL || !resident(facts.request.debtor().region())) {
            return null;
        }
        long day = facts.day(t);
        int placed = count(facts, day);
        if (placed < limit) {
            return null;
        }
        long free = day + 1;
        while (count(facts, free) >= limit && free < day + SevenCallsInSevenDays.LOOK_AHEAD_DAYS) {
            free++;
        }
        return Finding.defer(facts.opening(facts.startOfDay(free)), placed + " calls were already placed to this "
                + "debtor in the " + days + " local days " + Facts.date(day - days + 1) + " to " + Facts.date(day)
                + " (" + facts.firstZone + "); residents of " + String.join(", ", regions.stream().sorted().toList())
                + " may get at most " + limit + " calls in " + days + " days. The next call may be made on "
                + Facts.date(free) + ".");
    }

    private boolean resident(String region) {
        return regions.isEmpty() || region != null && regions.contains(region.toUpperCase(Locale.ROOT));
    }

    private int count(Facts facts, long day) {
        List<Attempt> history = facts.request.history();
        long first = day - days + 1;
        int count = 0;
        for (int i = 0; i < history.size(); i++) {
            Attempt attempt = history.get(i);
            if (Facts.outboundCall(attempt) && attempt.outcome() != Outcome.NOT_CONNECTED) {
                long d = facts.historyDay(i);
                if (d >= first && d <= day) {
                    count++;
                }
            }
        }
        return count;
    }
}
