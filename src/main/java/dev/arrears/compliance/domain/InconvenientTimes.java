package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Rule.Finding;

import java.time.Instant;

/**
 * Inconvenient times: local time ranges the debtor asked us to avoid lie outside the window. The debtor's local
 * time is not known for sure when several zones are candidates, so a range is avoided in every candidate zone, as
 * the window is kept in every one. Deferred to the end of the range (in all zones); blocked when the ranges leave
 * no time free within {@value Facts#SEARCH_DAYS} days.
 */
record InconvenientTimes() implements Rule {

    @Override
    public RuleId id() {
        return RuleId.INCONVENIENT_TIME;
    }

    @Override
    public boolean readsInstant() {
        return true;
    }

    @Override
    public Finding check(Facts facts, Instant t) {
        if (!facts.timed || !facts.hasInconvenientTimes()) {
            return null;
        }
        int zone = facts.zoneInconvenient(t);
        if (zone < 0) {
            return null;
        }
        LocalTimeRange range = facts.inconvenientRange(zone, t);
        Instant next = facts.next(t, false, true);
        if (next == null) {
            return Finding.block("The times the debtor asked us to avoid leave no time free in the next "
                    + Facts.SEARCH_DAYS + " days; ask the debtor for a convenient time.");
        }
        return Finding.defer(next, "The debtor asked not to be contacted from " + range.from() + " to "
                + range.to() + " local time, and it is " + facts.localTime(zone, t) + " in " + facts.zones[zone]
                + ".");
    }
}
