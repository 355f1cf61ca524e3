package dev.arrears.cli;

import dev.arrears.demo.DemoLoader;
import dev.arrears.demo.DemoReplay;
import dev.arrears.ledger.LoadReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arrears demo --customers N --seed S [--as-of D]}: generates a demo portfolio and replays its twelve months
 * day by day through the collection cycle, with progress on stderr. The last line is
 * {@code demo customers=… accounts=… bills=… payments=… seconds=…}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a realistic demo portfolio (same seed, same records) and replays its year through the cycle.")
class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "5000", description = "Customers to generate (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", paramLabel = "D", description = "Last day of the portfolio's history, YYYY-MM-DD (default: today in Asia/Shanghai).")
    LocalDate asOf;

    @Override
    public Integer call() {
        if (customers < 1) {
            throw new ParameterException(spec.commandLine(), "--customers must be at least 1, not " + customers);
        }
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            DemoLoader loader = context.getBean(DemoLoader.class);
            LocalDate date = asOf != null ? asOf : loader.today();
            // seconds: generating and loading, without the start of the application
            long started = System.nanoTime();
            int[] shown = {-1};
            DemoReplay.Result result = loader.replay(customers, seed, date, p -> {
                int percent = p.dayNumber() * 100 / p.days();
                if (percent / 10 != shown[0]) {
                    shown[0] = percent / 10;
                    System.err.printf(Locale.ROOT, "replaying %s: day %d of %d (%d%%), %d actions planned%n",
                            p.day(), p.dayNumber(), p.days(), percent, p.actions());
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            if (result == null) {
                spec.commandLine().getOut().println("the demo portfolio is already loaded; nothing to do");
            }
            LoadReport report = result == null ? new LoadReport(0, 0, 0, 0, 0, 0, 0) : result.ledger();
            if (result != null) {
                spec.commandLine().getOut().println(String.format(Locale.ROOT,
                        "replay days=%d cases=%d actions=%d paid_after_contact=%d promises=%d kept=%d broken=%d "
                                + "disputes=%d",
                        result.days(), result.cases(), result.actions(), result.payNow(), result.promises(),
                        result.promisesKept(), result.promisesBroken(), result.disputes()));
            }
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "demo customers=%d accounts=%d bills=%d payments=%d seconds=%.2f",
                    report.customersCreated(), report.accountsCreated(), report.billsCreated(),
                    report.paymentsCreated(), seconds));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
