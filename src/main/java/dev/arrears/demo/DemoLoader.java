package dev.arrears.demo;

import dev.arrears.arrangement.Promises;
import dev.arrears.bank.DebitViews.NewMandate;
import dev.arrears.bank.DebitViews.Scheme;
import dev.arrears.bank.DirectDebits;
import dev.arrears.bank.domain.Iban;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.RegisterCustomer;
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
import java.util.Map;

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
    private final DirectDebits debits;
    private final DemoReplay replay;
    private final DatabaseTarget database;
    private final Clock clock;
    private final boolean enabled;
    private final int customers;
    private final long seed;

    DemoLoader(Ledger ledger, Cycles cycles, Promises promises, DatabaseTarget database, Clock clock,
               DirectDebits debits, @Value("${arrears.demo.enabled:true}") boolean enabled,
               @Value("${arrears.demo.customers:5000}") int customers,
               @Value("${arrears.demo.seed:42}") long seed) {
        this.ledger = ledger;
        this.debits = debits;
        this.replay = new DemoReplay(ledger, cycles, promises, clock);
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
        DemoReplay.Result result = replay.replay(portfolio, asOf, seed, progress);
        mandates(portfolio, asOf);
        return result;
    }

    /**
     * Records auto-debit mandates for part of the portfolio, signed when each account opened: every second
     * customer who pays on time (many by direct debit) and every third in hardship (whose collections will come
     * back). GBP accounts give a UK IBAN, the others a payment agreement held by a gateway. Returns how many.
     */
    int mandates(DemoPortfolio.Portfolio portfolio, LocalDate asOf) {
        int made = 0;
        int onTime = 0;
        int hardship = 0;
        Map<String, Long> ids = ledger.accountIds(portfolio.batch().accounts().stream().map(OpenAccount::externalRef)
                .toList());
        for (OpenAccount a : portfolio.batch().accounts()) {
            Archetype archetype = portfolio.archetypes().get(a.customerRef());
            boolean pick = archetype == Archetype.PAYS_ON_TIME ? onTime++ % 2 == 0
                    : archetype == Archetype.HARDSHIP && hardship++ % 3 == 0;
            Long id = ids.get(a.externalRef());
            if (!pick || id == null || a.openedOn().isAfter(asOf) || a.status() != AccountStatus.ACTIVE) {
                continue;
            }
            String number = String.format("%014d", id);
            boolean gbp = a.currency().getCurrencyCode().equals("GBP");
            String customer = portfolio.batch().customers().stream()
                    .filter(c -> c.externalRef().equals(a.customerRef())).map(RegisterCustomer::name).findFirst()
                    .orElse(a.externalRef());
            try {
                debits.createMandate(id, new NewMandate("DEMO-" + a.externalRef(),
                        Scheme.CORE, customer, gbp ? Iban.withCheckDigits("GB", "DEMO" + number) : null, null,
                        gbp ? null : "GW-AGREEMENT-" + number, a.openedOn()), "demo");
                made++;
            } catch (RuntimeException e) {
                log.warn("no demo mandate for {}: {}", a.externalRef(), e.getMessage());
            }
        }
        log.info("Demo: {} auto-debit mandates recorded", made);
        return made;
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
                        + "{} payments, {} adjustments), {} cases, {} actions and {} promises ({} kept, {} broken) "
                        + "over {} days in {} ms",
                seed, asOf, report.created(), report.customersCreated(), report.accountsCreated(),
                report.billsCreated(), report.paymentsCreated(), report.adjustmentsCreated(), result.cases(),
                result.actions(), result.promises(), result.promisesKept(), result.promisesBroken(), result.days(),
                millis);
    }
}
