/**
 * Arrangements with customers about paying, and their follow-up. Money coming in: payment links (the signed portal
 * token with a suggested amount), the portal's pay step, gateway adapters ({@link dev.arrears.arrangement.PaymentGateway},
 * a sandbox shipped) and their signed webhooks, which post payments to the ledger or reverse them, each event once
 * ({@link dev.arrears.arrangement.Payments}). Ways out for a customer in difficulty: promises to pay and instalment
 * plans pause the ladder while active ({@code case.promiseActive}) and are kept, completed, broken or defaulted by
 * payments and by the cycle's first step of each date ({@code history.brokenPromises90d}), which also plans a
 * reminder before each instalment of an active plan (sent by dispatch, re-checked here as a
 * {@link dev.arrears.contact.ContactSource}); settlements and waivers
 * give money away only after a maker-checker approval within role limits. See docs/payments.md and
 * docs/arrangements.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Arrangements and payments",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle", "contact", "compliance",
                "compliance :: domain", "scoring"})
package dev.arrears.arrangement;
