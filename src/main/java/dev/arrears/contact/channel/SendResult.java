package dev.arrears.contact.channel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A provider's answer to a hand-over: ACCEPTED with its message ids, TRANSIENT or PERMANENT with a reason. A
 * TRANSIENT answer may carry the earliest instant the provider wants to be asked again ({@code notBefore}, from an
 * HTTP {@code Retry-After}, for instance); dispatch retries no earlier than that and no earlier than its back-off.
 */
public record SendResult(Status status, List<String> providerIds, String detail, Instant notBefore) {

    public SendResult {
        Objects.requireNonNull(status, "status");
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
        if (notBefore != null && status != Status.TRANSIENT) {
            throw new IllegalArgumentException("only a TRANSIENT answer carries a not-before");
        }
    }

    /** Makes an answer without a not-before. */
    public SendResult(Status status, List<String> providerIds, String detail) {
        this(status, providerIds, detail, null);
    }

    /** ACCEPTED: the provider has it; TRANSIENT: try again later; PERMANENT: it will never go this way. */
    public enum Status { ACCEPTED, TRANSIENT, PERMANENT }

    /** Returns an acceptance with the provider's message ids (one per SMS segment, for instance). */
    public static SendResult accepted(List<String> providerIds) {
        return new SendResult(Status.ACCEPTED, providerIds, null);
    }

    /** Returns a failure worth retrying later (throttled, connection lost, 5xx). */
    public static SendResult transientFailure(String detail) {
        return new SendResult(Status.TRANSIENT, List.of(), detail);
    }

    /** Returns a failure worth retrying, not before the given instant (null: whenever the back-off says). */
    public static SendResult transientFailure(String detail, Instant notBefore) {
        return new SendResult(Status.TRANSIENT, List.of(), detail, notBefore);
    }

    /** Returns a failure that no retry will cure (unknown number, rejected address, 4xx). */
    public static SendResult permanentFailure(String detail) {
        return new SendResult(Status.PERMANENT, List.of(), detail);
    }
}
