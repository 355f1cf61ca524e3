package dev.arrears.compliance;

import dev.arrears.compliance.domain.Verdict;

import java.util.Optional;

/** The stored verdict on one real contact; the clearance is present exactly when the verdict is ALLOW. */
public record Checked(long verdictId, String profile, Verdict verdict, Clearance clearance) {

    public Checked {
        if (verdict.allowed() != (clearance != null)) {
            throw new IllegalArgumentException("a clearance comes exactly with an ALLOW");
        }
    }

    public Optional<Clearance> clearanceIfAllowed() {
        return Optional.ofNullable(clearance);
    }
}
