package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * Reg F's conversation block (12 CFR 1006.14(b)(2)(i)(B)): after a telephone conversation (inbound or outbound)
 * about a debt, no outbound call about that debt through the {@code days}-th local day, the conversation's day
 * being day 1. Debts not discussed are not blocked; a conversation whose debts are unknown blocks every debt.
 * Deferred to the window's opening on the day after the block.
 */
record ConversationBlock(int days) implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CONVERSATION_BLOCK;
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
        long latest = Long.MIN_VALUE;
        List<Attempt> history = facts.request.history();
        for (int i = 0; i < history.size(); i++) {
            Attempt attempt = history.get(i);
            if (attempt.channel() == Channel.CALL && attempt.outcome() == Outcome.CONVERSATION
                    && facts.aboutRequestedDebt(attempt)) {
                long talked = facts.historyDay(i);
                if (talked <= day && day < talked + days && talked > latest) {
                    latest = talked;
                }
            }
        }
        if (latest == Long.MIN_VALUE) {
            return null;
        }
        long free = latest + days;
        return Finding.defer(facts.opening(facts.startOfDay(free)), "A telephone conversation about "
                + facts.debtName() + " took place on " + Facts.date(latest) + " (" + facts.firstZone
                + "): no call about it through " + Facts.date(free - 1) + ", day " + days
                + " counting the conversation's day as day 1.");
    }
}
