/**
 * Pure parts of bank reconciliation: the streaming camt parser, creditor references (ISO 11649), the normalising
 * of debtor names, and the matcher that turns a credit and a candidate index into a match with a confidence.
 * Exposed as the named interface {@code domain} because the command line names the camt kinds and generates
 * creditor references for its benchmark.
 */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.bank.domain;
