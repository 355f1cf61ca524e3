package dev.arrears.contact;

import java.util.Map;

/**
 * A new version of a template as written: the texts per locale and part ({@code {"zh-CN": {"body": "…"}}}), an
 * optional description, and for SMS the hard segment limit (default 3). Validated as a whole when stored.
 *
 * @param maxSegments SMS only: the most segments a message may take with the longest sample values; null for the
 *                    default of 3
 * @param locales     locale tag → part name (subject, title, body, html, text) → text
 */
public record TemplateDraft(String description, Integer maxSegments, Map<String, Map<String, String>> locales) {
}
