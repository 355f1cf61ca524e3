package dev.arrears.contact.channel;

import java.util.List;
import java.util.Objects;

/** A provider's answer to a hand-over: ACCEPTED with its message ids, TRANSIENT or PERMANENT with a reason. */
public record SendResult(Status status, List<String> providerIds, String detail) {

    public SendResult {
        Objects.requireNonNull(status, "status");
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
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

    /** Returns a failure that no retry will cure (unknown number, rejected address, 4xx). */
    public static SendResult permanentFailure(String detail) {
        return new SendResult(Status.PERMANENT, List.of(), detail);
    }
}
