package dev.arrears.scoring.model;

/**
 * Logistic regression fitted by Newton's method (iteratively reweighted least squares) with an L2 ridge on the
 * coefficients but not on the intercept: minimises −log-likelihood + ridge/2 × Σβ². Deterministic; stops when the
 * largest step is below the tolerance or after the maximum iterations.
 */
public final class LogisticRegression {

    private LogisticRegression() {
    }

    /**
     * Fit settings.
     *
     * @param ridge         L2 penalty on the coefficients (not the intercept), 0 or more
     * @param tolerance     stop when no coefficient moves more than this in a step
     * @param maxIterations most Newton steps
     */
    public record Options(double ridge, double tolerance, int maxIterations) {

        public Options {
            if (!(ridge >= 0) || !(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("ridge >= 0, tolerance > 0 and maxIterations >= 1 are required");
            }
        }

        /** Returns ridge 1, tolerance 1e-8, 50 iterations. */
        public static Options defaults() {
            return new Options(1.0, 1e-8, 50);
        }
    }

    /**
     * A fitted model: logit(P(bad)) = intercept + Σ coefficients[j] × x[j].
     *
     * @param intercept    the intercept
     * @param coefficients one per input column
     * @param iterations   Newton steps taken
     */
    public record Fit(double intercept, double[] coefficients, int iterations) {

        /** Returns the log-odds of the bad outcome for one row. */
        public double logit(double[] x) {
            double z = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                z += coefficients[j] * x[j];
            }
            return z;
        }

        /** Returns the probability of the bad outcome for one row. */
        public double probability(double[] x) {
            return sigmoid(logit(x));
        }
    }

    /** Returns the logistic function of z. */
    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Fits the model to rows {@code x[i]} (each of the same length) and targets {@code y[i]} in {0, 1}. */
    public static Fit fit(double[][] x, int[] y, Options options) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException("logistic regression needs rows and one target per row");
        }
        int p = x[0].length + 1;
        double[] beta = new double[p];
        double mean = 0;
        for (int t : y) {
            mean += t;
        }
        mean /= n;
        // start from the base rate so the first step is small
        mean = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
        beta[0] = Math.log(mean / (1 - mean));
        int iteration = 0;
        double[] row = new double[p];
        while (iteration < options.maxIterations()) {
            iteration++;
            double[][] h = new double[p][p];
            double[] grad = new double[p];
            for (int i = 0; i < n; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, p - 1);
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += beta[j] * row[j];
                }
                double mu = sigmoid(z);
                double w = Math.max(mu * (1 - mu), 1e-12);
                double r = y[i] - mu;
                for (int j = 0; j < p; j++) {
                    double rj = row[j];
                    if (rj == 0) {
                        continue;
                    }
                    grad[j] += r * rj;
                    double wr = w * rj;
                    for (int k = 0; k <= j; k++) {
                        h[j][k] += wr * row[k];
                    }
                }
            }
            for (int j = 1; j < p; j++) {
                h[j][j] += options.ridge();
                grad[j] -= options.ridge() * beta[j];
            }
            for (int j = 0; j < p; j++) {
                for (int k = j + 1; k < p; k++) {
                    h[j][k] = h[k][j];
                }
                // a tiny jitter keeps the system solvable when a column is constant
                h[j][j] += 1e-9;
            }
            double[] step = solve(h, grad);
            // a full Newton step can overshoot far from the optimum (near-separated bins, copies of a column) and
            // diverge: halve it until the penalised objective does not get worse (the optimum is unique, so a
            // step that already improves it is taken whole and the answer is unchanged)
            double before = objective(x, y, beta, options.ridge());
            double[] next = new double[p];
            double scale = 1;
            for (int halving = 0; halving < 40; halving++) {
                for (int j = 0; j < p; j++) {
                    next[j] = beta[j] + scale * step[j];
                }
                double after = objective(x, y, next, options.ridge());
                if (after <= before || !Double.isFinite(before)) {
                    break;
                }
                scale /= 2;
            }
            double largest = 0;
            for (int j = 0; j < p; j++) {
                largest = Math.max(largest, Math.abs(next[j] - beta[j]));
                beta[j] = next[j];
            }
            if (largest < options.tolerance()) {
                break;
            }
        }
        double[] coefficients = new double[p - 1];
        System.arraycopy(beta, 1, coefficients, 0, p - 1);
        return new Fit(beta[0], coefficients, iteration);
    }

    /** Returns the negative log-likelihood plus the ridge penalty (λ/2 Σ βⱼ², not on the intercept) at beta. */
    static double objective(double[][] x, int[] y, double[] beta, double ridge) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double z = beta[0];
            for (int j = 1; j < beta.length; j++) {
                z += beta[j] * x[i][j - 1];
            }
            // log(1 + e^z) − y·z, computed without overflow
            total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        }
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return total + ridge / 2 * penalty;
    }

    /** Solves the symmetric positive definite system {@code a · s = b} by Cholesky decomposition. */
    static double[] solve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(sum, 1e-12));
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] s = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < p; k++) {
                sum -= l[k][i] * s[k];
            }
            s[i] = sum / l[i][i];
        }
        return s;
    }
}
