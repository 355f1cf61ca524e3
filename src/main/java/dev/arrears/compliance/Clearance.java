package dev.arrears.compliance;

import dev.arrears.shared.Channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Proof that the guard allowed one contact a moment ago: only the compliance module can create one, and only for
 * an ALLOW, so a channel that demands a clearance cannot send without an ALLOW. It names the contact (the caller's
 * idempotency key) and the channel, and expires shortly after it was issued.
 */
public final class Clearance {

    /** How long an ALLOW stays good for handing a message to a provider. */
    public static final Duration VALIDITY = Duration.ofSeconds(60);

    private final long verdictId;
    private final String contactKey;
    private final Channel channel;
    private final Instant issuedAt;

    Clearance(long verdictId, String contactKey, Channel channel, Instant issuedAt) {
        this.verdictId = verdictId;
        this.contactKey = Objects.requireNonNull(contactKey, "contactKey");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public long verdictId() {
        return verdictId;
    }

    public String contactKey() {
        return contactKey;
    }

    public Channel channel() {
        return channel;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return issuedAt.plus(VALIDITY);
    }

    /** Returns true when this clearance covers the contact on the channel at the instant. */
    public boolean permits(String contactKey, Channel channel, Instant now) {
        return this.contactKey.equals(contactKey) && this.channel == channel
                && !now.isBefore(issuedAt) && now.isBefore(expiresAt());
    }

    /** Throws unless this clearance covers the contact on the channel at the instant. */
    public void require(String contactKey, Channel channel, Instant now) {
        if (!permits(contactKey, channel, now)) {
            throw new IllegalStateException("no valid compliance clearance for contact " + contactKey + " on "
                    + channel + " (clearance " + this.contactKey + "/" + this.channel + ", expires " + expiresAt() + ")");
        }
    }

    @Override
    public String toString() {
        return "Clearance[verdict=" + verdictId + ", contact=" + contactKey + ", channel=" + channel + ", issued="
                + issuedAt + "]";
    }
}
