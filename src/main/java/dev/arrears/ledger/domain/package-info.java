/**
 * Pure ledger decisions: the replay that allocates payments and credits, and derives balances, days past due,
 * aging buckets and delinquency episodes as of a date. Exposed as the named interface {@code domain} because
 * its value types (aging buckets, allocations, episodes, adjustment types) appear in the ledger's views.
 */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.ledger.domain;
