package dev.arrears.contact.sms;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * Parses a receipt text; returns empty when it names no id or no state.
     *
     * @param text      the short_message of the deliver_sm
     * @param recipient the deliver_sm's source address (the handset)
     * @param smscZone  the zone the SMSC writes its dates in
     */
    public static Optional<DeliveryReceipt> parse(String text, String recipient, ZoneId smscZone) {
        String id = field(text, "id:");
        String stat = field(text, "stat:");
        if (id == null || stat == null) {
            return Optional.empty();
        }
        String err = field(text, "err:");
        return Optional.of(new DeliveryReceipt(id, State.ofStat(stat), stat.toUpperCase(Locale.ROOT),
                err == null ? "000" : err, instant(doneDate(text), smscZone), recipient));
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
        StringBuilder out = new StringBuilder(120).append("id:").append(messageId).append(" sub:001 dlvrd:")
                .append(state == State.DELIVERED ? "001" : "000").append(" submit date:");
        yyMMddHHmm(out, submitted).append(" done date:");
        return yyMMddHHmm(out, done).append(" stat:").append(state.stat()).append(" err:").append(errorCode)
                .append(" text:").append(textStart).toString();
    }

    private static StringBuilder yyMMddHHmm(StringBuilder out, LocalDateTime time) {
        for (int value : new int[] {time.getYear() % 100, time.getMonthValue(), time.getDayOfMonth(), time.getHour(),
                time.getMinute()}) {
            out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }
        return out;
    }

    /**
     * Returns the run of non-blank characters after the first {@code key} (case-insensitive) that starts a word and
     * is followed by at least one; null when none is.
     */
    private static String field(String text, String key) {
        for (int at = find(text, key, 0); at >= 0; at = find(text, key, at + 1)) {
            int start = at + key.length();
            int end = start;
            while (end < text.length() && !isBlank(text.charAt(end))) {
                end++;
            }
            if (end > start) {
                return text.substring(start, end);
            }
        }
        return null;
    }

    /** Returns the 12 or 10 digits of the first {@code done date:} followed by at least 10; null when none is. */
    private static String doneDate(String text) {
        String key = "done date:";
        for (int at = find(text, key, 0); at >= 0; at = find(text, key, at + 1)) {
            int start = at + key.length();
            int end = start;
            while (end < text.length() && end - start < 12 && isDigit(text.charAt(end))) {
                end++;
            }
            int digits = end - start;
            if (digits >= 10) {
                return text.substring(start, start + (digits == 12 ? 12 : 10));
            }
        }
        return null;
    }

    /** Returns where {@code key} next occurs from {@code from} at the start of a word, ignoring case; -1 if never. */
    private static int find(String text, String key, int from) {
        for (int at = from; at + key.length() <= text.length(); at++) {
            if (text.regionMatches(true, at, key, 0, key.length()) && (at == 0 || !isWordChar(text.charAt(at - 1)))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    /** The blanks of regular expressions' {@code \\s}: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
}
