package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * The CN cap on unanswered attempts: at most {@code limit} outbound call attempts per phone number per local day
 * that went unanswered ({@code NO_ANSWER}, {@code VOICEMAIL}, {@code NOT_CONNECTED}; a call with no recorded
 * outcome counts too). Another number of the same debtor is still allowed; a request that names no number counts
 * the attempts on every number. Deferred to the window's opening on the next local day.
 */
record UnansweredCallsPerNumber(int limit) implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CN_UNANSWERED_CALLS;
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
        String number = facts.request.address() == null ? null : facts.request.address().value();
        long day = facts.day(t);
        List<Attempt> history = facts.request.history();
        int unanswered = 0;
        for (int i = 0; i < history.size(); i++) {
            Attempt attempt = history.get(i);
            Outcome outcome = attempt.outcome();
            if (Facts.outboundCall(attempt) && (outcome == null || outcome == Outcome.NO_ANSWER
                    || outcome == Outcome.VOICEMAIL || outcome == Outcome.NOT_CONNECTED)
                    && (number == null || Addresses.same(number, attempt.address()))
                    && facts.historyDay(i) == day) {
                unanswered++;
            }
        }
        if (unanswered < limit) {
            return null;
        }
        return Finding.defer(facts.opening(facts.startOfDay(day + 1)), unanswered + " call attempts to "
                + (number == null ? "the debtor" : "this number") + " already went unanswered on " + Facts.date(day)
                + " (" + facts.firstZone + "); at most " + limit + " a day per number. Try another number, or call "
                + "this one again on " + Facts.date(day + 1) + ".");
    }
}
