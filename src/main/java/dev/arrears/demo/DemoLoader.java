package dev.arrears.demo;

import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.platform.DatabaseConfiguration.DatabaseTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Loads a generated demo portfolio into the ledger, on request (the {@code demo} command) and once on the first
 * start of a server whose embedded database is still empty. Loading is idempotent: the records carry stable
 * external references, so loading the same seed and date again creates nothing.
 */
@Component
public class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    /** The demo's business day follows mainland China, where most of its customers live. */
    public static final ZoneId DEMO_ZONE = ZoneId.of("Asia/Shanghai");

    private final Ledger ledger;
    private final DemoReplay replay;
    private final DatabaseTarget database;
    private final Clock clock;
    private final boolean enabled;
    private final int customers;
    private final long seed;

    DemoLoader(Ledger ledger, Cycles cycles, DatabaseTarget database, Clock clock,
               @Value("${arrears.demo.enabled:true}") boolean enabled,
               @Value("${arrears.demo.customers:5000}") int customers,
               @Value("${arrears.demo.seed:42}") long seed) {
        this.ledger = ledger;
        this.replay = new DemoReplay(ledger, cycles);
        this.database = database;
        this.clock = clock;
        this.enabled = enabled;
        this.customers = customers;
        this.seed = seed;
    }

    /** Generates a portfolio and loads it in one transaction; returns what was created. */
    public LoadReport load(int customers, long seed, LocalDate asOf) {
        LedgerBatch batch = DemoPortfolio.generate(customers, seed, asOf);
        return ledger.load(batch);
    }

    /**
     * Generates a portfolio and replays its twelve months day by day through the collection cycle (see
     * {@link DemoReplay}); returns null when the demo's records are already in the ledger (nothing is done: a
     * replay writes the past and runs the cycle for past dates, which only makes sense once).
     */
    public DemoReplay.Result replay(int customers, long seed, LocalDate asOf,
                                    java.util.function.Consumer<DemoReplay.Progress> progress) {
        DemoPortfolio.Portfolio portfolio = DemoPortfolio.portfolio(customers, seed, asOf);
        if (!portfolio.batch().accounts().isEmpty()
                && !ledger.accountIds(List.of(portfolio.batch().accounts().getFirst().externalRef())).isEmpty()) {
            return null;
        }
        return replay.replay(portfolio, asOf, seed, progress);
    }

    /** Returns today's date in Asia/Shanghai by the application clock: the default as-of date of a demo. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(DEMO_ZONE));
    }

    /** Loads the default demo on the first start of an empty embedded database. */
    @EventListener(ApplicationReadyEvent.class)
    void loadOnFirstStart() {
        if (!enabled || !database.embedded() || ledger.customerCount() > 0) {
            return;
        }
        long started = System.nanoTime();
        LocalDate asOf = today();
        log.info("Loading the demo portfolio: {} customers, twelve months replayed day by day through the cycle",
                customers);
        DemoReplay.Result result = replay(customers, seed, asOf, p -> {
            if (p.dayNumber() % 30 == 0) {
                log.info("Demo replay: {} of {} days ({}), {} actions planned", p.dayNumber(), p.days(), p.day(),
                        p.actions());
            }
        });
        if (result == null) {
            return;
        }
        LoadReport report = result.ledger();
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Loaded the demo portfolio (seed {}, as of {}): {} records ({} customers, {} accounts, {} bills, "
                        + "{} payments, {} adjustments), {} cases and {} actions over {} days in {} ms",
                seed, asOf, report.created(), report.customersCreated(), report.accountsCreated(),
                report.billsCreated(), report.paymentsCreated(), report.adjustmentsCreated(), result.cases(),
                result.actions(), result.days(), millis);
    }
}
