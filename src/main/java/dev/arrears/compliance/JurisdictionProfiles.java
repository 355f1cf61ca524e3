package dev.arrears.compliance;

import dev.arrears.compliance.domain.Guard;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.profiles.ProfileFiles;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jurisdiction profiles in force, each with its guard: the shipped ones and the overrides of the directory
 * {@value #PROPERTY} names. Plain Java and immutable, so that the command line can evaluate without starting the
 * application; in the application it is a bean that {@link ComplianceGate} uses.
 */
public final class JurisdictionProfiles {

    /** The property naming a directory of profile files that replace or add to the shipped ones. */
    public static final String PROPERTY = "arrears.compliance.profiles-dir";

    private final Map<String, Guard> guards;
    private final List<Profile> profiles;

    private JurisdictionProfiles(List<Profile> profiles) {
        Map<String, Guard> byId = new LinkedHashMap<>();
        profiles.forEach(p -> byId.put(p.id(), Guard.of(p)));
        this.guards = Map.copyOf(byId);
        this.profiles = List.copyOf(profiles);
    }

    /**
     * Loads the shipped profiles and the overrides in a directory (null or blank: none); throws
     * {@link IllegalStateException} naming file, line and problem when a file is broken.
     */
    public static JurisdictionProfiles load(String overridesDir) {
        Path dir = overridesDir == null || overridesDir.isBlank() ? null : Path.of(overridesDir.strip());
        return new JurisdictionProfiles(ProfileFiles.load(dir).stream().map(ProfileFiles.Loaded::profile).toList());
    }

    /** Returns a catalogue of the given profiles (tests, tools). */
    public static JurisdictionProfiles of(List<Profile> profiles) {
        return new JurisdictionProfiles(profiles);
    }

    /** Returns every profile, sorted by id. */
    public List<Profile> all() {
        return profiles;
    }

    /** Returns the ids of the profiles. */
    public Set<String> ids() {
        return guards.keySet();
    }

    /** Returns the guard of a profile, or null when there is no such profile. */
    public Guard guard(String id) {
        return id == null ? null : guards.get(id);
    }

    /** Returns the guard of the request's profile, or throws a 400 at {@code /jurisdiction} when it is unknown. */
    public Guard require(String id) {
        Guard guard = guard(id);
        if (guard == null) {
            throw new InvalidInputException(FieldError.at("/jurisdiction", unknown(id)));
        }
        return guard;
    }

    /** Returns the message for an unknown profile id. */
    String unknown(String id) {
        return "unknown jurisdiction profile '" + id + "'; known: " + String.join(", ",
                profiles.stream().map(Profile::id).toList());
    }
}
