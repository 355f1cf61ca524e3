package dev.arrears.scoring.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts features into bins with a weight of evidence each. WOE of a bin = ln((goods in bin / all goods) / (bads in
 * bin / all bads)), with {@link BinningOptions#smoothing} added to the bin's goods and bads; positive WOE means
 * safer than average. IV = Σ (goods share − bads share) × WOE. Numeric features start from quantile pre-bins that
 * are merged until the WOE is strictly monotone (increasing or decreasing, whichever keeps more IV) and every bin
 * holds the minimum share with at least one good and one bad; missing values get their own bin when they reach the
 * minimum share, else join the value bin of nearest WOE. Categorical features get a bin per category, rare
 * categories share {@code other}, missing values their own bin.
 */
public final class Binning {

    private Binning() {
    }

    /** Returns the bins of every column of the data. */
    public static List<FeatureBins> binAll(Dataset data, BinningOptions options) {
        List<FeatureBins> out = new ArrayList<>();
        for (int c = 0; c < data.columns().size(); c++) {
            out.add(bin(data, c, options));
        }
        return out;
    }

    /** Returns the bins of one column of the data. */
    public static FeatureBins bin(Dataset data, int column, BinningOptions options) {
        int[] y = data.targets();
        long bads = Arrays.stream(y).filter(t -> t == 1).count();
        long goods = y.length - bads;
        if (bads == 0 || goods == 0) {
            throw new IllegalArgumentException("binning needs both good and bad rows (goods " + goods + ", bads "
                    + bads + ")");
        }
        Column col = data.columns().get(column);
        return col.type() == Column.Type.NUMERIC
                ? numeric(col.name(), data.numericColumn(column), y, goods, bads, options)
                : categorical(col.name(), data.categoricalColumn(column), y, goods, bads, options);
    }

    /** Returns the smoothed weight of evidence of a bin's counts against the totals (0 for an empty bin). */
    public static double woe(long goods, long bads, long totalGoods, long totalBads, double smoothing) {
        if (goods == 0 && bads == 0) {
            return 0;
        }
        double s = smoothing > 0 || (goods > 0 && bads > 0) ? smoothing : 0.5;
        return Math.log(((goods + s) / totalGoods) / ((bads + s) / totalBads));
    }

    /** Returns the information value of bins. */
    public static double informationValue(List<Bin> bins, long totalGoods, long totalBads) {
        double iv = 0;
        for (Bin b : bins) {
            iv += ((double) b.goods() / totalGoods - (double) b.bads() / totalBads) * b.woe();
        }
        return iv;
    }

    private static FeatureBins numeric(String name, double[] x, int[] y, long goods, long bads, BinningOptions o) {
        int n = x.length;
        // sort goods' and bads' values apart (primitive sorts), then merge into one sorted run with targets
        double[] goodValues = new double[n];
        double[] badValues = new double[n];
        int ng = 0;
        int nb = 0;
        long missingGoods = 0;
        long missingBads = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                if (y[i] == 1) {
                    missingBads++;
                } else {
                    missingGoods++;
                }
            } else if (y[i] == 1) {
                badValues[nb++] = x[i];
            } else {
                goodValues[ng++] = x[i];
            }
        }
        Arrays.sort(goodValues, 0, ng);
        Arrays.sort(badValues, 0, nb);
        int present = ng + nb;
        double[] values = new double[present];
        boolean[] isBad = new boolean[present];
        for (int i = 0, gi = 0, bi = 0; i < present; i++) {
            if (bi >= nb || (gi < ng && goodValues[gi] <= badValues[bi])) {
                values[i] = goodValues[gi++];
            } else {
                values[i] = badValues[bi++];
                isBad[i] = true;
            }
        }
        double minRows = Math.max(1, o.minShare() * n);

        // pre-bins: cuts at the quantiles, each a value of the data so a bin starts at a value that occurs
        List<Double> cutList = new ArrayList<>();
        for (int q = 1; q < o.preBins(); q++) {
            int pos = (int) ((long) q * present / o.preBins());
            if (pos <= 0 || pos >= present) {
                continue;
            }
            double cut = values[pos];
            if (cut > values[0] && (cutList.isEmpty() || cut > cutList.getLast())) {
                cutList.add(cut);
            }
        }
        int k = cutList.size() + 1;
        long[] g = new long[k];
        long[] b = new long[k];
        int bin = 0;
        for (int i = 0; i < present; i++) {
            double v = values[i];
            while (bin < cutList.size() && v >= cutList.get(bin)) {
                bin++;
            }
            if (isBad[i]) {
                b[bin]++;
            } else {
                g[bin]++;
            }
        }
        List<Block> pre = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            pre.add(new Block(i == 0 ? Double.NEGATIVE_INFINITY : cutList.get(i - 1), g[i], b[i]));
        }
        List<Block> best = null;
        double bestIv = -1;
        if (present > 0) {
            for (boolean increasing : new boolean[] {true, false}) {
                List<Block> merged = monotone(pre, increasing);
                merged = enforceMinimum(merged, minRows, goods, bads, o.smoothing());
                double iv = 0;
                for (Block m : merged) {
                    iv += ((double) m.goods / goods - (double) m.bads / bads) * m.woe(goods, bads, o.smoothing());
                }
                if (iv > bestIv + 1e-12) {
                    best = merged;
                    bestIv = iv;
                }
            }
        } else {
            best = List.of(new Block(Double.NEGATIVE_INFINITY, 0, 0));
        }
        double[] cuts = new double[best.size() - 1];
        for (int i = 1; i < best.size(); i++) {
            cuts[i - 1] = best.get(i).lower;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            labels.add(rangeLabel(cuts, i));
        }
        long[] bg = new long[best.size()];
        long[] bb = new long[best.size()];
        for (int i = 0; i < best.size(); i++) {
            bg[i] = best.get(i).goods;
            bb[i] = best.get(i).bads;
        }
        int missingBin;
        List<Bin> bins = new ArrayList<>();
        long missing = missingGoods + missingBads;
        if (missing == 0 || (missing >= minRows && missingGoods > 0 && missingBads > 0) || present == 0) {
            missingBin = best.size();
        } else {
            double missingWoe = woe(missingGoods, missingBads, goods, bads, o.smoothing());
            missingBin = 0;
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < best.size(); i++) {
                double d = Math.abs(woe(bg[i], bb[i], goods, bads, o.smoothing()) - missingWoe);
                if (d < nearest) {
                    nearest = d;
                    missingBin = i;
                }
            }
            bg[missingBin] += missingGoods;
            bb[missingBin] += missingBads;
            labels.set(missingBin, labels.get(missingBin) + " or missing");
        }
        for (int i = 0; i < best.size(); i++) {
            bins.add(new Bin(labels.get(i), bg[i], bb[i], woe(bg[i], bb[i], goods, bads, o.smoothing())));
        }
        if (missingBin == best.size()) {
            bins.add(new Bin("missing", missingGoods, missingBads,
                    woe(missingGoods, missingBads, goods, bads, o.smoothing())));
        }
        return new FeatureBins(name, Column.Type.NUMERIC, bins, cuts, Map.of(), missingBin, -1,
                informationValue(bins, goods, bads));
    }

    private static FeatureBins categorical(String name, String[] x, int[] y, long goods, long bads,
                                           BinningOptions o) {
        Map<String, long[]> counts = new TreeMap<>();
        long missingGoods = 0;
        long missingBads = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                if (y[i] == 1) {
                    missingBads++;
                } else {
                    missingGoods++;
                }
            } else {
                counts.computeIfAbsent(x[i], c -> new long[2])[y[i]]++;
            }
        }
        double minRows = Math.max(1, o.minShare() * x.length);
        List<Bin> bins = new ArrayList<>();
        Map<String, Integer> categories = new LinkedHashMap<>();
        long otherGoods = 0;
        long otherBads = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            if (c[0] + c[1] >= minRows) {
                categories.put(e.getKey(), bins.size());
                bins.add(new Bin(e.getKey(), c[0], c[1], woe(c[0], c[1], goods, bads, o.smoothing())));
            } else {
                otherGoods += c[0];
                otherBads += c[1];
            }
        }
        int otherBin = bins.size();
        bins.add(new Bin("other", otherGoods, otherBads, woe(otherGoods, otherBads, goods, bads, o.smoothing())));
        int missingBin = bins.size();
        bins.add(new Bin("missing", missingGoods, missingBads,
                woe(missingGoods, missingBads, goods, bads, o.smoothing())));
        return new FeatureBins(name, Column.Type.CATEGORICAL, bins, new double[0], categories, missingBin, otherBin,
                informationValue(bins, goods, bads));
    }

    /** Merges adjacent blocks (pool adjacent violators) until the bad rate strictly falls (WOE rises) or rises. */
    private static List<Block> monotone(List<Block> pre, boolean increasing) {
        List<Block> stack = new ArrayList<>();
        for (Block p : pre) {
            stack.add(p);
            while (stack.size() >= 2) {
                Block last = stack.getLast();
                Block before = stack.get(stack.size() - 2);
                // compare raw bad rates: smoothing would split runs of equal rate by their size
                double a = before.badRate();
                double c = last.badRate();
                boolean ok = increasing ? c < a : c > a;
                if (ok) {
                    break;
                }
                stack.removeLast();
                stack.removeLast();
                stack.add(before.merge(last));
            }
        }
        return stack;
    }

    /** Merges the smallest offending block into its neighbour of closer WOE until every block is large and mixed. */
    private static List<Block> enforceMinimum(List<Block> blocks, double minRows, long goods, long bads, double s) {
        List<Block> out = new ArrayList<>(blocks);
        while (out.size() > 1) {
            int worst = -1;
            for (int i = 0; i < out.size(); i++) {
                Block blk = out.get(i);
                boolean offends = blk.goods + blk.bads < minRows || blk.goods == 0 || blk.bads == 0;
                if (offends && (worst < 0 || blk.rows() < out.get(worst).rows())) {
                    worst = i;
                }
            }
            if (worst < 0) {
                break;
            }
            int other;
            if (worst == 0) {
                other = 1;
            } else if (worst == out.size() - 1) {
                other = worst - 1;
            } else {
                double w = out.get(worst).woe(goods, bads, s);
                double left = Math.abs(out.get(worst - 1).woe(goods, bads, s) - w);
                double right = Math.abs(out.get(worst + 1).woe(goods, bads, s) - w);
                other = left <= right ? worst - 1 : worst + 1;
            }
            int first = Math.min(worst, other);
            Block merged = out.get(first).merge(out.get(first + 1));
            out.remove(first + 1);
            out.set(first, merged);
        }
        return out;
    }

    /** Returns the readable label of value bin {@code i} given the inner cuts. */
    static String rangeLabel(double[] cuts, int i) {
        if (cuts.length == 0) {
            return "any value";
        }
        if (i == 0) {
            return "< " + format(cuts[0]);
        }
        if (i == cuts.length) {
            return ">= " + format(cuts[cuts.length - 1]);
        }
        return "[" + format(cuts[i - 1]) + ", " + format(cuts[i]) + ")";
    }

    /** Returns a number as short text: integers without decimals, others to six significant digits. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "missing";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A run of adjacent pre-bins: its lower edge and its counts. */
    private record Block(double lower, long goods, long bads) {

        long rows() {
            return goods + bads;
        }

        double badRate() {
            return rows() == 0 ? 0 : (double) bads / rows();
        }

        double woe(long totalGoods, long totalBads, double s) {
            return Binning.woe(goods, bads, totalGoods, totalBads, s);
        }

        Block merge(Block next) {
            return new Block(lower, goods + next.goods, bads + next.bads);
        }
    }
}
