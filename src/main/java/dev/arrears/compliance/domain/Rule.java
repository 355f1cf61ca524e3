package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Verdict.Decision;

import java.time.Instant;

/**
 * One rule of a profile: a pure function of the request's facts and an instant that allows (null), defers to an
 * instant at which the same facts allow it, or blocks. Rules are evaluated again at later instants while the guard
 * looks for the earliest instant every rule allows, so they read the instant given, never the request's own.
 */
sealed interface Rule permits ContactWindow, InconvenientTimes, SevenCallsInSevenDays, ConversationBlock,
        MassachusettsCallLimit, OptOutRule, OptOutLine, ExpressConsent, WorkplaceEmail, AttorneyRepresentation,
        CeaseCommunication, TimeBarredDebt, DisputeHold, BreathingSpace, ContactHold, ThirdPartyCollection,
        ConnectedCallsPerDay, UnansweredCallsPerNumber {

    /** Returns the rule's id. */
    RuleId id();

    /** Returns why the contact may not be made at {@code t}, or null when this rule allows it. */
    Finding check(Facts facts, Instant t);

    /** Returns true when the finding depends on the instant; the others need not be checked again later. */
    default boolean readsInstant() {
        return false;
    }

    /**
     * What a rule found: BLOCK, or DEFER with the earliest instant this rule alone would allow, and a message for
     * the collector.
     */
    record Finding(Decision decision, Instant notBefore, String message) {

        /** Returns a block: only a change of facts can allow the contact. */
        static Finding block(String message) {
            return new Finding(Decision.BLOCK, null, message);
        }

        /** Returns a deferral to an instant. */
        static Finding defer(Instant notBefore, String message) {
            return new Finding(Decision.DEFER, notBefore, message);
        }
    }

    /** Returns the rule for an id as a profile sets it. */
    static Rule of(RuleId id, Profile.RuleSetting setting) {
        return switch (id) {
            case CONTACT_WINDOW -> new ContactWindow();
            case INCONVENIENT_TIME -> new InconvenientTimes();
            case SEVEN_IN_SEVEN -> new SevenCallsInSevenDays(setting.limit(), setting.days());
            case CONVERSATION_BLOCK -> new ConversationBlock(setting.days());
            case MA_TWO_IN_SEVEN -> new MassachusettsCallLimit(setting.limit(), setting.days(), setting.regions());
            case OPT_OUT -> new OptOutRule();
            case OPT_OUT_LINE -> new OptOutLine();
            case CONSENT -> new ExpressConsent();
            case WORK_EMAIL -> new WorkplaceEmail();
            case ATTORNEY -> new AttorneyRepresentation();
            case CEASE -> new CeaseCommunication();
            case TIME_BARRED -> new TimeBarredDebt();
            case DISPUTE -> new DisputeHold();
            case BREATHING_SPACE -> new BreathingSpace();
            case HOLD -> new ContactHold();
            case THIRD_PARTY -> new ThirdPartyCollection();
            case CN_CONNECTED_CALLS -> new ConnectedCallsPerDay(setting.limit());
            case CN_UNANSWERED_CALLS -> new UnansweredCallsPerNumber(setting.limit());
        };
    }
}
