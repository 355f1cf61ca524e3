package dev.arrears.compliance;

import dev.arrears.compliance.domain.Verdict;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * PROVISIONAL, replaced at merge by the real guard: asks about real contacts at the clock's instant and answers
 * with a {@link Checked} whose clearance exists only for an ALLOW. This stand-in allows everything unless a test
 * installed a rule (package-private hook, see the tests' {@code GuardRules}); it stores nothing (verdict ids come from a counter seeded by the clock).
 */
@Service
public class ContactGuard {

    private static final Function<ContactCheck, Verdict> ALLOW_ALL = check -> Verdict.ALLOW;

    private final Clock clock;
    private final AtomicLong verdictIds;
    private volatile Function<ContactCheck, Verdict> rules = ALLOW_ALL;

    public ContactGuard(Clock clock) {
        this.clock = clock;
        // Milliseconds × 1000: ids that grow across restarts of one node (provisional)
        this.verdictIds = new AtomicLong(clock.millis() * 1000);
    }

    /** Evaluates one real contact now and returns the stored verdict, with a clearance when allowed. */
    public Checked check(ContactCheck check) {
        return checked(check, clock.instant());
    }

    /** Evaluates real contacts now, in order, and returns their stored verdicts. */
    public List<Checked> checkAll(List<ContactCheck> checks) {
        Instant now = clock.instant();
        return checks.stream().map(c -> checked(c, now)).toList();
    }

    private Checked checked(ContactCheck check, Instant now) {
        Verdict verdict = Objects.requireNonNull(rules.apply(check), "verdict");
        long id = verdictIds.incrementAndGet();
        Clearance clearance = verdict.allowed() ? new Clearance(id, check.contactKey(), check.channel(), now) : null;
        return new Checked(id, "PROVISIONAL", verdict, clearance);
    }

    /** Installs a rule for tests (null: allow everything again); provisional, gone with this class at merge. */
    void decideWith(Function<ContactCheck, Verdict> rule) {
        this.rules = rule == null ? ALLOW_ALL : rule;
    }
}
