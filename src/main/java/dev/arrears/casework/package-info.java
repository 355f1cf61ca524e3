/**
 * Casework: the server-rendered pages people work in (portfolio aging, account search, account detail with its
 * collection cases, promises, plans and settlements, risk score with its reasons and history, compliance flags and
 * verdicts, and the strategy pages: versions with highlighted YAML, the editor that marks errors on their lines, dry
 * runs with their traces, champion/challenger results).
 * A UI over the other modules' façades; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework UI", allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "compliance", "compliance :: domain",
        "arrangement", "scoring", "strategy"})
package dev.arrears.casework;
