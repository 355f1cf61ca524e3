/**
 * Pure compliance decisions: the contact request, the debtor's facts and history, the verdict with its reasons,
 * jurisdiction profiles and the rules that evaluate a request at an instant. No Spring, no SQL, no clock. Exposed
 * as the named interface {@code domain} because the contact module builds requests and reads verdicts.
 */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.compliance.domain;
