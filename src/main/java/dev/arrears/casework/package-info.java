/**
 * Casework: the server-rendered pages people work in (portfolio aging, account search, account detail with its
 * collection cases, promises, plans and settlements, risk score with its reasons and history, compliance flags and
 * verdicts, auto-debit mandates and collections, and one merged timeline), the account page's actions for the roles that work accounts (call
 * outcomes, promises, plans, disputes, debtor flags), and the collector workbench over the contact module's call
 * tasks (queue by priority, claim, account summary and script, dial through the guard, outcome by keys;
 * supervisors' queues and reassignment), and the strategy pages (versions with highlighted YAML, the editor that
 * marks errors on their lines, dry runs with their traces, champion/challenger results).
 * A UI over the other modules' façades; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework UI", allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "compliance", "compliance :: domain",
        "arrangement", "arrangement :: domain", "scoring", "contact", "strategy", "bank"})
package dev.arrears.casework;
