/**
 * Risk scoring and early warning. Features of each account as of a date, computed from the ledger and the contact
 * history without reading anything after that date; an explainable scorecard (binning, weight of evidence,
 * logistic regression, points) and a challenger model trained on the portfolio's own history with time-based
 * splits, versioned in the database; the active model scores every account with a balance before the cycle, so
 * strategies read {@code score.value}, {@code score.grade}, {@code score.reasons} and {@code score.missRisk}.
 * See docs/scoring.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Risk scoring",
        allowedDependencies = {"shared", "ledger", "ledger :: domain", "cycle"})
package dev.arrears.scoring;
