package dev.arrears.scoring.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Builds synthetic datasets for the model tests: numeric columns drawn from a normal law, the target from a logit. */
final class Synthetic {

    private Synthetic() {
    }

    /** Returns {@code rows} rows of {@code columns} standard normal numeric columns x0..; bad with σ(logit(x)). */
    static Dataset normal(int rows, int columns, long seed, ToDoubleFunction<double[]> logit) {
        List<Column> cols = java.util.stream.IntStream.range(0, columns).mapToObj(j -> Column.numeric("x" + j))
                .toList();
        Dataset.Builder builder = Dataset.builder(cols);
        SplittableRandom random = new SplittableRandom(seed);
        String[] none = new String[columns];
        for (int i = 0; i < rows; i++) {
            double[] x = new double[columns];
            for (int j = 0; j < columns; j++) {
                x[j] = gaussian(random);
            }
            double p = LogisticRegression.sigmoid(logit.applyAsDouble(x));
            builder.add(x, none, random.nextDouble() < p ? 1 : 0);
        }
        return builder.build();
    }

    /** Returns a standard normal draw (Box–Muller, so the stream of draws is fixed by the seed). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Returns the predictions of a model on every row of a dataset. */
    static double[] predict(Model model, Dataset data) {
        double[] p = new double[data.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = model.probabilityBad(data.numericRow(i), data.categoryRow(i));
        }
        return p;
    }

    /** Returns the German credit data of the test resources. */
    static Dataset german() {
        try (var reader = new java.io.InputStreamReader(
                Synthetic.class.getResourceAsStream("/scoring/german-credit.csv"),
                java.nio.charset.StandardCharsets.UTF_8)) {
            return CsvDataset.read(reader, "class", "bad");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
