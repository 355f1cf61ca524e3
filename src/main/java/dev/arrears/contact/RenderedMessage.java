package dev.arrears.contact;

import dev.arrears.shared.Channel;

/**
 * A template rendered for one account: the parts its channel has (the others are null), whether it carries the
 * opt-out line the compliance guard looks for, and for SMS the encoding and segment count.
 *
 * <ul>
 *   <li>SMS: {@code body}; {@code sms} is present</li>
 *   <li>EMAIL: {@code subject} (one line), {@code html}, {@code text}</li>
 *   <li>PUSH: {@code title} (one line), {@code body}</li>
 *   <li>LETTER: {@code html}, an XHTML document for the PDF renderer</li>
 *   <li>CALL: {@code body}, the collector's script</li>
 * </ul>
 *
 * @param versionId the stored version rendered, to record with the message
 * @param hasOptOut true when every message part of an SMS or e-mail carries the opt-out line (and for e-mail its
 *                  link's text); always false for push, letters and call scripts
 */
public record RenderedMessage(String template, Channel channel, long versionId, int version, String locale,
                              String subject, String title, String body, String html, String text,
                              boolean hasOptOut, SmsParts sms) {

    /**
     * How an SMS body travels: GSM 03.38 7-bit when every character is in its alphabet (extension characters
     * such as € and { count twice), else UCS-2 (Chinese). {@code units} are septets for GSM-7 and UTF-16 code
     * units for UCS-2; a message longer than one segment (160 septets, 70 units) is split into segments of 153
     * septets or 67 units, never inside an escape pair or a surrogate pair.
     *
     * @param maxSegments the template's hard limit
     */
    public record SmsParts(Encoding encoding, int units, int segments, int maxSegments) {

        /** Returns true when the message fits the template's segment limit. */
        public boolean withinLimit() {
            return segments <= maxSegments;
        }
    }

    /** SMS data coding: GSM 03.38 default alphabet or UCS-2. */
    public enum Encoding { GSM_7, UCS_2 }
}
