package dev.arrears.ledger;

import dev.arrears.shared.Channel;

import java.time.Instant;

/**
 * A customer opted out of a channel or consented to it again, on one address ({@code addressSha256}: the SHA-256
 * hex of the address, trimmed and lower-cased, so that the event carries no personal data) or on every contact
 * point of the channel ({@code addressSha256} null); where the request came from, who made it and when. Published
 * inside the writing transaction, only when something changed.
 */
public record ContactPreferenceChanged(long customerId, Channel channel, String addressSha256, boolean optedOut,
                                       Source source, String actor, Instant at) {

    /** Where a preference came from: the e-mail opt-out link, an SMS STOP reply, an agent, the API. */
    public enum Source { EMAIL_LINK, SMS_STOP, AGENT, API }
}
