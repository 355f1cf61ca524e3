package dev.arrears.strategy;

import java.time.Instant;

/**
 * One stored version of a strategy: its document exactly as written, who stored it, and where the name stands.
 *
 * @param id            the version's id, which planned actions refer to
 * @param activeVersion the name's active version now; null when none is active
 * @param latestVersion the name's latest version now
 */
public record StrategyVersionView(long id, String name, int version, String description, Instant createdAt,
                                  String createdBy, String document, Integer activeVersion, int latestVersion) {

    /** Returns true when this is the name's active version. */
    public boolean active() {
        return activeVersion != null && activeVersion == version;
    }
}
