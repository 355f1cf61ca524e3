package dev.arrears.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of examples for training and evaluation, stored by column: numeric columns as doubles (NaN when
 * missing), categorical columns as strings (null when missing), and a binary target per row (1 = bad, 0 = good).
 * Immutable once built; {@link #subset} shares nothing with the original.
 */
public final class Dataset {

    private final List<Column> columns;
    private final double[][] numeric;
    private final String[][] categories;
    private final int[] target;

    private Dataset(List<Column> columns, double[][] numeric, String[][] categories, int[] target) {
        this.columns = List.copyOf(columns);
        this.numeric = numeric;
        this.categories = categories;
        this.target = target;
    }

    /** Returns a builder for rows over these columns. */
    public static Builder builder(List<Column> columns) {
        return new Builder(columns);
    }

    /** Returns the columns in order. */
    public List<Column> columns() {
        return columns;
    }

    /** Returns the number of rows. */
    public int rows() {
        return target.length;
    }

    /** Returns the index of the named column, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the value of a numeric column in a row (NaN when missing). */
    public double numeric(int row, int column) {
        return numeric[column][row];
    }

    /** Returns the value of a categorical column in a row (null when missing). */
    public String category(int row, int column) {
        return categories[column][row];
    }

    /** Returns the target of a row: 1 bad, 0 good. */
    public int target(int row) {
        return target[row];
    }

    /** Returns a copy of the targets. */
    public int[] targets() {
        return target.clone();
    }

    /** Returns a numeric column's values (a copy). */
    public double[] numericColumn(int column) {
        return numeric[column].clone();
    }

    /** Returns a categorical column's values (a copy). */
    public String[] categoricalColumn(int column) {
        return categories[column].clone();
    }

    /** Returns row {@code row} as the numeric array that {@link Model#score} takes. */
    public double[] numericRow(int row) {
        double[] out = new double[columns.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = columns.get(c).type() == Column.Type.NUMERIC ? numeric[c][row] : Double.NaN;
        }
        return out;
    }

    /** Returns row {@code row} as the categories array that {@link Model#score} takes. */
    public String[] categoryRow(int row) {
        String[] out = new String[columns.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = columns.get(c).type() == Column.Type.CATEGORICAL ? categories[c][row] : null;
        }
        return out;
    }

    /** Returns the rows at the given indexes, in that order. */
    public Dataset subset(int[] rows) {
        double[][] n = new double[columns.size()][];
        String[][] s = new String[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type() == Column.Type.NUMERIC) {
                n[c] = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    n[c][i] = numeric[c][rows[i]];
                }
            } else {
                s[c] = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    s[c][i] = categories[c][rows[i]];
                }
            }
        }
        int[] t = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = target[rows[i]];
        }
        return new Dataset(columns, n, s, t);
    }

    /** Collects rows; not thread-safe. */
    public static final class Builder {

        private final List<Column> columns;
        private final List<double[]> numericRows = new ArrayList<>();
        private final List<String[]> categoryRows = new ArrayList<>();
        private int[] target = new int[64];

        private Builder(List<Column> columns) {
            this.columns = List.copyOf(columns);
            long distinct = columns.stream().map(Column::name).distinct().count();
            if (distinct != columns.size()) {
                throw new IllegalArgumentException("column names must be unique: " + columns);
            }
        }

        /**
         * Adds a row: arrays aligned with the columns (numeric entries read for numeric columns, category entries
         * for categorical ones) and the target, 1 bad or 0 good.
         */
        public Builder add(double[] numeric, String[] categories, int bad) {
            if (numeric.length != columns.size() || categories.length != columns.size()) {
                throw new IllegalArgumentException("a row needs " + columns.size() + " values");
            }
            if (bad != 0 && bad != 1) {
                throw new IllegalArgumentException("the target is 1 (bad) or 0 (good), not " + bad);
            }
            int n = numericRows.size();
            if (n == target.length) {
                target = Arrays.copyOf(target, n * 2);
            }
            target[n] = bad;
            numericRows.add(numeric.clone());
            categoryRows.add(categories.clone());
            return this;
        }

        /** Returns the dataset. */
        public Dataset build() {
            int rows = numericRows.size();
            double[][] n = new double[columns.size()][];
            String[][] s = new String[columns.size()][];
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).type() == Column.Type.NUMERIC) {
                    n[c] = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        n[c][r] = numericRows.get(r)[c];
                    }
                } else {
                    s[c] = new String[rows];
                    for (int r = 0; r < rows; r++) {
                        s[c][r] = categoryRows.get(r)[c];
                    }
                }
            }
            return new Dataset(columns, n, s, Arrays.copyOf(target, rows));
        }
    }
}
