package dev.arrears.ledger.importing;

import dev.arrears.ledger.intake.Intake;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the rows of one CSV file into validated ledger commands, in chunks: checks the header, builds the raw
 * record that {@link Intake} reads from each row (or from the consecutive rows of one bill), validates it, and
 * places every problem on the physical line and column it came from. Bad records stay out of the chunks; their
 * errors travel with the chunk in which they were found, so errors come out in file order.
 */
final class CsvRecords {

    /** Receives chunks; may block while the writer catches up. */
    interface Sink {
        void accept(Chunk chunk) throws InterruptedException;
    }

    /**
     * Validated commands with where each came from, the errors found while reading them, and how many records were
     * left out. The last chunk of a file carries {@code last} and the file's totals.
     */
    record Chunk(List<Object> commands, List<Locator> locators, List<FieldError> errors, int invalid, boolean last,
                 int lines, int records) {
    }

    /** Where one record sits in the file, to turn an issue's path ("lines/1/amount") into a line and column. */
    record Locator(int line, int[] itemLines, String[] contactColumns) {

        /** Returns the error for an issue of this record. */
        FieldError locate(String path, String detail) {
            String[] parts = path.split("/");
            String first = parts[0];
            if (first.equals("lines") && itemLines != null) {
                int item = parts.length > 1 ? index(parts[1]) : -1;
                if (item >= 0 && item < itemLines.length) {
                    String field = parts.length > 2 ? parts[2] : "description";
                    String column = "line" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
                    return FieldError.atLine(itemLines[item], column, detail);
                }
                return FieldError.atLine(line, CsvColumns.LINE_DESCRIPTION, detail);
            }
            if (first.equals("contactPoints") && contactColumns != null) {
                int point = parts.length > 1 ? index(parts[1]) : -1;
                String field = parts.length > 2 ? parts[2] : "value";
                if (field.equals("consents") || field.equals("optOuts")) {
                    return FieldError.atLine(line, field, detail);
                }
                if (point >= 0 && point < contactColumns.length) {
                    return FieldError.atLine(line, contactColumns[point], detail);
                }
                return FieldError.atLine(line, CsvColumns.CONTACT_COLUMNS.getFirst(), detail);
            }
            return FieldError.atLine(line, first.isEmpty() ? null : first, detail);
        }

        private static int index(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private final ImportKind kind;
    private final CsvColumns columns;
    private final CsvReader reader;
    private final int chunkSize;
    private final Sink sink;

    private String[] header;
    private int[] billColumnIndex;
    private int[] lineColumnIndex;
    private List<Object> commands;
    private List<Locator> locators;
    private List<FieldError> errors;
    private int invalid;
    private int lines;
    private int records;

    // The bill being gathered from consecutive rows.
    private String billRef;
    private String[] billValues;
    private int billLine;
    private List<Object> billItems;
    private int[] billItemLines;
    private boolean billBroken;

    CsvRecords(ImportKind kind, CsvReader reader, int chunkSize, Sink sink) {
        this.kind = kind;
        this.columns = CsvColumns.of(kind);
        this.reader = reader;
        this.chunkSize = chunkSize;
        this.sink = sink;
        newChunk();
    }

    /** Reads the whole file, handing over full chunks as they fill and a last chunk with the totals. */
    void run() throws IOException, InterruptedException {
        try {
            if (readHeader()) {
                readRows();
            }
        } catch (CharacterCodingException | CharConversionException e) {
            errors.add(FieldError.atLine(reader.currentLine(), null,
                    "the file is not valid UTF-8 text: save it as UTF-8 (with or without BOM)"));
        }
        sink.accept(new Chunk(commands, locators, errors, invalid, true, lines, records));
    }

    private boolean readHeader() throws IOException {
        List<String> row;
        try {
            row = reader.next();
        } catch (CsvReader.MalformedCsvException e) {
            errors.add(FieldError.atLine(e.line, null, "the header is not valid CSV: " + e.getMessage()));
            return false;
        }
        if (row == null) {
            errors.add(FieldError.atLine(1, null, "the file is empty: the first line must be the header "
                    + columns.describe()));
            return false;
        }
        int line = reader.recordLine();
        header = new String[row.size()];
        Set<String> seen = new HashSet<>();
        int before = errors.size();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).strip();
            header[i] = name;
            if (name.isEmpty()) {
                errors.add(FieldError.atLine(line, null, "column " + (i + 1) + " of the header has no name"));
            } else if (!columns.knows(name)) {
                errors.add(FieldError.atLine(line, name, "unknown column '" + name + "': the columns of "
                        + kind.name().toLowerCase() + " are " + columns.describe()));
            } else if (!seen.add(name)) {
                errors.add(FieldError.atLine(line, name, "the column appears twice in the header"));
            }
        }
        for (String required : columns.required()) {
            if (!seen.contains(required)) {
                errors.add(FieldError.atLine(line, required, "required column '" + required + "' is missing"));
            }
        }
        if (kind == ImportKind.BILLS) {
            List<String> names = Arrays.asList(header);
            billColumnIndex = CsvColumns.BILL_COLUMNS.stream().mapToInt(names::indexOf).toArray();
            lineColumnIndex = new int[] {names.indexOf(CsvColumns.LINE_DESCRIPTION),
                    names.indexOf(CsvColumns.LINE_CATEGORY), names.indexOf(CsvColumns.LINE_AMOUNT)};
        }
        return errors.size() == before;
    }

