package dev.arrears.contact;

import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * A template (a name and a channel) with its latest version and the version active now.
 *
 * @param activeVersion the active version's number; null when no version is active
 * @param updatedAt     when the latest version was stored
 */
public record TemplateView(String name, Channel channel, Integer activeVersion, Long activeVersionId,
                           Instant activatedAt, String activatedBy, int latestVersion, Instant updatedAt) {
}
