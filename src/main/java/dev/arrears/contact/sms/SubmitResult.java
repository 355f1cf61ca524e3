package dev.arrears.contact.sms;

import java.util.List;

/**
 * The outcome of submitting one message: every part accepted, or a failure classified for the dispatch. Both
 * carry the SMSC message ids of the parts accepted so far, in part order (including ids passed in as already
 * accepted): those parts are with the SMSC and must not be sent again.
 */
public sealed interface SubmitResult {

    /** Returns the job the message belongs to. */
    String jobKey();

    /** Returns the SMSC message ids of the accepted parts, in part order. */
    List<String> messageIds();

    /** Whether a failed message may succeed when tried again later. */
    enum Failure {
        /** The SMSC refused the message (bad address, bad content): do not resend it as is. */
        PERMANENT,
        /** Timeouts, throttling that did not pass, no bind: try again later. */
        TRANSIENT
    }

    /** Every part was accepted; {@code messageIds} has one id per part. */
    record Submitted(String jobKey, List<String> messageIds) implements SubmitResult {

        public Submitted {
            messageIds = List.copyOf(messageIds);
        }
    }

    /**
     * Part {@code messageIds().size() + 1} of {@code parts} was not accepted.
     *
     * @param failure       whether trying again later may help
     * @param commandStatus the SMPP command_status of the refusal, or -1 when there was no response
     * @param reason        what happened, for the timeline
     * @param maybeAccepted whether that part's submit_sm reached the SMSC but no response came back (timeout or
     *                      lost link): the SMSC may have accepted it, and resending may deliver it twice
     */
    record Failed(String jobKey, List<String> messageIds, int parts, Failure failure, int commandStatus,
                  String reason, boolean maybeAccepted) implements SubmitResult {

        public Failed {
            messageIds = List.copyOf(messageIds);
        }
    }
}
