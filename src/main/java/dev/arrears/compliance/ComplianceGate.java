package dev.arrears.compliance;

import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.NotFoundException;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The compliance guard's façade: evaluates a proposed contact under its jurisdiction profile and lists the
 * profiles in force. No contact leaves Arrears without an ALLOW from here a moment before. Evaluation is pure:
 * the verdict depends on the request (its instant included) and the profiles only.
 */
@Service
public class ComplianceGate {

    private final JurisdictionProfiles profiles;

    public ComplianceGate(JurisdictionProfiles profiles) {
        this.profiles = profiles;
    }

    /** Evaluates a request; an unknown profile is a 400 at {@code /jurisdiction}. */
    public Verdict evaluate(ContactRequest request) {
        return profiles.require(request.jurisdiction()).evaluate(request);
    }

    /** Returns a profile by id, or throws 404. */
    public Profile profile(String id) {
        var guard = profiles.guard(id);
        if (guard == null) {
            throw new NotFoundException(profiles.unknown(id));
        }
        return guard.profile();
    }

    /** Returns every profile in force, sorted by id. */
    public List<Profile> profiles() {
        return profiles.all();
    }
}
