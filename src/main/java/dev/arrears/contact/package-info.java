/**
 * Contact channels and dispatch: templates, the outbox, SMS over SMPP, e-mail over SMTP, push, PDF letters, call
 * tasks. Planned contacts leave Arrears exactly once through a real protocol, after a fresh compliance verdict.
 * Templates are versioned per name and channel in zh-CN, zh-TW and en, validated on save and rendered from a
 * {@link dev.arrears.contact.RenderContext} that the caller assembles; the signed portal token
 * ({@link dev.arrears.contact.PortalToken}) links every notice to the customer's bill page, and the strategy
 * module's template catalogue is the stored templates. Each channel lives in an internal sub-package ({@code sms}
 * for SMPP 3.4 and the in-process SMS centre simulator); customers' replies (an SMS STOP) in {@code reply}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact",
        allowedDependencies = {"shared", "ledger", "strategy", "strategy :: domain"})
package dev.arrears.contact;
