package dev.arrears.compliance.domain;

/**
 * The rules the guard knows, in the order verdicts list their reasons. A profile applies a subset of them, each
 * with its own citation; the full rule name in a verdict is the profile id, a slash and the suffix
 * ({@code US-REGF/7-in-7}).
 */
public enum RuleId {
    CONTACT_WINDOW("contact-window"),
    INCONVENIENT_TIME("inconvenient-time"),
    SEVEN_IN_SEVEN("7-in-7"),
    CONVERSATION_BLOCK("conversation-block"),
    MA_TWO_IN_SEVEN("ma-2-in-7"),
    OPT_OUT("opt-out"),
    OPT_OUT_LINE("opt-out-line"),
    CONSENT("consent"),
    WORK_EMAIL("work-email"),
    ATTORNEY("attorney"),
    CEASE("cease"),
    TIME_BARRED("time-barred"),
    DISPUTE("dispute"),
    BREATHING_SPACE("breathing-space"),
    HOLD("hold"),
    THIRD_PARTY("third-party"),
    CN_CONNECTED_CALLS("cn-connected-calls"),
    CN_UNANSWERED_CALLS("cn-unanswered-calls");

    private static final RuleId[] ALL = values();

    private final String suffix;

    RuleId(String suffix) {
        this.suffix = suffix;
    }

    /** Returns the suffix used in rule names and profile files: {@code 7-in-7}. */
    public String suffix() {
        return suffix;
    }

    /** Returns the rule with this suffix, or null when there is none. */
    public static RuleId ofSuffix(String suffix) {
        for (RuleId id : ALL) {
            if (id.suffix.equals(suffix)) {
                return id;
            }
        }
        return null;
    }
}
