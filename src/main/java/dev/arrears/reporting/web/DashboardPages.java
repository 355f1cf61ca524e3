package dev.arrears.reporting.web;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.reporting.DashboardView;
import dev.arrears.reporting.DashboardView.Filter;
import dev.arrears.reporting.DashboardView.Month;
import dev.arrears.reporting.Dashboards;
import dev.arrears.reporting.domain.Kpis;
import dev.arrears.reporting.domain.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /dashboard}: KPI tiles with their definitions, the portfolio aging stacked by product line, monthly trend
 * charts, contact rates by channel and the latest month's roll rates, filtered by product line, strategy and variant
 * through a plain GET form that htmx turns into a partial update (the figures' fragment only). Reads the reporting
 * tables alone. Chart data travel as JSON in {@code data-chart} attributes for {@code /js/dashboard.js}: the
 * content security policy allows no inline script. Unknown filter values are ignored, as on the other pages.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')")
class DashboardPages {

    private static final Logger log = LoggerFactory.getLogger(DashboardPages.class);

    /** The window lengths the form offers, in months. */
    static final List<Integer> MONTHS = List.of(3, 6, 12, 24);

    private final Dashboards dashboards;
    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    DashboardPages(Dashboards dashboards, MessageSource messages) {
        this.dashboards = dashboards;
        this.messages = messages;
    }

    /** Shows the dashboard, or only its figures when htmx asks ({@code HX-Request}). */
    @GetMapping("/dashboard")
    String dashboard(@RequestParam(name = "productLine", required = false) String productLine,
                     @RequestParam(name = "strategy", required = false) String strategy,
                     @RequestParam(name = "variant", required = false) String variant,
                     @RequestParam(name = "months", required = false) String months,
                     @RequestHeader(name = "HX-Request", required = false) String htmx,
                     Model model, Locale locale) {
        long started = System.nanoTime();
        Filter filter = new Filter(knownLine(productLine), strategy, variant, parseMonths(months));
        DashboardView view = dashboards.dashboard(filter);
        model.addAttribute("d", view);
        model.addAttribute("productLines", ProductLine.values());
        model.addAttribute("monthChoices", MONTHS.contains(filter.months()) ? MONTHS
                : java.util.stream.Stream.concat(MONTHS.stream(), java.util.stream.Stream.of(filter.months()))
                .sorted().toList());
        model.addAttribute("channels", Kpis.CHANNELS);
        model.addAttribute("agingChart", json.writeValueAsString(agingChart(view, locale)));
        model.addAttribute("successChart", json.writeValueAsString(trendChart(view, List.of(
                series(label("dashboard.success30", locale), k -> k.success30().percent()),
                series(label("dashboard.success60", locale), k -> k.success60().percent()),
                series(label("dashboard.success90", locale), k -> k.success90().percent())))));
        model.addAttribute("ratesChart", json.writeValueAsString(trendChart(view, List.of(
                series(label("dashboard.cureRate", locale), k -> k.cureRate().percent()),
                series(label("dashboard.promiseKept", locale), k -> k.promiseKept().percent())))));
        List<Series> contactSeries = new ArrayList<>();
        for (String channel : Kpis.CHANNELS) {
            contactSeries.add(series(label("channel." + channel, locale),
                    k -> k.contactRate().getOrDefault(channel, Rate.NONE).percent()));
        }
        model.addAttribute("contactChart", json.writeValueAsString(trendChart(view, contactSeries)));
        model.addAttribute("cureDaysChart", json.writeValueAsString(trendChart(view, List.of(
                series(label("dashboard.medianCureDays", locale),
                        k -> k.medianCureDays() == null ? null : BigDecimal.valueOf(k.medianCureDays()))))));
        log.debug("dashboard {} prepared in {} ms", filter, (System.nanoTime() - started) / 1_000_000);
        return htmx != null ? "dashboard :: figures" : "dashboard";
    }

    private record Series(String label, Function<Kpis, BigDecimal> value) {
    }

    private static Series series(String label, Function<Kpis, BigDecimal> value) {
        return new Series(label, value);
    }

    /** Returns a line chart's data: the months as labels, one dataset per series (null: no figure that month). */
    private static Map<String, Object> trendChart(DashboardView view, List<Series> series) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (Series s : series) {
            List<BigDecimal> data = new ArrayList<>();
            for (Month m : view.trend()) {
                data.add(s.value().apply(m.kpis()));
            }
            Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("label", s.label());
            dataset.put("data", data);
            datasets.add(dataset);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "line");
        chart.put("labels", view.trend().stream().map(Month::label).toList());
        chart.put("datasets", datasets);
        return chart;
    }

    /** Returns the aging chart's data: buckets as labels, one stacked dataset of accounts per product line. */
    private Map<String, Object> agingChart(DashboardView view, Locale locale) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (DashboardView.Line line : view.aging().lines()) {
            Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("label", label("product." + line.productLine(), locale));
            dataset.put("data", line.accounts());
            datasets.add(dataset);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("stacked", true);
        chart.put("labels", view.aging().buckets().stream()
                .map(b -> b.equals("CURRENT") ? label("dashboard.current", locale) : b).toList());
        chart.put("datasets", datasets);
        return chart;
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String knownLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(ProductLine.values()).anyMatch(p -> p.name().equals(name)) ? name : null;
    }

    private static int parseMonths(String text) {
        try {
            return text == null || text.isBlank() ? 12 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 12;
        }
    }
}