    private void readRows() throws IOException, InterruptedException {
        while (true) {
            List<String> row;
            try {
                row = reader.next();
            } catch (CsvReader.MalformedCsvException e) {
                lines++;
                finishBill();
                records++;
                invalid++;
                errors.add(FieldError.atLine(e.line, null, e.getMessage()));
                reader.skipRestOfLine();
                flushIfFull();
                continue;
            }
            if (row == null) {
                break;
            }
            lines++;
            int line = reader.recordLine();
            if (row.size() != header.length) {
                finishBill();
                records++;
                invalid++;
                errors.add(FieldError.atLine(line, null, "the row has " + row.size() + " fields where the header has "
                        + header.length + (row.size() > header.length
                        ? ": put fields with commas in double quotes" : "")));
                flushIfFull();
                continue;
            }
            switch (kind) {
                case BILLS -> billRow(row, line);
                case CUSTOMERS -> customerRow(row, line);
                default -> plainRow(row, line);
            }
            flushIfFull();
        }
        finishBill();
    }

    private void plainRow(List<String> row, int line) {
        Map<String, Object> raw = HashMap.newHashMap(header.length);
        for (int i = 0; i < header.length; i++) {
            String value = row.get(i);
            if (!value.isEmpty()) {
                raw.put(header[i], value);
            }
        }
        records++;
        Locator locator = new Locator(line, null, null);
        Intake.Result<?> result = switch (kind) {
            case ACCOUNTS -> Intake.account(raw);
            case PAYMENTS -> Intake.payment(raw);
            case ADJUSTMENTS -> Intake.adjustment(raw);
            default -> throw new IllegalStateException(kind.name());
        };
        accept(result, locator, List.of());
    }

    private void customerRow(List<String> row, int line) {
        Map<String, Object> raw = HashMap.newHashMap(header.length);
        String[] contacts = new String[CsvColumns.CONTACT_COLUMNS.size()];
        String consents = null;
        String optOuts = null;
        for (int i = 0; i < header.length; i++) {
            String value = row.get(i);
            if (value.isBlank()) {
                continue;
            }
            String name = header[i];
            int contact = CsvColumns.CONTACT_COLUMNS.indexOf(name);
            if (contact >= 0) {
                contacts[contact] = value;
            } else if (name.equals("consents")) {
                consents = value;
            } else if (name.equals("optOuts")) {
                optOuts = value;
            } else {
                raw.put(name, value);
            }
        }
        List<FieldError> own = new ArrayList<>(0);
        List<Map<String, Object>> points = new ArrayList<>(4);
        List<String> pointColumns = new ArrayList<>(4);
        int[] pointOf = new int[contacts.length];
        for (int c = 0; c < contacts.length; c++) {
            pointOf[c] = -1;
            if (contacts[c] != null) {
                Map<String, Object> point = HashMap.newHashMap(4);
                point.put("kind", CONTACT_KINDS[c]);
                point.put("value", contacts[c]);
                point.put("consents", new ArrayList<String>(2));
                point.put("optOuts", new ArrayList<String>(1));
                pointOf[c] = points.size();
                points.add(point);
                pointColumns.add(CsvColumns.CONTACT_COLUMNS.get(c));
            }
        }
        spreadChannels(consents, "consents", points, pointOf, line, own);
        spreadChannels(optOuts, "optOuts", points, pointOf, line, own);
        if (!points.isEmpty()) {
            raw.put("contactPoints", points);
        }
        records++;
        accept(Intake.customer(raw), new Locator(line, null, pointColumns.toArray(String[]::new)), own);
    }

    private static final String[] CONTACT_KINDS = {"PHONE", "EMAIL", "POSTAL", "PUSH"};

