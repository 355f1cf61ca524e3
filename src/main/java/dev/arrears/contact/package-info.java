/**
 * Contact channels and dispatch: templates, the outbox, SMS over SMPP, e-mail over SMTP, push, PDF letters, call
 * tasks. Due planned contacts become dispatch jobs and call tasks; workers claim jobs with leases, re-check that the
 * account still owes and no hold applies, ask the compliance guard, render, hand the message to its channel (the
 * sandbox outbox by default) and record the result, the provider's ids and the contact history the guard counts. A
 * payment that clears what is overdue stops every contact not yet handed over. Contacts another module plans (an
 * instalment plan's reminders) pass the ladder's holds and are re-checked by their owner, a
 * {@link dev.arrears.contact.ContactSource}. Templates are versioned per name
 * and channel in zh-CN, zh-TW and en, validated on save and rendered from a {@link dev.arrears.contact.RenderContext};
 * the signed portal token ({@link dev.arrears.contact.PortalToken}) links every notice to the customer's bill page.
 * Each channel lives in an internal sub-package ({@code sms} for SMPP 3.4 and the in-process SMS centre
 * simulator, {@code email} for SMTP, {@code push} for an HTTP push gateway); customers' replies (an SMS STOP) in
 * {@code reply}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact",
        allowedDependencies = {"shared", "ledger", "cycle", "compliance", "compliance :: domain", "strategy",
                "strategy :: domain", "scoring"})
package dev.arrears.contact;
