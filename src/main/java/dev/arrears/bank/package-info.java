/**
 * Bank reconciliation: imports ISO 20022 camt.053 statements and camt.054 notifications (versions .001.02 to
 * .001.08), matches each booked credit to an account by structured reference, by the remittance text, or by amount
 * and debtor name, each with a confidence; posts the confident matches as payments through the ledger and keeps the
 * rest in an unmatched queue that people resolve or dismiss. An entry posts once whatever file it arrives in (its
 * account servicer reference is the key); a returned credit reverses the payment it posted. Files are parsed whole
 * before anything is written, and a file with a problem writes nothing. See docs/bank.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bank reconciliation",
        allowedDependencies = {"shared", "ledger"})
package dev.arrears.bank;
