package dev.arrears.contact;

import java.util.Map;

/**
 * A new version of a template as written: the texts per locale and part ({@code {"zh-CN": {"body": "…"}}}), an
 * optional description, and for SMS the hard segment limit (default 3). Validated as a whole when stored.
 *
 * @param maxSegments SMS only: the most segments a message may take with the longest sample values; null for the
 *                    default of 3
 * @param locales     locale tag → part name (subject, title, body, html, text) → text
 * @param attachBill  EMAIL only: attach the account's open bills, line by line, as a PDF (the {@code bill} letter
 *                    template rendered in the customer's language); null or false for none
 */
public record TemplateDraft(String description, Integer maxSegments, Map<String, Map<String, String>> locales,
                            Boolean attachBill) {

    /** A draft without an attachment. */
    public TemplateDraft(String description, Integer maxSegments, Map<String, Map<String, String>> locales) {
        this(description, maxSegments, locales, null);
    }

    /** Returns true when the draft asks for the bill as a PDF attachment. */
    public boolean attachesBill() {
        return Boolean.TRUE.equals(attachBill);
    }
}
