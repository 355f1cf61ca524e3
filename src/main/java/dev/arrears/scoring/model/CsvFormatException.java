package dev.arrears.scoring.model;

/** A CSV file that cannot become a dataset, with the line (1 is the header) and column where it went wrong. */
public final class CsvFormatException extends IllegalArgumentException {

    private final long line;
    private final int column;

    /** Creates the error; line or column 0 when the fault has no single place. */
    public CsvFormatException(long line, int column, String columnName, String message) {
        super(place(line, column, columnName) + message);
        this.line = line;
        this.column = column;
    }

    private static String place(long line, int column, String name) {
        StringBuilder s = new StringBuilder();
        if (line > 0) {
            s.append("line ").append(line);
        }
        if (column > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("column ").append(column);
            if (name != null) {
                s.append(" (").append(name).append(')');
            }
        }
        return s.isEmpty() ? "" : s.append(": ").toString();
    }

    /** Returns the line of the fault (1 is the header), 0 for the whole file. */
    public long line() {
        return line;
    }

    /** Returns the 1-based column of the fault, 0 for the whole line. */
    public int column() {
        return column;
    }
}
