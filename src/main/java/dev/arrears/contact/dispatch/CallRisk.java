package dev.arrears.contact.dispatch;

import java.util.Collection;
import java.util.Map;

/** The risk weight per mille of accounts for the priority of their calls (an account absent: neutral). */
@FunctionalInterface
public interface CallRisk {

    /** No scores: every account neutral. */
    CallRisk NEUTRAL = ids -> Map.of();

    /** Returns the risk weight per mille of the accounts that have one, by account id. */
    Map<Long, Integer> perMille(Collection<Long> accountIds);
}
