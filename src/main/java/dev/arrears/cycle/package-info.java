/**
 * The collection cycle: the daily (and event-driven) run that opens and closes collection cases, evaluates the
 * active strategies for every account that owes, and plans each case's due ladder steps with the decision that
 * chose them. Runs are split into account-range partitions that parallel workers (or several nodes) claim with
 * {@code FOR UPDATE SKIP LOCKED} and commit one by one, so a run is idempotent, resumable and visible. Open cases
 * follow the compliance module's DISPUTE_OPEN flag ({@code case.disputeOpen}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cycle",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "strategy", "strategy :: domain",
                "compliance", "compliance :: domain"})
package dev.arrears.cycle;
