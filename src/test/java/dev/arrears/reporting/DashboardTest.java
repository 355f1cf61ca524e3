package dev.arrears.reporting;

import dev.arrears.platform.Role;
import dev.arrears.platform.Users;
import dev.arrears.reporting.DashboardView.Filter;
import dev.arrears.reporting.DashboardView.Month;
import dev.arrears.reporting.domain.Kpis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end on hand-built history: four cases opened on 2026-06-01 (three of variant champion on
 * utility accounts, cured after 10 and 20 days and one still open; one challenger on broadband, cured after 50
 * days), three promises and four contact actions of the first case, filled in by the backfill. Each KPI's arithmetic
 * is checked against the counts worked out by hand, then the page in three languages, its filters, the API's shape
 * and problems, who may read it and where each role lands after signing in.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {

    private static final LocalDate OPENED = LocalDate.of(2026, 6, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String PASSWORD = "dashboard-test-password";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dashboards dashboards;
    @Autowired
    Users users;
    @Autowired
    dev.arrears.ledger.Ledger ledger;
    @LocalServerPort
    int port;

    private Fixture fixture;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void buildHistory() {
        fixture = new Fixture(jdbc);
        long a = fixture.caseOf(fixture.account("UTILITY"), "champion", OPENED, OPENED.plusDays(10), "CURED");
        fixture.caseOf(fixture.account("UTILITY"), "champion", OPENED, OPENED.plusDays(20), "CURED");
        fixture.caseOf(fixture.account("UTILITY"), "champion", OPENED, null, null);
        fixture.caseOf(fixture.account("BROADBAND"), "challenger", OPENED, OPENED.plusDays(50), "CURED");
        fixture.promise(a, "KEPT", OPENED.plusDays(4));
        fixture.promise(a, "BROKEN", OPENED.plusDays(7));
        fixture.promise(a, "CANCELLED", OPENED.plusDays(8));
        fixture.contact(a, OPENED.plusDays(1), "SMS", "SENT");
        fixture.contact(a, OPENED.plusDays(2), "SMS", "FAILED");
        fixture.contact(a, OPENED.plusDays(2), "EMAIL", "SENT");
        fixture.contact(a, OPENED.plusDays(3), "CALL", "CANCELLED");
        // a complaint made while the account was in its champion case (the self-service module's table)
        jdbc.sql("""
                        insert into complaint (account_id, customer_id, source, category, text, created_by, created_at,
                                               created_on, status)
                        select a.id, a.customer_id, 'COLLECTOR', 'CONTACT_FREQUENCY', 'Too many calls', 'test', now(),
                               ?, 'OPEN' from account a where a.id = (select account_id from collection_case where id = ?)""")
                .params(java.sql.Date.valueOf(OPENED.plusDays(5)), a).update();
        dashboards.backfill(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 9, 30));
        Fixture.ledgerAccounts(ledger, 3);
        dashboards.snapshot(TODAY);
    }

    private DashboardView view(String line, String variant) {
        return dashboards.dashboard(new Filter(line, fixture.strategy, variant, 36));
    }

    @Test
    void kpis_overTheWindow_matchTheHandCountedCases() {
        Kpis k = view(null, null).kpis();
        assertThat(k.success30().numerator()).isEqualTo(2);
        assertThat(k.success30().denominator()).isEqualTo(4);
        assertThat(k.success30().percent()).isEqualByComparingTo("50.0");
        assertThat(k.success60().percent()).isEqualByComparingTo("75.0");
        assertThat(k.success90().percent()).isEqualByComparingTo("75.0");
        // cured after 10, 20 and 50 days: the median is 20
        assertThat(k.medianCureDays()).isEqualTo(20);
        // 3 cured of 0 open at the start plus 4 opened
        assertThat(k.cureRate().percent()).isEqualByComparingTo("75.0");
        // one kept, one broken; the cancelled promise does not count
        assertThat(k.promiseKept().numerator()).isEqualTo(1);
        assertThat(k.promiseKept().denominator()).isEqualTo(2);
        assertThat(k.contactRate().get("SMS").percent()).isEqualByComparingTo("50.0");
        assertThat(k.contactRate().get("EMAIL").percent()).isEqualByComparingTo("100.0");
        assertThat(k.contactRate().get("CALL").denominator()).as("a cancelled call was not attempted").isZero();
        assertThat(k.contactRate().get("CALL").percent()).isNull();
        assertThat(k.complaints()).as("the complaint made during a case of the strategy").isEqualTo(1L);
    }

    @Test
    void successRate_ofThreeChampionCasesTwoCuredWithin30Days_is66point7() {
        Kpis k = view(null, "champion").kpis();
        assertThat(k.success30().numerator()).isEqualTo(2);
        assertThat(k.success30().denominator()).isEqualTo(3);
        assertThat(k.success30().percent()).isEqualByComparingTo("66.7");
        assertThat(k.medianCureDays()).as("the lower median of 10 and 20").isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource({"UTILITY, 66.7, 66.7", "BROADBAND, 0.0, 100.0"})
    void productLineFilter_narrowsTheCohorts(String line, String within30, String within60) {
        Kpis k = view(line, null).kpis();
        assertThat(k.success30().percent()).isEqualByComparingTo(within30);
        assertThat(k.success60().percent()).isEqualByComparingTo(within60);
    }

    @Test
    void trend_countsEachCohortInTheMonthItComesOfAge_andCuresAgainstTheOpenStock() {
        Map<String, Kpis> months = view(null, null).trend().stream()
                .collect(java.util.stream.Collectors.toMap(Month::label, Month::kpis));
        assertThat(months.get("2026-06").success30().denominator()).as("30 days after 1 June is 1 July").isZero();
        assertThat(months.get("2026-07").success30().percent()).isEqualByComparingTo("50.0");
        assertThat(months.get("2026-06").cureRate().percent()).as("2 cured of 4 opened").isEqualByComparingTo("50.0");
        // July: 1 cured of the 2 still open at the end of June
        assertThat(months.get("2026-07").openAtStart()).isEqualTo(2);
        assertThat(months.get("2026-07").cureRate().percent()).isEqualByComparingTo("50.0");
    }

    @Test
    void snapshotOfADate_writtenTwice_leavesTheSameRows_andAgreesWithTheBackfill() {
        LocalDate date = OPENED.plusDays(21);
        String rows = """
                select string_agg(concat_ws('|', as_of, product_line, strategy, variant, metric, key, value, count),
                                  ',' order by as_of, metric, product_line, strategy, variant, key)
                from kpi_daily where strategy = ? and as_of between ? and ?""";
        String backfilled = jdbc.sql(rows).params(fixture.strategy, date.minusDays(8), date).query(String.class).single();
        dashboards.snapshot(date);
        String once = jdbc.sql(rows).params(fixture.strategy, date.minusDays(8), date).query(String.class).single();
        long agingOnce = jdbc.sql("select count(*) from aging_daily where as_of = ?").param(date).query(Long.class)
                .single();
        dashboards.snapshot(date);
        String twice = jdbc.sql(rows).params(fixture.strategy, date.minusDays(8), date).query(String.class).single();
        long agingTwice = jdbc.sql("select count(*) from aging_daily where as_of = ?").param(date).query(Long.class)
                .single();
        assertThat(once).contains("CURE_DAYS|20|0|1").isEqualTo(backfilled);
        assertThat(twice).isEqualTo(once);
        assertThat(agingTwice).isEqualTo(agingOnce);
    }

    @ParameterizedTest
    @CsvSource({"en, Cured within 30 days, Contact rate by channel",
            "zh-CN, 30 天内回收, 各渠道触达率",
            "zh-TW, 30 天內回收, 各管道觸達率"})
    void page_rendersTheFiguresInEachLanguage(String language, String tile, String heading) throws Exception {
        Session s = signIn(Role.MANAGER);
        HttpResponse<String> page = s.get("/dashboard?months=36&strategy=" + fixture.strategy + "&lang=" + language);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(tile).contains(heading)
                .contains("data-kpi=\"success30\"").contains("50.0 %")
                .contains("id=\"def-success30\"").contains("aria-describedby=\"def-success30\"")
                .contains("<canvas id=\"chart-success\"").contains("<canvas id=\"chart-contacts\"")
                .contains("/webjars/chart.js/").contains("/js/dashboard.js")
                .doesNotContain("??");
        HttpResponse<String> unfiltered = s.get("/dashboard?lang=" + language);
        assertThat(unfiltered.body()).contains("<canvas id=\"chart-aging\"").contains("data-line=\"UTILITY\"");
        assertThat(page.body()).as("no inline script under the CSP").doesNotContainPattern("<script(?![^>]*src=)");
    }

    @Test
    void variantFilter_changesTheFigures_andHtmxGetsOnlyTheFigures() throws Exception {
        Session s = signIn(Role.STRATEGIST);
        String all = s.get("/dashboard?months=36&strategy=" + fixture.strategy).body();
        String champion = s.get("/dashboard?months=36&variant=champion&strategy=" + fixture.strategy).body();
        assertThat(tile(all, "success30")).contains("50.0 %");
        assertThat(tile(champion, "success30")).contains("66.7 %");
        HttpResponse<String> partial = s.get("/dashboard?months=36&variant=champion&strategy=" + fixture.strategy,
                Map.of("HX-Request", "true"));
        assertThat(partial.body()).startsWith("<div id=\"dashboard-figures\"").doesNotContain("<header")
                .contains("66.7 %");
    }

    @Test
    void api_returnsTheSameFiguresAsJson() throws Exception {
        HttpResponse<String> r = api(Role.AUDITOR, "/api/v1/dashboard?months=36&variant=champion&strategy="
                + fixture.strategy);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("filter").path("months").asInt()).isEqualTo(36);
        assertThat(body.path("filter").path("variant").asString()).isEqualTo("champion");
        assertThat(body.path("kpis").path("success30").path("numerator").asLong()).isEqualTo(2);
        assertThat(body.path("kpis").path("success30").path("denominator").asLong()).isEqualTo(3);
        assertThat(body.path("kpis").path("success30").path("percent").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(body.path("kpis").path("contactRate").path("SMS").path("percent").decimalValue())
                .isEqualByComparingTo("50.0");
        assertThat(body.path("kpis").path("complaints").asLong()).isEqualTo(1);
        assertThat(body.path("trend").isArray()).isTrue();
        assertThat(body.path("trend").size()).isEqualTo(36);
        assertThat(body.path("trend").get(0).has("label")).isTrue();
        assertThat(body.path("aging").path("buckets").get(0).asString()).isEqualTo("CURRENT");
        assertThat(body.path("rolls").isArray()).isTrue();
        assertThat(body.path("options").path("variants").isArray()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"months=0, months", "months=abc, months", "productLine=SPACESHIP, productLine"})
    void api_refusesBadParameters_asProblems(String query, String parameter) throws Exception {
        HttpResponse<String> r = api(Role.MANAGER, "/api/v1/dashboard?" + query);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(r.body()).path("errors").get(0).path("parameter").asString()).isEqualTo(parameter);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleButTheAgency_readsTheDashboard(Role role) throws Exception {
        int expected = role == Role.AGENCY ? 403 : 200;
        assertThat(api(role, "/api/v1/dashboard").statusCode()).isEqualTo(expected);
        HttpResponse<String> page = signIn(role).get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(expected);
        assertThat(page.body().contains("data-nav=\"nav.dashboard\"")).isEqualTo(role != Role.AGENCY);
    }

    @ParameterizedTest
    @CsvSource({"MANAGER, /dashboard", "SUPERVISOR, /dashboard", "STRATEGIST, /dashboard", "ADMIN, /dashboard",
            "AUDITOR, /dashboard", "COLLECTOR, /", "AGENCY, /"})
    void signingIn_landsOverseersOnTheDashboard(Role role, String landing) throws Exception {
        Session s = new Session();
        HttpResponse<String> after = s.login(user(role));
        assertThat(after.uri().getPath()).isEqualTo(landing);
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private static String tile(String page, String kpi) {
        int at = page.indexOf("data-kpi=\"" + kpi + "\"");
        assertThat(at).as("tile " + kpi).isPositive();
        return page.substring(at, page.indexOf("</li>", at));
    }

    private String user(Role role) {
        String name = "dash-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of(role.name()), PASSWORD, "dashboard-test");
        return name;
    }

    private Session signIn(Role role) throws Exception {
        Session s = new Session();
        s.login(user(role));
        return s;
    }

    private HttpResponse<String> api(Role role, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user(role) + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + basic).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A browser-like session: cookies, the login form with its CSRF token, GETs in English unless asked. */
    private final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> login(String name) throws Exception {
            Matcher token = CSRF.matcher(get("/login").body());
            assertThat(token.find()).isTrue();
            String body = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password=" + PASSWORD
                    + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws Exception {
            return get(path, Map.of());
        }

        HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").header("Accept-Language", "en");
            headers.forEach(request::header);
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
