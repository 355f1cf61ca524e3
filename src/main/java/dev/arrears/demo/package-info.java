/**
 * Demo portfolio: a seeded generator of realistic customers, accounts, bills and payments for three business
 * lines from behavioural archetypes, and the loader that fills an empty embedded database on first start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo portfolio",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "platform"})
package dev.arrears.demo;
