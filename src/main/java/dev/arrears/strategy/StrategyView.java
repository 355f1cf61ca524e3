package dev.arrears.strategy;

import java.time.Instant;

/**
 * A strategy name with its latest version and the version active now.
 *
 * @param description   the active version's description, else the latest's (null when it has none)
 * @param activeVersion the active version's number; null when no version of the name is active
 * @param updatedAt     when the latest version was stored
 */
public record StrategyView(String name, String description, Integer activeVersion, Long activeVersionId,
                           Instant activatedAt, String activatedBy, int latestVersion, Instant updatedAt) {
}
