package dev.arrears.contact.sms;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMSC delivery receipt for one submitted part, matched to the submit by {@code messageId} (the id its
 * submit_sm_resp carried). Parsed from the receipt text of SMPP 3.4 Appendix B ({@code id:… sub:001 dlvrd:001
 * submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…}); the optional parameters
 * receipted_message_id and message_state win over the text where the SMSC sends them.
 *
 * @param messageId the SMSC message id of the part
 * @param state     the state the SMSC reports
 * @param stat      the state as the SMSC spelled it, e.g. {@code DELIVRD}
 * @param errorCode the network or SMSC error code ({@code 000} when none)
 * @param doneAt    when the message reached its state, read in the SMSC's time zone; null when absent
 * @param recipient the handset the message was for (the receipt's source address), E.164 when international
 */
public record DeliveryReceipt(String messageId, State state, String stat, String errorCode, Instant doneAt,
                              String recipient) {

    /** Message states of SMPP 3.4 (5.2.28), with the seven-letter names of the receipt text. */
    public enum State {
        ENROUTE("ENROUTE", 1),
        DELIVERED("DELIVRD", 2),
        EXPIRED("EXPIRED", 3),
        DELETED("DELETED", 4),
        UNDELIVERABLE("UNDELIV", 5),
        ACCEPTED("ACCEPTD", 6),
        UNKNOWN("UNKNOWN", 7),
        REJECTED("REJECTD", 8);

        private final String stat;
        private final int messageState;

        State(String stat, int messageState) {
            this.stat = stat;
            this.messageState = messageState;
        }

        /** Returns the seven-letter name used in receipt texts, e.g. {@code UNDELIV}. */
        public String stat() {
            return stat;
        }

        /** Returns the value of the message_state optional parameter. */
        public int messageState() {
            return messageState;
        }

        /** Returns whether the SMSC will report nothing further about the message. */
        public boolean isFinal() {
            return this != ENROUTE;
        }

        /** Returns the state of a receipt's {@code stat:} field, UNKNOWN for names outside SMPP 3.4. */
        public static State ofStat(String stat) {
            for (State state : values()) {
                if (state.stat.equalsIgnoreCase(stat) || state.name().equalsIgnoreCase(stat)) {
                    return state;
                }
            }
            return UNKNOWN;
        }

        /** Returns the state of a message_state value, UNKNOWN for values outside 1–8. */
        public static State ofMessageState(int value) {
            for (State state : values()) {
                if (state.messageState == value) {
                    return state;
                }
            }
            return UNKNOWN;
        }
    }

    private static final Pattern ID = Pattern.compile("(?i)\\bid:(\\S+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:(\\S+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:(\\S+)");
    private static final Pattern DONE = Pattern.compile("(?i)\\bdone date:(\\d{10}(?:\\d{2})?)");

    /**
     * Parses a receipt text; returns empty when it names no id or no state.
     *
     * @param text      the short_message of the deliver_sm
     * @param recipient the deliver_sm's source address (the handset)
     * @param smscZone  the zone the SMSC writes its dates in
     */
    public static Optional<DeliveryReceipt> parse(String text, String recipient, ZoneId smscZone) {
        String id = group(ID, text);
        String stat = group(STAT, text);
        if (id == null || stat == null) {
            return Optional.empty();
        }
        String err = group(ERR, text);
        return Optional.of(new DeliveryReceipt(id, State.ofStat(stat), stat.toUpperCase(Locale.ROOT),
                err == null ? "000" : err, instant(group(DONE, text), smscZone), recipient));
    }

    /** Returns this receipt with the id and state the optional parameters named, where present. */
    DeliveryReceipt withParameters(String receiptedMessageId, Integer messageState) {
        String id = receiptedMessageId == null || receiptedMessageId.isEmpty() ? messageId : receiptedMessageId;
        State parameterState = messageState == null ? state : State.ofMessageState(messageState);
        String parameterStat = parameterState == state ? stat : parameterState.stat();
        return new DeliveryReceipt(id, parameterState, parameterStat, errorCode, doneAt, recipient);
    }

    /** Formats a receipt text the way SMSCs write it (SMPP 3.4 Appendix B), for the simulator. */
    static String format(String messageId, State state, String errorCode, LocalDateTime submitted,
                         LocalDateTime done, String textStart) {
        String delivered = state == State.DELIVERED ? "001" : "000";
        return "id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:%s".formatted(messageId,
                delivered, yyMMddHHmm(submitted), yyMMddHHmm(done), state.stat(), errorCode, textStart);
    }

    private static String yyMMddHHmm(LocalDateTime time) {
        return "%02d%02d%02d%02d%02d".formatted(time.getYear() % 100, time.getMonthValue(), time.getDayOfMonth(),
                time.getHour(), time.getMinute());
    }

    private static Instant instant(String digits, ZoneId zone) {
        if (digits == null) {
            return null;
        }
        try {
            int year = 2000 + Integer.parseInt(digits, 0, 2, 10); // two-digit years of receipts are 20yy
            LocalDateTime time = LocalDateTime.of(year, Integer.parseInt(digits, 2, 4, 10),
                    Integer.parseInt(digits, 4, 6, 10), Integer.parseInt(digits, 6, 8, 10),
                    Integer.parseInt(digits, 8, 10, 10),
                    digits.length() == 12 ? Integer.parseInt(digits, 10, 12, 10) : 0);
            return time.atZone(zone).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
