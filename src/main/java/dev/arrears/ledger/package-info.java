/**
 * Receivables ledger: customers and their contact points, accounts, bills with line items, payments,
 * adjustments; allocation, balances, days past due, aging and delinquency episodes, kept in a current-state
 * row per account on every write. Imports from JSON and CSV. Depends on no other business module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger", allowedDependencies = "shared")
package dev.arrears.ledger;
