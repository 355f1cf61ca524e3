package dev.arrears.compliance;

import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.shared.Channel;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What compliance stores about one customer, as the guard reads it: the flags that stand for all of the
 * customer's debts, those that stand for single debts (by debt id: the account id as a decimal string), and the
 * stated contact times. {@link #debtor} turns them into the guard's {@link Debtor} for a contact about one debt,
 * merged with what the caller knows from the ledger (zones, opt-outs, consents, region).
 */
public record CustomerFacts(long customerId, Set<Flag> flags, Map<String, Set<Flag>> debtFlags,
                            List<LocalTimeRange> inconvenientTimes, List<InstantRange> consentedTimes) {

    public CustomerFacts {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
        debtFlags = Map.copyOf(debtFlags);
        inconvenientTimes = List.copyOf(inconvenientTimes);
        consentedTimes = List.copyOf(consentedTimes);
    }

    /** Returns the facts of a customer of whom nothing is stored. */
    public static CustomerFacts none(long customerId) {
        return new CustomerFacts(customerId, Set.of(), Map.of(), List.of(), List.of());
    }

    /** Returns the debts with a dispute of their own (per-debt DISPUTE_OPEN), sorted. */
    public Set<String> disputedDebtIds() {
        Set<String> ids = new TreeSet<>();
        debtFlags.forEach((debt, set) -> {
            if (set.contains(Flag.DISPUTE_OPEN)) {
                ids.add(debt);
            }
        });
        return ids;
    }

    /**
     * Returns the guard's debtor for a contact about one debt (null: about no debt in particular): the
     * customer-wide flags plus that debt's own flags (a debt's dispute stays in {@code disputedDebtIds}, which
     * lists every disputed debt), and the stored times. Zones, opt-outs, consents and region are left empty.
     */
    public Debtor debtor(String debtId) {
        return debtor(debtId, List.of(), List.of(), Set.of(), null);
    }

    /** Returns the guard's debtor for a contact about one debt, merged with what the caller knows. */
    public Debtor debtor(String debtId, List<ZoneId> timeZones, List<OptOut> optOuts, Set<Channel> consents,
                         String region) {
        Set<Flag> all = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
        Set<Flag> own = debtId == null ? null : debtFlags.get(debtId);
        if (own != null) {
            for (Flag flag : own) {
                if (flag != Flag.DISPUTE_OPEN) {
                    all.add(flag);
                }
            }
        }
        return new Debtor(timeZones, all, disputedDebtIds(), optOuts, consents, consentedTimes, inconvenientTimes,
                region);
    }
}
