/**
 * Arrangements: the ways out a collector agrees with a customer in difficulty, and their follow-up. Promises to pay
 * and instalment plans pause the ladder while active ({@code case.promiseActive}) and are kept, completed, broken or
 * defaulted by payments and by the cycle's first step of each date ({@code history.brokenPromises90d}); settlements
 * and waivers give money away only after a maker-checker approval within role limits. See docs/arrangements.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Arrangements",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "contact"})
package dev.arrears.arrangement;
