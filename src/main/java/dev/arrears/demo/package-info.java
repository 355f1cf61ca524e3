/**
 * Demo portfolio: a seeded generator of realistic customers, accounts, bills and payments for three business
 * lines from behavioural archetypes, the replay that runs its last twelve months day by day through the collection
 * cycle with simulated customer responses (promises to pay taken through the arrangement module's façade), and the
 * loader that fills an empty embedded database on first start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo portfolio",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "platform", "cycle", "bank", "bank :: domain",
                "arrangement"})
package dev.arrears.demo;
