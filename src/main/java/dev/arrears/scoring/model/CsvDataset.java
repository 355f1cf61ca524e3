package dev.arrears.scoring.model;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a dataset from CSV (RFC 4180: a header row, commas, double quotes around fields holding commas, quotes or
 * line breaks, a doubled quote inside quotes). Every column but the target becomes a feature: numeric when each
 * non-missing value is a decimal number, categorical otherwise; an empty field, {@code NA} and {@code NaN} are
 * missing. A row is bad (1) when its target equals the bad value, good (0) otherwise. Faults name the line and
 * column ({@link CsvFormatException}).
 */
public final class CsvDataset {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvDataset() {
    }

    /** Returns the dataset in a CSV text, with {@code target} as the target column and {@code bad} its bad value. */
    public static Dataset read(Reader reader, String target, String bad) throws IOException {
        Parser parser = new Parser(reader);
        List<String> header = parser.next();
        if (header == null) {
            throw new CsvFormatException(0, 0, null, "the file is empty");
        }
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
            header.set(0, header.getFirst().substring(1));
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim();
            header.set(c, name);
            if (name.isEmpty()) {
                throw new CsvFormatException(1, c + 1, null, "the header names no column here");
            }
            if (!seen.add(name)) {
                throw new CsvFormatException(1, c + 1, name, "the header names this column twice");
            }
        }
        int targetColumn = header.indexOf(target);
        if (targetColumn < 0) {
            throw new CsvFormatException(1, 0, null, "the header has no target column " + target + " (columns: "
                    + String.join(", ", header) + ")");
        }
        if (header.size() < 2) {
            throw new CsvFormatException(1, 0, null, "the file needs a feature column besides the target");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<String> record;
        while ((record = parser.next()) != null) {
            long line = parser.recordLine();
            if (record.size() == 1 && record.getFirst().isEmpty()) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new CsvFormatException(line, 0, null, "expected " + header.size() + " fields, found "
                        + record.size());
            }
            String t = record.get(targetColumn).trim();
            if (missing(t)) {
                throw new CsvFormatException(line, targetColumn + 1, target, "the target value is missing");
            }
            targets.add(t.equals(bad) ? 1 : 0);
            String[] values = new String[header.size()];
            for (int c = 0; c < values.length; c++) {
                String v = record.get(c).trim();
                values[c] = missing(v) ? null : v;
            }
            rows.add(values);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(0, 0, null, "the file has a header but no rows");
        }
        long bads = targets.stream().filter(t -> t == 1).count();
        if (bads == 0 || bads == rows.size()) {
            throw new CsvFormatException(0, targetColumn + 1, target, "fewer than 2 classes: "
                    + (bads == 0 ? "no row has the bad value " + bad : "every row has the bad value " + bad));
        }
        List<Column> columns = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == targetColumn) {
                continue;
            }
            boolean numeric = true;
            for (String[] row : rows) {
                if (row[c] != null && !NUMBER.matcher(row[c]).matches()) {
                    numeric = false;
                    break;
                }
            }
            columns.add(numeric ? Column.numeric(header.get(c)) : Column.categorical(header.get(c)));
            sources.add(c);
        }
        Dataset.Builder builder = Dataset.builder(columns);
        double[] n = new double[columns.size()];
        String[] s = new String[columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int j = 0; j < columns.size(); j++) {
                String v = row[sources.get(j)];
                if (columns.get(j).type() == Column.Type.NUMERIC) {
                    n[j] = v == null ? Double.NaN : Double.parseDouble(v);
                    s[j] = null;
                } else {
                    n[j] = Double.NaN;
                    s[j] = v;
                }
            }
            builder.add(n, s, targets.get(r));
        }
        return builder.build();
    }

    private static boolean missing(String v) {
        return v.isEmpty() || v.equals("NA") || v.equals("NaN");
    }

    /** Splits a CSV text into records, counting lines so faults can name them. */
    private static final class Parser {

        private final Reader reader;
        private long line = 1;
        private long recordLine;
        private int pending = -2;

        Parser(Reader reader) {
            this.reader = reader;
        }

        long recordLine() {
            return recordLine;
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return reader.read();
        }

        /** Returns the next record's fields, or null at the end of the text. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int column = 1;
            while (true) {
                if (c == '"' && field.isEmpty()) {
                    long start = line;
                    while (true) {
                        c = read();
                        if (c == -1) {
                            throw new CsvFormatException(start, column, null, "a quoted field is never closed");
                        }
                        if (c == '"') {
                            c = read();
                            if (c == '"') {
                                field.append('"');
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        throw new CsvFormatException(line, column, null, "text after the closing quote of a field");
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    column++;
                } else if (c == '\n' || c == '\r' || c == -1) {
                    fields.add(field.toString());
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pending = d;
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}