    /** Places each channel of a ';'-separated list on the contact point that can carry it. */
    @SuppressWarnings("unchecked")
    private static void spreadChannels(String text, String column, List<Map<String, Object>> points, int[] pointOf,
                                       int line, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        for (String part : text.split(";")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            Channel channel = channel(name);
            if (channel == null) {
                errors.add(FieldError.atLine(line, column, "'" + name
                        + "' is not a channel: use SMS, CALL, EMAIL, PUSH, LETTER or VISIT separated by ';'"));
                continue;
            }
            int contact = switch (channel) {
                case SMS, CALL -> 0;
                case EMAIL -> 1;
                case LETTER, VISIT -> 2;
                case PUSH -> 3;
            };
            if (pointOf[contact] < 0) {
                errors.add(FieldError.atLine(line, column, channel + " needs a value in column "
                        + CsvColumns.CONTACT_COLUMNS.get(contact)));
                continue;
            }
            ((List<String>) points.get(pointOf[contact]).get(column)).add(channel.name());
        }
    }

    private static Channel channel(String name) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equalsIgnoreCase(name)) {
                return channel;
            }
        }
        return null;
    }

    private void billRow(List<String> row, int line) {
        String ref = row.get(billColumnIndex[0]).strip();
        if (billRef != null && !ref.isEmpty() && ref.equals(billRef)) {
            // Another line item of the bill being gathered: its bill columns must repeat the first row's.
            for (int c = 1; c < billColumnIndex.length; c++) {
                String value = row.get(billColumnIndex[c]).strip();
                if (!value.equals(billValues[c])) {
                    String column = CsvColumns.BILL_COLUMNS.get(c);
                    errors.add(FieldError.atLine(line, column, "'" + value + "' differs from '" + billValues[c]
                            + "' on line " + billLine + " of the same bill " + ref
                            + ": every row of a bill repeats its bill columns"));
                    billBroken = true;
                }
            }
        } else {
            finishBill();
            billRef = ref.isEmpty() ? null : ref;
            billLine = line;
            billValues = new String[billColumnIndex.length];
            for (int c = 0; c < billColumnIndex.length; c++) {
                billValues[c] = row.get(billColumnIndex[c]).strip();
            }
            billItems = new ArrayList<>(4);
            billItemLines = new int[4];
            billBroken = false;
        }
        Map<String, Object> item = HashMap.newHashMap(3);
        putCell(item, "description", row, lineColumnIndex[0]);
        putCell(item, "category", row, lineColumnIndex[1]);
        putCell(item, "amount", row, lineColumnIndex[2]);
        if (billItems.size() == billItemLines.length) {
            billItemLines = Arrays.copyOf(billItemLines, billItemLines.length * 2);
        }
        billItemLines[billItems.size()] = line;
        billItems.add(item);
        if (billRef == null) {
            finishBill(); // without a reference rows cannot be grouped: each is its own (invalid) bill
        }
    }

    private static void putCell(Map<String, Object> target, String field, List<String> row, int index) {
        String value = row.get(index);
        if (!value.isEmpty()) {
            target.put(field, value);
        }
    }

    private void finishBill() {
        if (billItems == null) {
            return;
        }
        Map<String, Object> raw = HashMap.newHashMap(8);
        for (int c = 0; c < billValues.length; c++) {
            if (!billValues[c].isEmpty()) {
                raw.put(CsvColumns.BILL_COLUMNS.get(c), billValues[c]);
            }
        }
        raw.put("lines", billItems);
        records++;
        Locator locator = new Locator(billLine, Arrays.copyOf(billItemLines, billItems.size()), null);
        Intake.Result<?> result = Intake.bill(raw);
        if (billBroken) {
            invalid++;
            for (Issue issue : result.issues()) {
                errors.add(locator.locate(issue.path(), issue.detail()));
            }
        } else {
            accept(result, locator, List.of());
        }
        billItems = null;
        billRef = null;
    }

    private void accept(Intake.Result<?> result, Locator locator, List<FieldError> own) {
        if (result.valid() && own.isEmpty()) {
            commands.add(result.command());
            locators.add(locator);
            return;
        }
        invalid++;
        errors.addAll(own);
        for (Issue issue : result.issues()) {
            errors.add(locator.locate(issue.path(), issue.detail()));
        }
    }

    private void flushIfFull() throws InterruptedException {
        if (commands.size() >= chunkSize || errors.size() >= chunkSize) {
            sink.accept(new Chunk(commands, locators, errors, invalid, false, lines, records));
            newChunk();
        }
    }

    private void newChunk() {
        commands = new ArrayList<>(chunkSize);
        locators = new ArrayList<>(chunkSize);
        errors = new ArrayList<>();
        invalid = 0;
    }
}
