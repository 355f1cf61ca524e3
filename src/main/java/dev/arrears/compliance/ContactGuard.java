package dev.arrears.compliance;

import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Guard;
import dev.arrears.compliance.domain.ProfileSelector;
import dev.arrears.compliance.domain.ProfileSelector.Choice;
import dev.arrears.compliance.domain.Verdict;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The guard at the door for real contacts: selects the debtor's jurisdiction profile, adds the debtor's stored
 * flags and contact times to what the caller knows, evaluates at this moment of the clock, stores every verdict
 * (with its event for the audit trail) in the caller's transaction, and hands out a {@link Clearance} only with an
 * ALLOW. Channels demand a clearance, so nothing is sent without an ALLOW a moment before.
 */
@Service
public class ContactGuard {

    private final JurisdictionProfiles profiles;
    private final ProfileSelector selector;
    private final DebtorFacts facts;
    private final VerdictLog verdicts;
    private final Clock clock;
    private volatile Function<ContactCheck, Verdict> substitute;

    ContactGuard(JurisdictionProfiles profiles, ProfileSelector selector, DebtorFacts facts, VerdictLog verdicts,
                 Clock clock) {
        this.profiles = profiles;
        this.selector = selector;
        this.facts = facts;
        this.verdicts = verdicts;
        this.clock = clock;
        Set<String> missing = new LinkedHashSet<>(selector.profiles());
        missing.removeAll(profiles.ids());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the profile selection names profiles that are not loaded: " + missing
                    + "; loaded: " + profiles.ids());
        }
    }

    /** Checks one contact now, stores the verdict and returns it with a clearance when allowed. */
    public Checked check(ContactCheck check) {
        return checkAll(List.of(check)).getFirst();
    }

    /** Checks many contacts now (one read of flags, one write of verdicts) and returns them in order. */
    public List<Checked> checkAll(List<ContactCheck> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, CustomerFacts> known = facts.facts(checks.stream().map(ContactCheck::customerId).distinct()
                .toList());
        List<VerdictEntry> entries = new ArrayList<>(checks.size());
        List<Evaluated> evaluated = new ArrayList<>(checks.size());
        for (ContactCheck check : checks) {
            Evaluated e = evaluate(check, known.getOrDefault(check.customerId(), CustomerFacts.none(
                    check.customerId())), now);
            evaluated.add(e);
            entries.add(VerdictEntry.of(check.accountId(), check.customerId(), check.contactKey(),
                    Integer.toString(e.guard.profile().version()), e.request, e.verdict));
        }
        long[] ids = verdicts.recordAll(entries);
        List<Checked> out = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            ContactCheck check = checks.get(i);
            Evaluated e = evaluated.get(i);
            Clearance clearance = e.verdict.allowed()
                    ? new Clearance(ids[i], check.contactKey(), check.channel(), now) : null;
            out.add(new Checked(ids[i], e.guard.profile().id(), e.verdict, clearance));
        }
        return out;
    }

    /** Returns the profile id that applies to a selection (for display and for callers that ask in advance). */
    public String profileFor(Selection selection) {
        return choose(selection).profile();
    }

    private Evaluated evaluate(ContactCheck check, CustomerFacts customer, Instant now) {
        Choice choice = choose(check.selection());
        Guard guard = profiles.require(choice.profile());
        Selection s = check.selection();
        Debtor debtor = customer.debtor(check.debtId(), check.timeZones(), check.optOuts(), check.consents(),
                s == null ? null : s.region());
        ContactRequest request = new ContactRequest(choice.profile(), check.channel(), now, check.purpose(),
                check.debtId(), check.recipient(), check.address(), check.message(), check.automated(),
                choice.debtType(), debtor, check.history());
        Function<ContactCheck, Verdict> decide = substitute;
        return new Evaluated(guard, request, decide == null ? guard.evaluate(request) : decide.apply(check));
    }

    /**
     * Substitutes the rules' verdict for tests of callers (dispatch, call tasks) that need a given answer for a given
     * contact; the substitute's verdict is still stored and announced, and still yields a clearance only for an
     * ALLOW. Null restores the rules. Package-private: reachable only from tests in this package.
     */
    void decideWith(Function<ContactCheck, Verdict> decide) {
        this.substitute = decide;
    }

    private Choice choose(Selection s) {
        if (s == null) {
            return selector.select(null, null, null, null, null);
        }
        return selector.select(s.country(), s.region(), s.productLine(),
                s.collectorRole() == null ? null : s.collectorRole().name(), s.debtType());
    }

    private record Evaluated(Guard guard, ContactRequest request, Verdict verdict) {
    }
}
