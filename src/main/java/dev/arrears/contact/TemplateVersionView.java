package dev.arrears.contact;

import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.Map;

/**
 * One stored version of a template with its texts exactly as written.
 *
 * @param id            the version's id, which rendered messages name
 * @param maxSegments   SMS: the segment limit (null for other channels)
 * @param sha256        hex SHA-256 of the version's canonical content (see {@link Templates#sha256})
 * @param locales       locale → part (subject, title, body, html, text) → text
 * @param activeVersion the template's active version now; null when none is
 * @param attachBill    EMAIL: the open bills go along as a PDF attachment
 */
public record TemplateVersionView(long id, String name, Channel channel, int version, String description,
                                  Integer maxSegments, String sha256, Instant createdAt, String createdBy,
                                  Map<String, Map<String, String>> locales, Integer activeVersion,
                                  boolean attachBill) {

    /** Returns true when this is the template's active version. */
    public boolean active() {
        return activeVersion != null && activeVersion == version;
    }
}
