package dev.arrears.browser;

import dev.arrears.platform.Users;
import dev.arrears.reporting.Dashboards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: a manager signs in and lands on it; the Chart.js charts exist with data and their
 * canvases are not blank; a KPI's definition shows on keyboard focus; a filter change updates the figures through
 * htmx without a page load and the charts are drawn again; the page holds at 360 px and in Traditional Chinese.
 * The history is a few hand-written cases of a strategy of the test's own, backfilled. Screenshots in
 * target/screenshots/.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String PASSWORD = "dashboard-browser-password";

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dashboards dashboards;
    @Autowired
    dev.arrears.ledger.Ledger ledger;

    /** Returns JS that answers, for a canvas id, the datasets' count, the data points' sum and lit pixels. */
    private static final String CHART_STATE = """
            var canvas = document.getElementById(arguments[0]);
            var chart = window.Chart && Chart.getChart(canvas);
            if (!chart) { return null; }
            var sum = 0;
            chart.data.datasets.forEach(function (d) { d.data.forEach(function (v) { sum += (v || 0); }); });
            var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            var lit = 0;
            for (var i = 3; i < px.length; i += 4) { if (px[i] !== 0) { lit++; } }
            return [chart.data.datasets.length, sum, lit];""";

    @Test
    void manager_landsOnTheDashboard_seesChartsWithData_andFiltersWithHtmx() {
        String strategy = history();
        String name = "br-dash-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of("MANAGER"), PASSWORD, "browser-test");
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(name);
        driver().findElement(By.id("password")).sendKeys(PASSWORD);
        driver().findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        // the sign-in redirects: wait for it (slow under load) before reading where it landed
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/dashboard"));
        assertThat(driver().getCurrentUrl()).endsWith("/dashboard");
        waitForCharts();
        browser.shot("landing");
        assertChartDrawn("chart-aging");

        driver().get(url("/dashboard?months=36&strategy=" + strategy));
        waitForCharts();
        for (String chart : List.of("chart-success", "chart-rates", "chart-contacts", "chart-cure-days")) {
            assertChartDrawn(chart);
        }
        assertThat(tileValue("success30")).isEqualTo("50.0 %");
        browser.shot("filtered-by-strategy");

        // a KPI's definition shows on keyboard focus
        ((JavascriptExecutor) driver()).executeScript("document.querySelector('[data-kpi=success30]').focus();");
        assertThat(driver().findElement(By.id("def-success30")).isDisplayed()).isTrue();
        browser.shot("definition-on-focus");

        // htmx: the variant filter swaps the figures in place, without a new page
        ((JavascriptExecutor) driver()).executeScript("window.__samePage = true;");
        new Select(driver().findElement(By.id("variant"))).selectByValue("champion");
        new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> tileValue("success30").equals("66.7 %"));
        assertThat(((JavascriptExecutor) driver()).executeScript("return window.__samePage === true;"))
                .as("the figures changed without a page load").isEqualTo(true);
        assertThat(driver().getCurrentUrl()).contains("variant=champion");
        waitForCharts();
        assertChartDrawn("chart-success");
        browser.shot("filtered-by-variant");

        driver().manage().window().setSize(new Dimension(360, 780));
        driver().navigate().refresh();
        waitForCharts();
        Object overflow = ((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        browser.shot("narrow");
        driver().manage().window().setSize(new Dimension(1280, 900));
        assertThat(((Number) overflow).intValue()).as("no sideways scroll at 360 px").isLessThanOrEqualTo(0);

        driver().get(url("/dashboard?lang=zh-TW&months=36&strategy=" + strategy));
        waitForCharts();
        browser.shot("zh-TW");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("儀表板");
        assertChartDrawn("chart-success");
    }

    /** Writes four cases of a new strategy (as DashboardTest's) and backfills them; returns the strategy. */
    private String history() {
        String strategy = "dash-br-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate opened = LocalDate.of(2026, 6, 1);
        Object[][] cases = {{"UTILITY", "champion", 10}, {"UTILITY", "champion", 20}, {"UTILITY", "champion", null},
                {"BROADBAND", "challenger", 50}};
        for (Object[] c : cases) {
            String ref = "dash-br-" + UUID.randomUUID();
            long customer = jdbc.sql("insert into customer (external_ref, name, type, locale, time_zone, created_at) "
                    + "values (?, 'Browser', 'PERSON', 'en', 'Asia/Shanghai', now()) returning id")
                    .param(ref).query(Long.class).single();
            long account = jdbc.sql("insert into account (external_ref, customer_id, product_line, currency, status, "
                            + "opened_on, created_at) values (?, ?, ?, 'CNY', 'ACTIVE', date '2025-01-01', now()) "
                            + "returning id")
                    .params(ref, customer, c[0]).query(Long.class).single();
            long caseId = jdbc.sql("insert into collection_case (account_id, customer_id, status, opened_on, closed_on, "
                            + "close_reason, strategy, variant, outcome, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, "
                            + "'ACTIVE', now()) returning id")
                    .params(account, customer, c[2] == null ? "OPEN" : "CLOSED", opened,
                            c[2] == null ? null : opened.plusDays((Integer) c[2]), c[2] == null ? null : "CURED",
                            strategy, c[1])
                    .query(Long.class).single();
            for (String[] a : new String[][] {{"SMS", "SENT"}, {"EMAIL", "SENT"}, {"SMS", "FAILED"}}) {
                jdbc.sql("insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action, "
                                + "channel, strategy_version_id, segment, variant, facts, state, created_at, updated_at) "
                                + "values (?, ?, ?, ?, (select count(*) + 1 from planned_action where case_id = ?), "
                                + "?, ?, 0, 'test', ?, '', ?, now(), now())")
                        .params(caseId, account, opened.plusDays(2), opened.plusDays(2), caseId, a[0], a[0], c[1], a[1])
                        .update();
            }
        }
        dashboards.backfill(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 9, 30));
        // the aging chart needs the portfolio of a date: accounts with state rows, snapshotted today
        dev.arrears.reporting.Fixture.ledgerAccounts(ledger, 3);
        dashboards.snapshot(LocalDate.of(2026, 11, 23));
        return strategy;
    }

    private void waitForCharts() {
        new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d).executeScript(
                "return window.Chart !== undefined && document.querySelectorAll('canvas[data-chart]').length > 0"
                        + " && Array.prototype.every.call(document.querySelectorAll('canvas[data-chart]'),"
                        + " function (c) { return !!Chart.getChart(c); });").equals(true));
    }

    private void assertChartDrawn(String id) {
        Object state = ((JavascriptExecutor) driver()).executeScript(CHART_STATE, id);
        assertThat(state).as("a Chart.js chart on #" + id).isNotNull();
        List<?> values = (List<?>) state;
        assertThat(((Number) values.get(0)).intValue()).as("#" + id + " datasets").isPositive();
        assertThat(((Number) values.get(1)).doubleValue()).as("#" + id + " data").isPositive();
        assertThat(((Number) values.get(2)).longValue()).as("#" + id + " painted pixels").isPositive();
    }

    private String tileValue(String kpi) {
        // htmx may swap the figures between finding the tile and reading it: read again from the new tile
        for (int attempt = 1; ; attempt++) {
            try {
                return driver().findElement(By.cssSelector("[data-kpi=" + kpi + "] .tile-value")).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
