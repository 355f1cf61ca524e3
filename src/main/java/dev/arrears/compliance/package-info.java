/**
 * The compliance guard: jurisdiction profiles as versioned data (contact windows, caps, rule sets), pure rules
 * that turn a proposed contact, the debtor's flags and the contact history into a verdict (ALLOW, DEFER with the
 * earliest lawful instant, BLOCK) citing the regulation that decided it, and the debtor flags and stored
 * verdicts of real contacts. No contact leaves Arrears without an ALLOW from {@link dev.arrears.compliance.ComplianceGate}
 * a moment before. Depends on no other business module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compliance", allowedDependencies = "shared")
package dev.arrears.compliance;
