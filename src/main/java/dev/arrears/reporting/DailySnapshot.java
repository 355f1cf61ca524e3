package dev.arrears.reporting;

import dev.arrears.cycle.CycleStep;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Writes the dashboard's figures at the start of every cycle run, after the ledger's state rows were made valid for
 * the date and after the other steps (promises kept or broken). Idempotent for a date: a resumed run rewrites the
 * same rows.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DailySnapshot implements CycleStep {

    private final Dashboards dashboards;

    DailySnapshot(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @Override
    public void beforeCycle(LocalDate asOf) {
        dashboards.snapshot(asOf);
    }
}
