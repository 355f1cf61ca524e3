/**
 * The audit trail: an append-only record of what matters (verdicts on real contacts, flag changes, strategy and
 * template changes, approvals, logins, reads, exports and erasures of personal data), fed by the other modules'
 * events and by {@link dev.arrears.audit.AuditTrail#record}. Entries hold ids and hashes, never personal data.
 * They are written unsealed inside the transaction of the change they record, then sealed into a chain of
 * HMAC-SHA256 links under a key that is not in the database, so that whoever can only write to the database can
 * change, delete or reorder entries but not make the chain verify again. See docs/audit.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail",
        allowedDependencies = {"shared", "compliance", "compliance :: domain", "strategy", "privacy", "ledger",
                "contact", "arrangement", "scoring"})
package dev.arrears.audit;
