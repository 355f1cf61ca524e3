package dev.arrears.compliance.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The guard's answer: the strictest decision of all reasons; {@code notBefore} is present only with DEFER and is
 * the earliest instant at which the same facts allow the contact. An ALLOW has no reasons.
 */
public record Verdict(Decision decision, Instant notBefore, List<Reason> reasons) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        if ((decision == Decision.DEFER) != (notBefore != null)) {
            throw new IllegalArgumentException("notBefore is present exactly with DEFER");
        }
    }

    public static final Verdict ALLOW = new Verdict(Decision.ALLOW, null, List.of());

    /** ALLOW < DEFER < BLOCK: the strictest wins. */
    public enum Decision { ALLOW, DEFER, BLOCK }

    /** One rule that refused or deferred: {@code US-REGF/contact-window}, its citation and a clear message. */
    public record Reason(String rule, String citation, String message) {
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }
}
