package dev.arrears.strategy;

import java.time.Instant;

/**
 * A strategy version was created, activated or rolled back: name, version, what happened, by whom, and the SHA-256
 * of the version's YAML. Published inside the writing transaction.
 */
public record StrategyChanged(String name, int version, Change change, String actor, String yamlSha256,
                              Instant at) {

    /** What happened to the version. */
    public enum Change { CREATED, ACTIVATED, ROLLED_BACK }
}
