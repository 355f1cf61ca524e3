package dev.arrears.strategy.web;

import dev.arrears.strategy.StrategyVersionView;
import dev.arrears.strategy.StrategyView;
import dev.arrears.strategy.ValidationReport;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the strategy API; times are ISO-8601 instants in UTC. */
final class StrategyJson {

    private StrategyJson() {
    }

    /** A strategy in the list, or after an activation or roll-back. */
    record StrategyItemJson(String name, String description, Integer activeVersion, String activatedAt,
                         String activatedBy, int latestVersion, String updatedAt) {
    }

    /** A version with its document. */
    record VersionJson(long id, String name, int version, String description, String createdAt, String createdBy,
                       boolean active, Integer activeVersion, int latestVersion, String document) {
    }

    /** A version in a list of versions (without its document). */
    record VersionSummaryJson(long id, int version, String description, String createdAt, String createdBy,
                              boolean active) {
    }

    /** A valid document's report. */
    record ValidJson(boolean valid, String name, List<String> segments, List<String> reads,
                     List<Object> errors) {
    }

    static StrategyItemJson strategy(StrategyView v) {
        return new StrategyItemJson(v.name(), v.description(), v.activeVersion(), instant(v.activatedAt()),
                v.activatedBy(), v.latestVersion(), instant(v.updatedAt()));
    }

    static VersionJson version(StrategyVersionView v) {
        return new VersionJson(v.id(), v.name(), v.version(), v.description(), instant(v.createdAt()), v.createdBy(),
                v.active(), v.activeVersion(), v.latestVersion(), v.document());
    }

    static VersionSummaryJson summary(StrategyVersionView v) {
        return new VersionSummaryJson(v.id(), v.version(), v.description(), instant(v.createdAt()), v.createdBy(),
                v.active());
    }

    static ValidJson valid(ValidationReport r) {
        return new ValidJson(true, r.name(), r.segments(), r.reads(), List.of());
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
