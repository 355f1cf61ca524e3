package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.Rule.Finding;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compliance guard of one profile: evaluates a proposed contact at its instant against every rule the profile
 * applies (only the contact window and holds for commercial debts) and returns the strictest decision. A BLOCK
 * lists the rules that block; an ALLOW has no reasons. A DEFER's {@code notBefore} satisfies every rule at once:
 * the guard moves to the latest instant the deferring rules name and evaluates again until every rule allows
 * (DEFER, listing every rule that deferred on the way) or one blocks (BLOCK); if no such instant comes within
 * {@value #HORIZON_DAYS} days the contact is blocked. Pure and thread-safe: one guard serves every request of its
 * profile.
 */
public final class Guard {

    /** How far after the request's instant, in days, a DEFER may point before the guard blocks instead. */
    public static final int HORIZON_DAYS = 45;

    /** How many re-evaluations a DEFER may take before the guard blocks instead. */
    private static final int MAX_ROUNDS = 200;

    private final Profile profile;
    private final Rule[] consumerRules;
    private final Rule[] commercialRules;
    private final String[][] names;

    private Guard(Profile profile) {
        this.profile = profile;
        List<Rule> consumer = new ArrayList<>();
        List<Rule> commercial = new ArrayList<>();
        for (Map.Entry<RuleId, Profile.RuleSetting> entry : profile.rules().entrySet()) {
            Rule rule = Rule.of(entry.getKey(), entry.getValue());
            consumer.add(rule);
            if (entry.getKey() == RuleId.CONTACT_WINDOW || entry.getKey() == RuleId.HOLD) {
                commercial.add(rule);
            }
        }
        this.consumerRules = consumer.toArray(Rule[]::new);
        this.commercialRules = commercial.toArray(Rule[]::new);
        this.names = new String[RuleId.values().length][];
        profile.rules().forEach((id, setting) ->
                names[id.ordinal()] = new String[] {profile.ruleName(id), setting.citation()});
    }

    /** Returns the guard of a profile. */
    public static Guard of(Profile profile) {
        return new Guard(profile);
    }

    /** Returns the profile this guard applies. */
    public Profile profile() {
        return profile;
    }

    /** Evaluates a request made under this guard's profile at the request's instant. */
    public Verdict evaluate(ContactRequest request) {
        if (!profile.id().equals(request.jurisdiction())) {
            throw new IllegalArgumentException("request for " + request.jurisdiction() + " given to the guard of "
                    + profile.id());
        }
        Rule[] rules = request.debtType() == DebtType.COMMERCIAL ? commercialRules : consumerRules;
        Facts facts = new Facts(request, profile);
        Finding[] found = new Finding[rules.length];
        Instant at = request.at();
        Decision decision = check(rules, facts, at, found, false);
        if (decision == Decision.ALLOW) {
            return Verdict.ALLOW;
        }
        if (decision == Decision.BLOCK) {
            return new Verdict(Decision.BLOCK, null, reasons(rules, found, Decision.BLOCK, null));
        }
        Finding[] deferrals = new Finding[rules.length];
        Instant horizon = at.plus(Duration.ofDays(HORIZON_DAYS));
        Instant t = at;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant next = t;
            for (int i = 0; i < rules.length; i++) {
                Finding finding = found[i];
                if (finding != null && finding.decision() == Decision.DEFER) {
                    if (deferrals[i] == null) {
                        deferrals[i] = finding;
                    }
                    if (finding.notBefore().isAfter(next)) {
                        next = finding.notBefore();
                    }
                }
            }
            // A rule that defers must name a later instant; a second on is the least step that makes progress.
            t = next.isAfter(t) ? next : t.plusSeconds(1);
            if (t.isAfter(horizon)) {
                break;
            }
            // Rules that do not read the instant allowed at the request's instant and allow at every other.
            decision = check(rules, facts, t, found, true);
            if (decision == Decision.ALLOW) {
                return new Verdict(Decision.DEFER, t, reasons(rules, deferrals, Decision.DEFER, null));
            }
            if (decision == Decision.BLOCK) {
                return new Verdict(Decision.BLOCK, null, reasons(rules, found, Decision.BLOCK, null));
            }
        }
        return new Verdict(Decision.BLOCK, null, reasons(rules, deferrals, Decision.DEFER,
                " No moment in the next " + HORIZON_DAYS + " days satisfies every rule at once, so the contact is "
                        + "blocked."));
    }

    /**
     * Checks the rules (only those reading the instant when {@code timedOnly}) at an instant into {@code found}
     * and returns the strictest decision.
     */
    private static Decision check(Rule[] rules, Facts facts, Instant t, Finding[] found, boolean timedOnly) {
        Decision worst = Decision.ALLOW;
        for (int i = 0; i < rules.length; i++) {
            if (timedOnly && !rules[i].readsInstant()) {
                found[i] = null;
                continue;
            }
            Finding finding = rules[i].check(facts, t);
            found[i] = finding;
            if (finding != null && finding.decision().compareTo(worst) > 0) {
                worst = finding.decision();
            }
        }
        return worst;
    }

    /** Returns the reasons of the findings with a decision, in rule order, each message with an optional suffix. */
    private List<Reason> reasons(Rule[] rules, Finding[] found, Decision decision, String suffix) {
        List<Reason> reasons = new ArrayList<>(2);
        for (int i = 0; i < rules.length; i++) {
            Finding finding = found[i];
            if (finding != null && finding.decision() == decision) {
                String[] name = names[rules[i].id().ordinal()];
                reasons.add(new Reason(name[0], name[1],
                        suffix == null ? finding.message() : finding.message() + suffix));
            }
        }
        return reasons;
    }
}
