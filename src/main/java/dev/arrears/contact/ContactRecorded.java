package dev.arrears.contact;

import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * A contact entered the history: a message a provider accepted, a call dialled or its outcome. Ids only, no
 * personal data; {@code verdictId} is the guard's verdict that allowed it. Published inside the recording
 * transaction.
 */
public record ContactRecorded(long attemptId, long customerId, Long accountId, Channel channel, String kind,
                              String contactKey, Long verdictId, Instant at) {
}
