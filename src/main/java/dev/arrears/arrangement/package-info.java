/**
 * Arrangements: the ways out a collector agrees with a customer in difficulty, and their follow-up. Promises to pay
 * (amount, date, channel, who took it) pause the ladder while active ({@code case.promiseActive}) and are marked
 * kept or broken by the cycle ({@code history.brokenPromises90d}); instalment plans, settlements and waivers with
 * approval, and payment links follow in this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Arrangements",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "contact"})
package dev.arrears.arrangement;
