/**
 * Arrangements with customers about paying: today payments through gateways — payment links (the signed portal
 * token with a suggested amount), the portal's pay step, gateway adapters ({@link dev.arrears.arrangement.PaymentGateway},
 * a sandbox shipped) and their signed webhooks, which post payments to the ledger or reverse them, each event once.
 * The façade {@link dev.arrears.arrangement.Payments} owns money coming in; promises to pay, instalment plans and
 * settlements join this module later behind a second façade, {@code Arrangements}, and read payments through the
 * ledger's events as the cycle does. See docs/payments.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Arrangements and payments",
        allowedDependencies = {"shared", "ledger", "contact"})
package dev.arrears.arrangement;
