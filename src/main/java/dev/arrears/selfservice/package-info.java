/**
 * The customer's self-service portal behind a signed, expiring link ({@code /portal/{token}}): the overview of what
 * is owed, bill by bill and line by line, with any active promise or plan; and what a customer can do there — choose
 * an instalment plan the product line's rules allow, promise to pay by a date, open a dispute (collection holds),
 * make a complaint, rate the portal — each through the other modules' façades as a collector's action would go, and
 * each audited. Owns the complaints (made on the portal, by collectors or through the API) and the portal's ratings,
 * and the portal's rate limits per link and per client address. The pay step is the arrangement module's. See
 * docs/portal.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Self-service portal",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "contact", "contact :: template",
                "arrangement", "arrangement :: domain", "cycle", "compliance", "compliance :: domain", "audit"})
package dev.arrears.selfservice;
