/**
 * Personal data rights: an export of everything Arrears holds about one customer and an erasure that keeps only
 * what the law requires (ledger amounts and dates, ids and hashes in the audit trail) and replaces the rest.
 * Administrators only; every export and erasure is announced for the audit trail. Masks phone numbers, e-mail
 * addresses and national ids in logs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy", allowedDependencies = {"shared", "ledger", "compliance", "compliance :: domain"})
package dev.arrears.privacy;
