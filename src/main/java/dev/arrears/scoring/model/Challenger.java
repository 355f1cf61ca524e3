package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The challenger model (kind {@code challenger}): gradient-boosted regression trees on the log-odds of the bad
 * outcome (binary log-loss, Newton leaf values −G/(H+λ) shrunk by the learning rate). Columns are coded first:
 * numeric values into at most {@code maxBins} quantile bins, categories into codes (rare ones share one code), and
 * missing values into a code of their own, so every split sends a set of codes left: a threshold on numeric bins
 * with missing values going the way that gained most, or a prefix of the categories ordered by their gradient
 * ratio in the node. Reasons use path attributions (Saabas): each split's change of the node value is credited
 * to the split's feature, converted to points on the same scale as the scorecard.
 */
public final class Challenger implements Model {

    /** The kind name. */
    public static final String KIND = "challenger";

    /**
     * How one column is coded for the trees. Numeric: code = number of {@code edges} ≤ value; categorical: the
     * category's code, or {@code other} (= size of the map) for a rare or unseen one. Missing is always code
     * {@link #missingCode()}.
     *
     * @param type       column type
     * @param edges      numeric bin edges, ascending (empty for categorical)
     * @param categories category to code (empty for numeric)
     */
    public record Coding(Column.Type type, double[] edges, Map<String, Integer> categories) {

