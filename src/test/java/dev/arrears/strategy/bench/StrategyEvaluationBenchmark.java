package dev.arrears.strategy.bench;

import dev.arrears.strategy.document.StrategyDocument;
import dev.arrears.strategy.domain.CompiledStrategy;
import dev.arrears.strategy.domain.Decision;
import dev.arrears.strategy.domain.Facts;
import dev.arrears.strategy.domain.InterimScore;
import dev.arrears.strategy.domain.Situation;
import dev.arrears.strategy.domain.StrategyBook;
import dev.arrears.strategy.domain.StrategyDefinition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH: deciding for one account with the shipped strategies (appliesTo, segment conditions, champion/challenger
 * hash, stopWhen, ladder timing), over a rotating set of 1,024 accounts with varied facts so that no branch is
 * always taken. Run with {@code scripts/jmh StrategyEvaluation} (see docs/cycle.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StrategyEvaluationBenchmark {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String[] LINES = {"TELECOM_POSTPAID", "BROADBAND", "WALLET_CREDIT", "B2B_INVOICE",
            "UTILITY", "OTHER"};

    @Param({"shipped"})
    public String strategies;

    private StrategyBook book;
    private Situation[] situations;
    private int next;

    @Setup
    public void setUp() throws Exception {
        List<CompiledStrategy> compiled = new ArrayList<>();
        long id = 1;
        for (String name : List.of("telecom-consumer", "wallet-credit", "b2b-invoices", "general")) {
            try (InputStream in = getClass().getResourceAsStream("/strategies/" + name + ".yaml")) {
                if (in == null) {
                    continue;
                }
                var parsed = StrategyDocument.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
                if (!parsed.valid()) {
                    throw new IllegalStateException(name + ": " + parsed.errors());
                }
                compiled.add(CompiledStrategy.compile(id, 1, parsed.definition()));
                id++;
            }
        }
        book = new StrategyBook(compiled);
        Random random = new Random(7);
        situations = new Situation[1024];
        for (int i = 0; i < situations.length; i++) {
            int dpd = random.nextInt(120);
            double overdue = dpd == 0 ? 0 : 5 + random.nextInt(20_000);
            Facts f = new Facts(i + 1, overdue + random.nextInt(500), overdue, dpd, dpd == 0 ? "CURRENT" : "1-30",
                    LINES[random.nextInt(LINES.length)], random.nextBoolean() ? "CNY" : "USD", "ACTIVE", 5000,
                    random.nextInt(5) == 0 ? "BUSINESS" : "PERSON", "zh-CN", "Asia/Shanghai", random.nextInt(60),
                    random.nextBoolean(), List.of("SMS", "EMAIL", "CALL"), random.nextInt(4), random.nextInt(90),
                    random.nextDouble(), random.nextInt(2), 0, random.nextInt(60), 0, "", 0, 0, "", false, false);
            situations[i] = new Situation(InterimScore.scored(f), TODAY, TODAY.minusDays(Math.max(dpd, 1)), null);
        }
    }

    @Benchmark
    public Decision decideOneAccount() {
        Situation s = situations[next++ & 1023];
        return book.decide(s);
    }
}
