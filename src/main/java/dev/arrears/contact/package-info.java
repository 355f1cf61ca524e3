/**
 * Contact channels and dispatch: due planned contacts become dispatch jobs and call tasks; workers claim jobs with
 * leases, re-check that the account still owes and no hold applies, ask the compliance guard, render, hand the
 * message to its channel (SMS, e-mail, push, letter; the sandbox outbox by default) and record the result, the
 * provider's ids and the contact history that the guard counts. A payment that clears what is overdue stops every
 * contact not yet handed over. Collectors dial call tasks only after the guard allowed it and record outcomes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact",
        allowedDependencies = {"shared", "ledger", "cycle", "compliance", "compliance :: domain"})
package dev.arrears.contact;
