package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * The CN cap on connected calls: at most {@code limit} outbound calls per debtor per local day that connected
 * ({@code CONVERSATION} or {@code WRONG_PARTY}; a call with no recorded outcome counts too), on any number and
 * about any debt. Deferred to the window's opening on the next local day.
 */
record ConnectedCallsPerDay(int limit) implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CN_CONNECTED_CALLS;
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
        List<Attempt> history = facts.request.history();
        int connected = 0;
        for (int i = 0; i < history.size(); i++) {
            Attempt attempt = history.get(i);
            Outcome outcome = attempt.outcome();
            if (Facts.outboundCall(attempt)
                    && (outcome == null || outcome == Outcome.CONVERSATION || outcome == Outcome.WRONG_PARTY)
                    && facts.historyDay(i) == day) {
                connected++;
            }
        }
        if (connected < limit) {
            return null;
        }
        return Finding.defer(facts.opening(facts.startOfDay(day + 1)), connected + " calls to the debtor already "
                + "connected on " + Facts.date(day) + " (" + facts.firstZone + "); at most " + limit
                + " connected calls a day. The next call may be made on " + Facts.date(day + 1) + ".");
    }
}
