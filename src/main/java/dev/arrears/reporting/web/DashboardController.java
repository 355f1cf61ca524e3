package dev.arrears.reporting.web;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.reporting.DashboardView;
import dev.arrears.reporting.DashboardView.Filter;
import dev.arrears.reporting.Dashboards;
import dev.arrears.shared.BadParameterException;
import dev.arrears.shared.BadParameterException.BadParameter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/v1/dashboard}: the dashboard's figures as JSON for charts and integrations, read from the
 * pre-aggregated tables only. Every internal role and a token with the {@code read} scope may read it; an agency may
 * not (the figures are the whole portfolio's, not the accounts placed with it). Unknown product lines and months
 * outside 1–36 are 400 problems naming the parameter.
 */
@RestController
@RequestMapping("/api/v1/dashboard")
@PreAuthorize(DashboardController.READERS)
class DashboardController {

    /** Who may read the dashboard: every role but AGENCY, and API tokens with the read scope. */
    static final String READERS = "hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')"
            + " or hasAuthority('SCOPE_read')";

    private final Dashboards dashboards;

    DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    /** Returns the dashboard for a product line, strategy and variant over the last {@code months} months. */
    @GetMapping
    DashboardView dashboard(@RequestParam(name = "productLine", required = false) String productLine,
                            @RequestParam(name = "strategy", required = false) String strategy,
                            @RequestParam(name = "variant", required = false) String variant,
                            @RequestParam(name = "months", required = false) String months) {
        List<BadParameter> problems = new ArrayList<>();
        if (productLine != null && !productLine.isBlank()
                && Arrays.stream(ProductLine.values()).noneMatch(p -> p.name().equals(productLine.strip()))) {
            problems.add(new BadParameter("productLine", "unknown product line '" + productLine + "'; known: "
                    + Arrays.toString(ProductLine.values())));
        }
        int n = 12;
        if (months != null && !months.isBlank()) {
            try {
                n = Integer.parseInt(months.strip());
                if (n < 1 || n > Filter.MAX_MONTHS) {
                    problems.add(new BadParameter("months", "must be between 1 and " + Filter.MAX_MONTHS));
                }
            } catch (NumberFormatException e) {
                problems.add(new BadParameter("months", "must be a whole number of months, not '" + months + "'"));
            }
        }
        for (String[] p : new String[][] {{"strategy", strategy}, {"variant", variant}}) {
            if (p[1] != null && p[1].length() > 100) {
                problems.add(new BadParameter(p[0], "at most 100 characters"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadParameterException(problems);
        }
        return dashboards.dashboard(new Filter(productLine, strategy, variant, n));
    }
}
