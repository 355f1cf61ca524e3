/**
 * Personal data rights: an export of everything Arrears holds about one customer and an erasure that keeps only
 * what the law requires (ledger amounts and dates, ids and hashes in the audit trail) and replaces the rest.
 * Administrators only; every export and erasure is announced for the audit trail. Masks phone numbers, e-mail
 * addresses and national ids in logs. Other modules contribute their share of a customer's data by implementing
 * {@link dev.arrears.shared.PersonalDataSource}, so privacy depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "compliance", "compliance :: domain"})
package dev.arrears.privacy;
