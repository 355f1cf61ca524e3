/**
 * Receivables ledger: customers and their contact points, accounts, bills with line items, payments,
 * adjustments; allocation, balances, days past due, aging and delinquency episodes, kept in a current-state
 * row per account on every write. Imports from JSON and CSV. Announces what each write created on accounts with
 * {@link dev.arrears.ledger.AccountsChanged}, published inside the write's transaction for listeners after commit.
 * Depends on no other business module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger", allowedDependencies = "shared")
package dev.arrears.ledger;
