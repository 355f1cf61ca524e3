package dev.arrears.platform;

/**
 * The roles a user holds (stored by name in {@code app_user.roles}, granted as {@code ROLE_<name>}). ADMIN may do
 * everything; AUDITOR reads everything and changes nothing; the others change what their work needs (see
 * {@link AccessRules} and docs/security.md). Constants may be added, never renamed.
 */
public enum Role {
    /** Runs the installation: users, API tokens, personal data requests, and every other write. */
    ADMIN,
    /** Edits, activates and rolls back strategies and templates; runs cycles and dry runs. */
    STRATEGIST,
    /** Runs operations: ledger writes and imports, cycle and dispatch runs, letters; approves any amount. */
    MANAGER,
    /** Oversees collectors: casework, letters, bank exceptions; approves up to the supervisor's limit. */
    SUPERVISOR,
    /** Works accounts: call outcomes, promises, plans, settlements within the collector's limit, debtor facts. */
    COLLECTOR,
    /** An outside agency or law firm: call outcomes, promises and plans on the accounts it works. */
    AGENCY,
    /** Reads everything, changes nothing. */
    AUDITOR
}
