package dev.arrears.scoring.model;

/**
 * One input column of a dataset or a model: a name and whether it holds numbers or categories.
 *
 * @param name column name, unique within its dataset (a feature name such as {@code onTimeRatio12m})
 * @param type NUMERIC (a double, NaN when missing) or CATEGORICAL (a string, null when missing)
 */
public record Column(String name, Type type) {

    /** What a column holds. */
    public enum Type { NUMERIC, CATEGORICAL }

    public Column {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("column " + name + " needs a type");
        }
    }

    /** Returns a numeric column. */
    public static Column numeric(String name) {
        return new Column(name, Type.NUMERIC);
    }

    /** Returns a categorical column. */
    public static Column categorical(String name) {
        return new Column(name, Type.CATEGORICAL);
    }
}