        public Coding {
            edges = edges.clone();
            categories = Map.copyOf(categories);
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i] > edges[i - 1])) {
                    throw new IllegalArgumentException("bin edges must ascend");
                }
            }
            for (Integer code : categories.values()) {
                if (code < 0 || code >= categories.size()) {
                    throw new IllegalArgumentException("category codes must be 0 to " + (categories.size() - 1));
                }
            }
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        /** Returns the code of missing values (the last code). */
        public int missingCode() {
            return type == Column.Type.NUMERIC ? edges.length + 1 : categories.size() + 1;
        }

        /** Returns the number of codes, missing included. */
        public int codes() {
            return missingCode() + 1;
        }

        /** Returns the code of a value. */
        public int code(double value, String category) {
            if (type == Column.Type.NUMERIC) {
                if (Double.isNaN(value)) {
                    return missingCode();
                }
                int lo = 0;
                int hi = edges.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (edges[mid] <= value) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return lo;
            }
            if (category == null) {
                return missingCode();
            }
            Integer c = categories.get(category);
            return c == null ? categories.size() : c;
        }
    }

    /**
     * One regression tree as parallel arrays over its nodes (node 0 is the root). An internal node sends a row
     * left when {@code goesLeft[node][code]} of its feature's code is true; {@code value} holds every node's
     * shrunk Newton value (a leaf's is its output; inner ones serve the attributions).
     *
     * @param feature  split column per node, -1 for a leaf
     * @param goesLeft per inner node, which codes go left (null for a leaf)
     * @param left     left child per node, -1 for a leaf
     * @param right    right child per node, -1 for a leaf
     * @param value    node value in log-odds of bad
     */
    public record Tree(int[] feature, boolean[][] goesLeft, int[] left, int[] right, double[] value) {

        public Tree {
            feature = feature.clone();
            goesLeft = deepCopy(goesLeft);
            left = left.clone();
            right = right.clone();
            value = value.clone();
        }

        private static boolean[][] deepCopy(boolean[][] a) {
            boolean[][] out = new boolean[a.length][];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] == null ? null : a[i].clone();
            }
            return out;
        }

        @Override
        public int[] feature() {
            return feature.clone();
        }

        @Override
        public boolean[][] goesLeft() {
            return deepCopy(goesLeft);
        }

        @Override
        public int[] left() {
            return left.clone();
        }

        @Override
        public int[] right() {
            return right.clone();
        }

        @Override
        public double[] value() {
            return value.clone();
        }

        /** Returns the split column of a node, -1 for a leaf. */
        int featureAt(int node) {
            return feature[node];
        }

        /** Returns the child a row with this code of the node's feature goes to. */
        int next(int node, int code) {
            return goesLeft[node][code] ? left[node] : right[node];
        }

        /** Returns a node's value in log-odds of bad. */
        double valueAt(int node) {
            return value[node];
        }

        /** Returns the leaf index a coded row reaches. */
        int leaf(int[] codes) {
            int node = 0;
            while (feature[node] >= 0) {
                node = next(node, codes[feature[node]]);
            }
            return node;
        }
    }

    private final List<Column> columns;
    private final List<Coding> codings;
    private final double bias;
    private final List<Tree> trees;
    private final PointsScale scale;

    /** Builds a challenger from its parts (as trained or as read from JSON). */
    public Challenger(List<Column> columns, List<Coding> codings, double bias, List<Tree> trees, PointsScale scale) {
        if (columns.size() != codings.size()) {
            throw new IllegalArgumentException("a challenger needs one coding per column");
        }
        for (Tree tree : trees) {
            int[] feature = tree.feature();
            int[] left = tree.left();
            int[] right = tree.right();
            boolean[][] goesLeft = tree.goesLeft();
            int n = feature.length;
            if (n == 0 || left.length != n || right.length != n || tree.value().length != n || goesLeft.length != n) {
                throw new IllegalArgumentException("a tree's node arrays are empty or differ in length");
            }
            for (int i = 0; i < n; i++) {
                if (feature[i] >= 0) {
                    // children come after their parent, so a walk from the root always ends at a leaf
                    if (feature[i] >= columns.size() || left[i] <= i || right[i] <= i
                            || left[i] >= n || right[i] >= n || goesLeft[i] == null
                            || goesLeft[i].length != codings.get(feature[i]).codes()) {
                        throw new IllegalArgumentException("tree node " + i + " is malformed");
                    }
                }
            }
        }
        this.columns = List.copyOf(columns);
        this.codings = List.copyOf(codings);
        this.bias = bias;
        this.trees = List.copyOf(trees);
        this.scale = scale;
    }

    /** Trains a challenger with the default options. */
    public static Challenger train(Dataset data, long seed) {
        return train(data, ChallengerOptions.defaults(), seed);
    }

    /** Trains a challenger on the data; the seed drives the row subsampling. */
    public static Challenger train(Dataset data, ChallengerOptions options, long seed) {
        return new Booster(data, options, seed).run();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    /** Returns each column's coding. */
    public List<Coding> codings() {
        return codings;
    }

    /** Returns the starting log-odds (the training base rate). */
    public double bias() {
        return bias;
    }

    /** Returns the trees. */
    public List<Tree> trees() {
        return trees;
    }

    /** Returns the points scale. */
    public PointsScale scale() {
        return scale;
    }

    private int[] code(double[] numeric, String[] categories) {
        int[] codes = new int[columns.size()];
        for (int c = 0; c < codes.length; c++) {
            codes[c] = codings.get(c).code(numeric[c], categories[c]);
        }
        return codes;
    }

    /** Returns the log-odds of the bad outcome for one row. */
    public double logit(double[] numeric, String[] categories) {
        int[] codes = code(numeric, categories);
        double z = bias;
        for (Tree t : trees) {
            z += t.valueAt(t.leaf(codes));
        }
        return z;
    }

    @Override
    public double probabilityBad(double[] numeric, String[] categories) {
        return LogisticRegression.sigmoid(logit(numeric, categories));
    }

    @Override
    public Score score(double[] numeric, String[] categories) {
        int[] codes = code(numeric, categories);
        double[] contribution = new double[columns.size()];
        double z = bias;
        for (Tree t : trees) {
            int node = 0;
            z += t.valueAt(0);
            while (t.featureAt(node) >= 0) {
                int f = t.featureAt(node);
                int next = t.next(node, codes[f]);
                contribution[f] += t.valueAt(next) - t.valueAt(node);
                z += t.valueAt(next) - t.valueAt(node);
                node = next;
            }
        }
        Integer[] order = new Integer[columns.size()];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        // most added log-odds of bad = most points lost first
        Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -contribution[c]).thenComparing(c -> c));
        List<Reason> reasons = new ArrayList<>();
        for (int c : order) {
            String label = columns.get(c).type() == Column.Type.NUMERIC
                    ? Binning.format(numeric[c])
                    : (categories[c] == null ? "missing" : categories[c]);
            reasons.add(new Reason(columns.get(c).name(), label, -contribution[c] * scale.factor()));
        }
        return new Score(LogisticRegression.sigmoid(z), Math.round(scale.points(z)), reasons);
    }

    /** The training loop: codes the data, then grows one tree per round on the log-loss gradients. */
    private static final class Booster {

        private final ChallengerOptions o;
        private final List<Column> columns;
        private final List<Coding> codings = new ArrayList<>();
        private final short[][] codes;
        private final int[] y;
        private final int n;
        private final SplittableRandom random;
        private final double[] grad;
        private final double[] hess;
        private int[] rows;

        Booster(Dataset data, ChallengerOptions options, long seed) {
            o = options;
            columns = data.columns();
            n = data.rows();
            y = data.targets();
            random = new SplittableRandom(seed);
            codes = new short[columns.size()][];
            for (int c = 0; c < columns.size(); c++) {
                Coding coding = columns.get(c).type() == Column.Type.NUMERIC
                        ? numericCoding(data.numericColumn(c))
                        : categoricalCoding(data.categoricalColumn(c));
                codings.add(coding);
                short[] col = new short[n];
                for (int i = 0; i < n; i++) {
                    col[i] = (short) (columns.get(c).type() == Column.Type.NUMERIC
                            ? coding.code(data.numeric(i, c), null) : coding.code(Double.NaN, data.category(i, c)));
                }
                codes[c] = col;
            }
            grad = new double[n];
            hess = new double[n];
        }

        private Coding numericCoding(double[] x) {
            double[] present = Arrays.stream(x).filter(v -> !Double.isNaN(v)).sorted().toArray();
            List<Double> edges = new ArrayList<>();
            for (int q = 1; q < o.maxBins(); q++) {
                int pos = (int) ((long) q * present.length / o.maxBins());
                if (pos <= 0 || pos >= present.length) {
                    continue;
                }
                double edge = present[pos];
                if (edge > present[0] && (edges.isEmpty() || edge > edges.getLast())) {
                    edges.add(edge);
                }
            }
            return new Coding(Column.Type.NUMERIC, edges.stream().mapToDouble(Double::doubleValue).toArray(),
                    Map.of());
        }

        private Coding categoricalCoding(String[] x) {
            Map<String, Integer> counts = new HashMap<>();
            for (String s : x) {
                if (s != null) {
                    counts.merge(s, 1, Integer::sum);
                }
            }
            // the most frequent categories with enough rows for a leaf get codes; the rest share "other"
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> map = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : sorted) {
                if (map.size() >= o.maxBins() - 1 || e.getValue() < Math.min(o.minLeafRows(), 10)) {
                    break;
                }
                map.put(e.getKey(), map.size());
            }
            return new Coding(Column.Type.CATEGORICAL, new double[0], map);
        }

        Challenger run() {
            long bads = Arrays.stream(y).filter(t -> t == 1).count();
            if (bads == 0 || bads == n) {
                throw new IllegalArgumentException("training needs both good and bad rows (rows " + n + ", bads "
                        + bads + ")");
            }
            double bias = Math.log((double) bads / (n - bads));
            double[] f = new double[n];
            Arrays.fill(f, bias);
            List<Tree> trees = new ArrayList<>();
            int[] all = new int[n];
            rows = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int t = 0; t < o.trees(); t++) {
                for (int i = 0; i < n; i++) {
                    double p = LogisticRegression.sigmoid(f[i]);
                    grad[i] = p - y[i];
                    hess[i] = Math.max(p * (1 - p), 1e-16);
                }
                int size = 0;
                for (int i = 0; i < n; i++) {
                    if (o.subsample() >= 1 || random.nextDouble() < o.subsample()) {
                        rows[size++] = all[i];
                    }
                }
                Tree tree = grow(size);
                trees.add(tree);
                for (int i = 0; i < n; i++) {
                    int node = 0;
                    while (tree.featureAt(node) >= 0) {
                        node = tree.next(node, codes[tree.featureAt(node)][i]);
                    }
                    f[i] += tree.valueAt(node);
                }
            }
            return new Challenger(columns, codings, bias, trees, o.scale());
        }

        /** Per-column sums of gradients, hessians and rows by code over one node's rows. */
        private record Histogram(double[][] g, double[][] h, int[][] count) {
        }

        private Histogram histogram(int start, int end) {
            int m = codes.length;
            double[][] hg = new double[m][];
            double[][] hh = new double[m][];
            int[][] hc = new int[m][];
            for (int c = 0; c < m; c++) {
                int k = codings.get(c).codes();
                hg[c] = new double[k];
                hh[c] = new double[k];
                hc[c] = new int[k];
                short[] col = codes[c];
                double[] gc = hg[c];
                double[] hcol = hh[c];
                int[] cc = hc[c];
                for (int i = start; i < end; i++) {
                    int row = rows[i];
                    int code = col[row];
                    gc[code] += grad[row];
                    hcol[code] += hess[row];
                    cc[code]++;
                }
            }
            return new Histogram(hg, hh, hc);
        }

        /** Returns the parent's histogram minus a child's: the sibling's, without a pass over its rows. */
        private static Histogram minus(Histogram parent, Histogram child) {
            int m = parent.g().length;
            double[][] hg = new double[m][];
            double[][] hh = new double[m][];
            int[][] hc = new int[m][];
            for (int c = 0; c < m; c++) {
                int k = parent.g()[c].length;
                hg[c] = new double[k];
                hh[c] = new double[k];
                hc[c] = new int[k];
                for (int j = 0; j < k; j++) {
                    hg[c][j] = parent.g()[c][j] - child.g()[c][j];
                    hh[c][j] = Math.max(0, parent.h()[c][j] - child.h()[c][j]);
                    hc[c][j] = parent.count()[c][j] - child.count()[c][j];
                }
            }
            return new Histogram(hg, hh, hc);
        }

        private Tree grow(int size) {
            List<int[]> nodes = new ArrayList<>();
            List<boolean[]> left = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Histogram> histograms = new ArrayList<>();
            // node: {start, end, depth, feature, leftChild, rightChild}
            nodes.add(new int[] {0, size, 0, -1, -1, -1});
            left.add(null);
            values.add(0.0);
            histograms.add(null);
            for (int k = 0; k < nodes.size(); k++) {
                int[] node = nodes.get(k);
                int start = node[0];
                int end = node[1];
                double g = 0;
                double h = 0;
                for (int i = start; i < end; i++) {
                    g += grad[rows[i]];
                    h += hess[rows[i]];
                }
                values.set(k, -g / (h + o.leafRidge()) * o.learningRate());
                if (node[2] >= o.maxDepth() || end - start < 2 * o.minLeafRows()) {
                    histograms.set(k, null);
                    continue;
                }
                Histogram hist = histograms.get(k) != null ? histograms.get(k) : histogram(start, end);
                histograms.set(k, null);
                Split split = bestSplit(hist, g, h, end - start);
                if (split == null) {
                    continue;
                }
                // partition the node's rows: codes going left first
                short[] col = codes[split.feature];
                int i = start;
                int j = end - 1;
                while (i <= j) {
                    if (split.goesLeft[col[rows[i]]]) {
                        i++;
                    } else {
                        int tmp = rows[i];
                        rows[i] = rows[j];
                        rows[j] = tmp;
                        j--;
                    }
                }
                Histogram leftHist = null;
                Histogram rightHist = null;
                if (node[2] + 1 < o.maxDepth()) {
                    // scan the smaller child; the larger one's histogram is the parent's minus it
                    if (i - start <= end - i) {
                        leftHist = histogram(start, i);
                        rightHist = minus(hist, leftHist);
                    } else {
                        rightHist = histogram(i, end);
                        leftHist = minus(hist, rightHist);
                    }
                }
                node[3] = split.feature;
                node[4] = nodes.size();
                nodes.add(new int[] {start, i, node[2] + 1, -1, -1, -1});
                left.add(null);
                values.add(0.0);
                histograms.add(leftHist);
                node[5] = nodes.size();
                nodes.add(new int[] {i, end, node[2] + 1, -1, -1, -1});
                left.add(null);
                values.add(0.0);
                histograms.add(rightHist);
                left.set(k, split.goesLeft);
            }
            int m = nodes.size();
            int[] feature = new int[m];
            int[] l = new int[m];
            int[] r = new int[m];
            double[] v = new double[m];
            boolean[][] goes = new boolean[m][];
            for (int k = 0; k < m; k++) {
                int[] node = nodes.get(k);
                feature[k] = node[3];
                l[k] = node[4];
                r[k] = node[5];
                v[k] = values.get(k);
                goes[k] = left.get(k);
            }
            return new Tree(feature, goes, l, r, v);
        }

        private record Split(int feature, boolean[] goesLeft, double gain) {
        }

        private Split bestSplit(Histogram hist, double g, double h, int count) {
            double lambda = o.leafRidge();
            double parent = g * g / (h + lambda);
            Split best = null;
            for (int c = 0; c < codes.length; c++) {
                Coding coding = codings.get(c);
                Split candidate = coding.type() == Column.Type.NUMERIC
                        ? numericSplit(c, hist.g()[c], hist.h()[c], hist.count()[c], coding.missingCode(), g, h,
                        count, parent)
                        : categoricalSplit(c, hist.g()[c], hist.h()[c], hist.count()[c], g, h, count, parent);
                if (candidate != null && (best == null || candidate.gain > best.gain + 1e-12)) {
                    best = candidate;
                }
            }
            return best;
        }

        private Split numericSplit(int c, double[] hg, double[] hh, int[] hc, int miss, double g, double h,
                                   int count, double parent) {
            double lambda = o.leafRidge();
            double bestGain = 1e-9;
            int bestThreshold = -1;
            boolean bestMissingLeft = false;
            double gl = 0;
            double hl = 0;
            int cl = 0;
            for (int t = 0; t < miss - 1; t++) {
                gl += hg[t];
                hl += hh[t];
                cl += hc[t];
                if (hc[t] == 0) {
                    continue;
                }
                for (boolean missingLeft : new boolean[] {false, true}) {
                    double gL = gl + (missingLeft ? hg[miss] : 0);
                    double hL = hl + (missingLeft ? hh[miss] : 0);
                    int cL = cl + (missingLeft ? hc[miss] : 0);
                    int cR = count - cL;
                    if (cL < o.minLeafRows() || cR < o.minLeafRows()) {
                        continue;
                    }
                    double gR = g - gL;
                    double hR = h - hL;
                    double gain = gL * gL / (hL + lambda) + gR * gR / (hR + lambda) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestThreshold = t;
                        bestMissingLeft = hc[miss] == 0 ? hL >= hR : missingLeft;
                    }
                    if (hc[miss] == 0) {
                        break;
                    }
                }
            }
            if (bestThreshold < 0) {
                return null;
            }
            boolean[] goesLeft = new boolean[miss + 1];
            for (int t = 0; t <= bestThreshold; t++) {
                goesLeft[t] = true;
            }
            goesLeft[miss] = bestMissingLeft;
            return new Split(c, goesLeft, bestGain);
        }

        private Split categoricalSplit(int c, double[] hg, double[] hh, int[] hc, double g, double h, int count,
                                       double parent) {
            double lambda = o.leafRidge();
            List<Integer> present = new ArrayList<>();
            for (int k = 0; k < hc.length; k++) {
                if (hc[k] > 0) {
                    present.add(k);
                }
            }
            if (present.size() < 2) {
                return null;
            }
            // ordering categories by gradient ratio makes the best prefix split the best two-way partition
            present.sort(Comparator.<Integer>comparingDouble(k -> hg[k] / (hh[k] + lambda)).thenComparing(k -> k));
            double bestGain = 1e-9;
            int bestPrefix = -1;
            double gl = 0;
            double hl = 0;
            int cl = 0;
            for (int p = 0; p < present.size() - 1; p++) {
                int k = present.get(p);
                gl += hg[k];
                hl += hh[k];
                cl += hc[k];
                if (cl < o.minLeafRows() || count - cl < o.minLeafRows()) {
                    continue;
                }
                double gR = g - gl;
                double hR = h - hl;
                double gain = gl * gl / (hl + lambda) + gR * gR / (hR + lambda) - parent;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestPrefix = p;
                }
            }
            if (bestPrefix < 0) {
                return null;
            }
            boolean[] goesLeft = new boolean[hc.length];
            double hLeft = 0;
            for (int p = 0; p <= bestPrefix; p++) {
                goesLeft[present.get(p)] = true;
                hLeft += hh[present.get(p)];
            }
            // codes absent from the node (unseen at this split) follow the heavier side
            boolean absentLeft = hLeft >= h - hLeft;
            for (int k = 0; k < hc.length; k++) {
                if (hc[k] == 0) {
                    goesLeft[k] = absentLeft;
                }
            }
            return new Split(c, goesLeft, bestGain);
        }
    }
}
