/**
 * Casework: the server-rendered pages people work in (portfolio aging, account search, account detail with its
 * collection cases, promises, plans and settlements, risk score with its reasons and history, compliance flags and
 * verdicts), and the collector workbench over the contact module's call tasks (queue by priority, claim, account
 * summary and script, dial through the guard, outcome by keys; supervisors' queues and reassignment).
 * A UI over the other modules' façades; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework UI", allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "compliance", "compliance :: domain",
        "arrangement", "scoring", "contact"})
package dev.arrears.casework;
