package dev.arrears.contact.sms;

/**
 * The SMSC accepted one part of a message: its submit_sm_resp carried {@code messageId}. Reported the moment the
 * response arrives and before the next part is submitted, so the dispatch can store the id first.
 *
 * @param jobKey    the job the message belongs to
 * @param sequence  the part, 1-based
 * @param parts     the number of parts of the message
 * @param messageId the SMSC message id of this part, which its delivery receipt will name
 */
public record PartAccepted(String jobKey, int sequence, int parts, String messageId) {
}
