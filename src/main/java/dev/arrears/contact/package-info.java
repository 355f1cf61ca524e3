/**
 * Contact channels and dispatch: templates, the outbox, SMS over SMPP, e-mail over SMTP, push, PDF letters, call
 * tasks. Templates are versioned per name and channel in zh-CN, zh-TW and en, validated on save and rendered from
 * a {@link dev.arrears.contact.RenderContext} that the caller assembles; the signed portal token
 * ({@link dev.arrears.contact.PortalToken}) links every notice to the customer's bill page. The strategy module's
 * template catalogue is the stored templates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact",
        allowedDependencies = {"shared", "ledger", "strategy", "strategy :: domain"})
package dev.arrears.contact;
