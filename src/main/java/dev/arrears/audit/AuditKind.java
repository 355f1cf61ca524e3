package dev.arrears.audit;

/** What an audit entry records. Stored by name: constants may be added, never renamed. */
public enum AuditKind {
    /** The compliance guard's verdict on a real contact was stored. */
    CONTACT_VERDICT,
    /** A contact was handed to a provider or attempted (dispatch, call task), or its outcome came back. */
    CONTACT_ATTEMPT,
    /** A debtor flag was set or cleared (dispute, cease, attorney, breathing space, holds). */
    FLAG_CHANGED,
    /** A strategy version was created, activated or rolled back. */
    STRATEGY_CHANGED,
    /** A message template was created or changed. */
    TEMPLATE_CHANGED,
    /** Someone approved or rejected something that needs approval (a settlement, a waiver). */
    APPROVAL,
    /** A user authenticated. */
    LOGIN_SUCCEEDED,
    /** An authentication failed. */
    LOGIN_FAILED,
    /** Someone read a customer's personal data. */
    PERSONAL_DATA_READ,
    /** An administrator exported a customer's personal data. */
    PERSONAL_DATA_EXPORTED,
    /** An administrator erased a customer's personal data. */
    PERSONAL_DATA_ERASED,
    /** A customer opted out of a channel or address, or consented to it again. */
    CONTACT_PREFERENCE_CHANGED,
    /** A promise to pay was taken, kept, broken or cancelled. */
    PROMISE_CHANGED,
    /** An administrator created an API token (its name and scopes; never the token). */
    API_TOKEN_CREATED,
    /** An administrator revoked an API token. */
    API_TOKEN_REVOKED,
    /** A batch of letters was created, printed or posted. */
    LETTER_BATCH_CHANGED,
    /** Repeated failed sign-ins locked a user name or a client address for a while. */
    LOGIN_LOCKED_OUT,
    /** A user was created, with its roles. */
    USER_CREATED,
    /** A user's roles were changed. */
    USER_ROLES_CHANGED,
    /** A user was disabled. */
    USER_DISABLED,
    /** A user was enabled again, or its lock-out lifted. */
    USER_CHANGED,
    /** A user's password was reset (never the password itself). */
    PASSWORD_RESET,
    /** A customer opened the overview behind a portal link. */
    PORTAL_OPENED,
    /** A customer chose an instalment plan on the portal. */
    PORTAL_PLAN_CHOSEN,
    /** A customer promised to pay by a date on the portal. */
    PORTAL_PROMISE_MADE,
    /** A customer opened a dispute on the portal (collection holds). */
    PORTAL_DISPUTE_OPENED,
    /** A customer made a complaint on the portal. */
    PORTAL_COMPLAINT_MADE,
    /** A customer rated the portal. */
    PORTAL_FEEDBACK_GIVEN,
    /** A collector or an integration recorded a customer's complaint. */
    COMPLAINT_RECORDED,
    /** A risk model became the active one of its target (the one before it retired). */
    SCORE_MODEL_ACTIVATED,
    /** A call task changed hands: a collector claimed it, a supervisor assigned or released it. */
    CALL_TASK_ASSIGNED
}
