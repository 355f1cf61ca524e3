/**
 * Contact channels and dispatch: templates, the outbox, SMS over SMPP, e-mail over SMTP, push, PDF letters, call
 * tasks. Planned contacts leave Arrears exactly once through a real protocol, after a fresh compliance verdict; the
 * channel of each send lives in an internal sub-package ({@code sms} for SMPP 3.4 and the in-process SMS centre
 * simulator).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact", allowedDependencies = {"shared", "ledger"})
package dev.arrears.contact;
