/**
 * Reporting: the dashboard's read model. A cycle step writes each date's figures once, pre-aggregated (cases opened,
 * closed, cured and open, success cohorts, promises kept and broken, contacts attempted and delivered per channel,
 * the aging and the monthly roll of accounts between buckets), and the dashboard page and API read only those rows,
 * never the portfolio. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
        allowedDependencies = {"shared", "cycle", "ledger"})
package dev.arrears.reporting;
