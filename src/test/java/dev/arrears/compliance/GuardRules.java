package dev.arrears.compliance;

import dev.arrears.compliance.domain.Verdict;

import java.util.function.Function;

/** Test access to the provisional guard's deny hook: install a rule, and clear it after the test. */
public final class GuardRules {

    private GuardRules() {
    }

    /** Makes the guard answer with the rule's verdict (null: allow everything again). */
    public static void decideWith(ContactGuard guard, Function<ContactCheck, Verdict> rule) {
        guard.decideWith(rule);
    }
}
