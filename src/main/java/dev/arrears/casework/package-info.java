/**
 * Casework: the server-rendered pages people work in (portfolio aging, account search, account detail).
 * A UI over the other modules' façades; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework UI", allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle"})
package dev.arrears.casework;
