package dev.arrears.contact.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the SMPP link ({@code arrears.sms.smpp.*}).
 *
 * @param host                the SMSC host
 * @param port                the SMSC port (2775 is the usual SMPP port)
 * @param systemId            the ESME account at the SMSC (at most 15 characters)
 * @param password            its password (at most 8 characters in SMPP 3.4)
 * @param systemType          the system_type sent on bind, often empty
 * @param sourceAddress       the sender used when a message names none: E.164, short code or a name of ≤ 11
 * @param window              the most submit_sm outstanding at once (sent, response not yet read)
 * @param throttleBackoff     the first pause after ESME_RTHROTTLED or ESME_RMSGQFUL; it doubles per retry
 * @param throttleRetries     the retries of one part on throttling before it fails TRANSIENT
 * @param enquireLinkInterval idle time after which an enquire_link checks the link
 * @param bindRetry           the first pause before re-binding after a failed bind or a lost link; doubles
 * @param bindRetryMax        the longest pause between bind attempts
 * @param responseTimeout     how long to wait for a bind_resp or submit_sm_resp
 * @param unboundWait         how long a submit waits for a bind before it fails TRANSIENT
 * @param packedGsm7          whether the SMSC wants GSM-7 packed 8 septets in 7 octets (most want them unpacked)
 * @param deliveryReceipts    whether to ask for delivery receipts (registered_delivery 0x01)
 * @param smscZone            the zone of the dates in receipt texts
 */
@ConfigurationProperties("arrears.sms.smpp")
public record SmppProperties(
        @DefaultValue("localhost") String host,
        @DefaultValue("2775") int port,
        @DefaultValue("arrears") String systemId,
        @DefaultValue("") String password,
        @DefaultValue("") String systemType,
        @DefaultValue("Arrears") String sourceAddress,
        @DefaultValue("50") int window,
        @DefaultValue("100ms") Duration throttleBackoff,
        @DefaultValue("8") int throttleRetries,
        @DefaultValue("30s") Duration enquireLinkInterval,
        @DefaultValue("1s") Duration bindRetry,
        @DefaultValue("60s") Duration bindRetryMax,
        @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("10s") Duration unboundWait,
        @DefaultValue("false") boolean packedGsm7,
        @DefaultValue("true") boolean deliveryReceipts,
        @DefaultValue("UTC") ZoneId smscZone) {

    public SmppProperties {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("arrears.sms.smpp.port must be 1-65535, is " + port);
        }
        if (window < 1) {
            throw new IllegalArgumentException("arrears.sms.smpp.window must be at least 1, is " + window);
        }
        if (throttleRetries < 0) {
            throw new IllegalArgumentException("arrears.sms.smpp.throttle-retries must not be negative");
        }
        for (Duration d : new Duration[] {throttleBackoff, enquireLinkInterval, bindRetry, bindRetryMax,
                responseTimeout, unboundWait}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("arrears.sms.smpp durations must be positive");
            }
        }
        Objects.requireNonNull(smscZone, "smscZone");
    }

    /** Returns the defaults for an SMSC at host:port with this account. */
    public static SmppProperties of(String host, int port, String systemId, String password) {
        return new SmppProperties(host, port, systemId, password, "", "Arrears", 50, Duration.ofMillis(100), 8,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(10), false, true, ZoneId.of("UTC"));
    }

    /** Returns these settings with another window of outstanding submits. */
    public SmppProperties withWindow(int newWindow) {
        return new SmppProperties(host, port, systemId, password, systemType, sourceAddress, newWindow,
                throttleBackoff, throttleRetries, enquireLinkInterval, bindRetry, bindRetryMax, responseTimeout,
                unboundWait, packedGsm7, deliveryReceipts, smscZone);
    }

    /** Returns these settings with another throttling back-off and retry count. */
    public SmppProperties withThrottling(Duration backoff, int retries) {
        return new SmppProperties(host, port, systemId, password, systemType, sourceAddress, window, backoff,
                retries, enquireLinkInterval, bindRetry, bindRetryMax, responseTimeout, unboundWait, packedGsm7,
                deliveryReceipts, smscZone);
    }

    /** Returns these settings with other bind retry pauses, response timeout and wait for a bind. */
    public SmppProperties withTimings(Duration newBindRetry, Duration newBindRetryMax, Duration newResponseTimeout,
                                      Duration newUnboundWait) {
        return new SmppProperties(host, port, systemId, password, systemType, sourceAddress, window,
                throttleBackoff, throttleRetries, enquireLinkInterval, newBindRetry, newBindRetryMax,
                newResponseTimeout, newUnboundWait, packedGsm7, deliveryReceipts, smscZone);
    }

    /** Returns these settings with GSM-7 packed or unpacked. */
    public SmppProperties withPackedGsm7(boolean packed) {
        return new SmppProperties(host, port, systemId, password, systemType, sourceAddress, window,
                throttleBackoff, throttleRetries, enquireLinkInterval, bindRetry, bindRetryMax, responseTimeout,
                unboundWait, packed, deliveryReceipts, smscZone);
    }

    /** Returns these settings with delivery receipts requested or not. */
    public SmppProperties withDeliveryReceipts(boolean requested) {
        return new SmppProperties(host, port, systemId, password, systemType, sourceAddress, window,
                throttleBackoff, throttleRetries, enquireLinkInterval, bindRetry, bindRetryMax, responseTimeout,
                unboundWait, packedGsm7, requested, smscZone);
    }

    @Override
    public String toString() {
        return "SmppProperties[%s@%s:%d, window=%d]".formatted(systemId, host, port, window); // no password in logs
    }
}
