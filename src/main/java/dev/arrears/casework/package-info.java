/**
 * Casework: the server-rendered pages people work in (portfolio aging, account search, account detail with its
 * collection cases, promises, plans and settlements, risk score with its reasons and history, compliance flags and
 * verdicts, and one merged timeline), and the account page's actions for the roles that work accounts (call
 * outcomes, promises, plans, disputes, debtor flags).
 * A UI over the other modules' façades; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework UI", allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "compliance", "compliance :: domain",
        "arrangement", "arrangement :: domain", "scoring", "contact"})
package dev.arrears.casework;
