package dev.arrears.contact.sms;

import java.util.List;
import java.util.Objects;

/**
 * One message for {@link SmppSender}: the job's idempotency key (it also fixes the concatenation reference, so
 * the parts of a resumed message reassemble with those sent before), the sender (E.164, short code or a name of
 * at most 11 characters; null for the configured source address), the recipient in E.164 and the text. {@code
 * acceptedPartIds} holds the SMSC ids of the leading parts that an earlier attempt already had accepted: those
 * parts are not sent again.
 */
public record SmsRequest(String jobKey, String from, String toE164, String text, List<String> acceptedPartIds) {

    public SmsRequest {
        Objects.requireNonNull(jobKey, "jobKey");
        Objects.requireNonNull(toE164, "toE164");
        Objects.requireNonNull(text, "text");
        acceptedPartIds = List.copyOf(acceptedPartIds);
    }

    /** Returns a request for a message of which no part has been accepted yet. */
    public static SmsRequest of(String jobKey, String from, String toE164, String text) {
        return new SmsRequest(jobKey, from, toE164, text, List.of());
    }
}
