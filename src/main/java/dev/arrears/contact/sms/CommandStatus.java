package dev.arrears.contact.sms;

import java.util.Map;

/**
 * What an SMPP 3.4 command_status of a negative submit_sm_resp means for the sender: the SMSC asks to slow down
 * (throttled, queue full: retry the same part after a pause), the failure may pass (system error, bind state:
 * retry later), or the message itself is refused (bad address, bad length, rejected: never resend as is).
 * Statuses not named here, including vendor codes 0x400–0x4FF, count as permanent so that an unknown refusal
 * is not resent in a loop. Pure.
 */
final class CommandStatus {

    /** How the sender treats a command_status. */
    enum Treatment {
        /** The SMSC asks the client to slow down; the part was not accepted and is resent after a pause. */
        THROTTLED,
        /** The part was not accepted and a later attempt may succeed. */
        TRANSIENT,
        /** The part was refused for good. */
        PERMANENT
    }

    static final int ESME_ROK = 0x00;
    static final int ESME_RINVMSGLEN = 0x01;
    static final int ESME_RSYSERR = 0x08;
    static final int ESME_RINVSRCADR = 0x0A;
    static final int ESME_RINVDSTADR = 0x0B;
    static final int ESME_RINVBNDSTS = 0x04;
    static final int ESME_RINVPASWD = 0x0E;
    static final int ESME_RINVSYSID = 0x0F;
    static final int ESME_RMSGQFUL = 0x14;
    static final int ESME_RSUBMITFAIL = 0x45;
    static final int ESME_RTHROTTLED = 0x58;
    static final int ESME_RX_T_APPN = 0x64;
    static final int ESME_RX_R_APPN = 0x65;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ESME_ROK, "ESME_ROK"),
            Map.entry(ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
            Map.entry(0x02, "ESME_RINVCMDLEN"),
            Map.entry(0x03, "ESME_RINVCMDID"),
            Map.entry(ESME_RINVBNDSTS, "ESME_RINVBNDSTS"),
            Map.entry(0x05, "ESME_RALYBND"),
            Map.entry(ESME_RSYSERR, "ESME_RSYSERR"),
            Map.entry(ESME_RINVSRCADR, "ESME_RINVSRCADR"),
            Map.entry(ESME_RINVDSTADR, "ESME_RINVDSTADR"),
            Map.entry(0x0C, "ESME_RINVMSGID"),
            Map.entry(0x0D, "ESME_RBINDFAIL"),
            Map.entry(ESME_RINVPASWD, "ESME_RINVPASWD"),
            Map.entry(ESME_RINVSYSID, "ESME_RINVSYSID"),
            Map.entry(ESME_RMSGQFUL, "ESME_RMSGQFUL"),
            Map.entry(0x15, "ESME_RINVSERTYP"),
            Map.entry(ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL"),
            Map.entry(0x48, "ESME_RINVSRCTON"),
            Map.entry(0x49, "ESME_RINVSRCNPI"),
            Map.entry(0x50, "ESME_RINVDSTTON"),
            Map.entry(0x51, "ESME_RINVDSTNPI"),
            Map.entry(ESME_RTHROTTLED, "ESME_RTHROTTLED"),
            Map.entry(0x61, "ESME_RINVSCHED"),
            Map.entry(0x62, "ESME_RINVEXPIRY"),
            Map.entry(ESME_RX_T_APPN, "ESME_RX_T_APPN"),
            Map.entry(ESME_RX_R_APPN, "ESME_RX_R_APPN"),
            Map.entry(0x66, "ESME_RQUERYFAIL"),
            Map.entry(0xFF, "ESME_RUNKNOWNERR"));

    private CommandStatus() {
    }

    /** Returns how the sender treats a negative command_status of a submit_sm_resp. */
    static Treatment classify(int status) {
        return switch (status) {
            case ESME_RTHROTTLED, ESME_RMSGQFUL -> Treatment.THROTTLED;
            // system error, wrong bind state (the link is being re-bound), submit failed, temporary app error
            case ESME_RSYSERR, ESME_RINVBNDSTS, ESME_RSUBMITFAIL, ESME_RX_T_APPN -> Treatment.TRANSIENT;
            default -> Treatment.PERMANENT;
        };
    }

    /** Returns the SMPP name of a command_status with its hex value, e.g. {@code ESME_RTHROTTLED (0x58)}. */
    static String describe(int status) {
        return "%s (0x%02X)".formatted(NAMES.getOrDefault(status, "status"), status);
    }
}
