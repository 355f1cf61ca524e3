package dev.arrears.demo;

import dev.arrears.ArrearsApplication;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.Promises;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Ledger;
import dev.arrears.reporting.DashboardView;
import dev.arrears.reporting.DashboardView.Filter;
import dev.arrears.reporting.Dashboards;
import dev.arrears.reporting.domain.Rate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a small demo portfolio (120 customers, seed 42, its year up to the test clock's 23 November 2026) and
 * checks that the promises its customers make are real ones: rows of the arrangement module taken on the replayed
 * days, kept by the payment that comes on the promised day or broken once the grace days have passed, and counted
 * by the dashboard's promise-kept rate. The replay runs the cycle for every past day over every account in the
 * database, so it gets a database of its own (a fresh embedded one, or a fresh database on the server
 * {@code ARREARS_DB_URL} names, dropped afterwards) rather than the one the other tests share.
 */
@Tag("integration")
class DemoReplayPromisesTest {

    private static final int CUSTOMERS = 120;
    private static final long SEED = 42;

    private static ConfigurableApplicationContext context;
    private static String serverDatabase;
    private static DemoReplay.Result result;
    private static LocalDate asOf;
    private static List<PromiseView> promises;

    @BeforeAll
    static void replayTheDemo() throws Exception {
        List<String> args = new ArrayList<>(List.of("--arrears.demo.enabled=false",
                "--arrears.contact.dispatch.enabled=false", "--logging.level.dev.arrears=WARN"));
        String server = System.getenv("ARREARS_DB_URL");
        if (server == null || server.isBlank()) {
            args.add("--arrears.db.url=");
            args.add("--arrears.db.embedded.data-dir=target/test-postgres-demo");
            args.add("--arrears.db.embedded.clean=true");
        } else {
            serverDatabase = "arrears_demo_" + UUID.randomUUID().toString().substring(0, 8);
            execute(server, "create database " + serverDatabase);
            args.add("--arrears.db.url=" + withDatabase(server, serverDatabase));
        }
        context = new SpringApplicationBuilder(ArrearsApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        DemoLoader loader = context.getBean(DemoLoader.class);
        asOf = loader.today();
        result = loader.replay(CUSTOMERS, SEED, asOf, p -> { });

        Ledger ledger = context.getBean(Ledger.class);
        Promises arrangements = context.getBean(Promises.class);
        Map<String, Long> ids = ledger.accountIds(DemoPortfolio.portfolio(CUSTOMERS, SEED, asOf).batch().accounts()
                .stream().map(OpenAccount::externalRef).toList());
        promises = ids.values().stream().flatMap(id -> arrangements.promises(id).stream()).toList();
    }

    @AfterAll
    static void closeAndDrop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (serverDatabase != null) {
            execute(System.getenv("ARREARS_DB_URL"), "drop database if exists " + serverDatabase);
        }
    }

    @Test
    void theReplayTakesRealPromises_someKeptAndSomeBroken() {
        assertThat(result).isNotNull();
        assertThat(promises).hasSize(result.promises());
        assertThat(promises).filteredOn(p -> p.state().equals("KEPT")).hasSize(result.promisesKept()).isNotEmpty();
        assertThat(promises).filteredOn(p -> p.state().equals("BROKEN")).hasSize(result.promisesBroken())
                .isNotEmpty();
        assertThat(promises).allSatisfy(p -> {
            assertThat(p.takenBy()).isEqualTo(DemoReplay.ACTOR);
            // taken on a replayed day, for a date three to seven days after it
            assertThat(p.takenOn()).isBefore(asOf.plusDays(1)).isAfter(asOf.minusYears(1));
            assertThat(p.promisedOn()).isBetween(p.takenOn().plusDays(3), p.takenOn().plusDays(7));
            assertThat(p.amountMinor()).isPositive();
        });
    }

    @Test
    void keptPromisesWerePaid_brokenOnesEndedTheDayAfterTheirGrace() {
        assertThat(promises).filteredOn(p -> p.state().equals("KEPT")).allSatisfy(p -> {
            assertThat(p.paidMinor() >= p.amountMinor() || p.endReason().equals("nothing is overdue any more"))
                    .as("promise %d: %s", p.id(), p.endReason()).isTrue();
            // at the latest by the review of the day after the grace days, which counts that day's payments too
            // (the replay loads a day's payments before its cycle runs)
            assertThat(p.endedOn()).isBetween(p.takenOn().plusDays(1), p.promisedOn().plusDays(p.graceDays() + 1L));
        });
        assertThat(promises).filteredOn(p -> p.state().equals("BROKEN")).allSatisfy(p -> {
            assertThat(p.paidMinor()).isLessThan(p.amountMinor());
            assertThat(p.endedOn()).isEqualTo(p.promisedOn().plusDays(p.graceDays() + 1L));
        });
        // a promise whose last day of grace has passed was reviewed by that day's cycle: none is left active
        assertThat(promises).filteredOn(p -> p.state().equals("ACTIVE"))
                .allSatisfy(p -> assertThat(p.promisedOn().plusDays(p.graceDays())).isAfterOrEqualTo(asOf));
    }

    @Test
    void theDashboardCountsThePromisesKeptAndBroken() {
        DashboardView dashboard = context.getBean(Dashboards.class).dashboard(new Filter(null, null, null,
                Filter.MAX_MONTHS));
        // the figures of a day are written by the next day's cycle: up to the day before the last replayed day
        assertThat(dashboard.to()).isEqualTo(asOf.minusDays(1));
        List<PromiseView> counted = promises.stream().filter(p -> p.endedOn() != null
                && !p.endedOn().isAfter(dashboard.to())).toList();
        Rate kept = dashboard.kpis().promiseKept();
        assertThat(kept.numerator()).isPositive()
                .isEqualTo(counted.stream().filter(p -> p.state().equals("KEPT")).count());
        assertThat(kept.denominator()).isGreaterThan(kept.numerator())
                .isEqualTo(counted.stream().filter(p -> !p.state().equals("CANCELLED")).count());
    }

    /** Runs one statement on the server's database (the one the URL names). */
    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, System.getenv("ARREARS_DB_USER"),
                System.getenv("ARREARS_DB_PASSWORD")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Returns a JDBC URL naming another database on the same server ({@code jdbc:postgresql://host:port/db?…}). */
    private static String withDatabase(String url, String database) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
