package dev.arrears.ledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records from UTF-8 text (a leading byte order mark is dropped): fields separated by commas,
 * quoted fields that may hold commas, doubled quotes and line breaks, records ending in LF, CRLF or CR. Keeps
 * the physical line on which each record starts (line 1 is the first line of the file). Hand-written over a
 * char buffer, without regular expressions, because a bill import reads millions of rows.
 */
final class CsvReader implements AutoCloseable {

    /** A record that is not well-formed CSV; {@code line} is the physical line where the problem is. */
    static final class MalformedCsvException extends Exception {
        final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private boolean started;
    private int line = 1;
    private int recordLine;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> fields = new ArrayList<>(16);

    CsvReader(Reader reader) {
        this.reader = reader;
    }

    /** Returns a reader that decodes strict UTF-8: malformed bytes are an error, not a replacement character. */
    static CsvReader utf8(InputStream in) {
        return new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** Returns the physical line on which the last record read starts. */
    int recordLine() {
        return recordLine;
    }

    /** Returns the number of the physical line the reader is on (after the last record, the next line). */
    int currentLine() {
        return line;
    }

    /**
     * Reads the next record, skipping empty lines; returns its fields (a list reused by the next call), or null at
     * the end of the input.
     */
    List<String> next() throws IOException, MalformedCsvException {
        if (!started) {
            started = true;
            if (fill() && buffer[position] == '\uFEFF') {
                position++;
            }
        }
        while (true) {
            if (position >= limit && !fill()) {
                return null;
            }
            char c = buffer[position];
            if (c == '\n') {
                position++;
                line++;
                continue;
            }
            if (c == '\r') {
                position++;
                skipLineFeed();
                line++;
                continue;
            }
            break;
        }
        recordLine = line;
        fields.clear();
        readRecord();
        return fields;
    }

    private void readRecord() throws IOException, MalformedCsvException {
        field.setLength(0);
        while (true) {
            if (position >= limit && !fill()) {
                fields.add(field.toString());
                return;
            }
            char c = buffer[position];
            if (c == '"' && field.isEmpty()) {
                position++;
                readQuoted();
                // After the closing quote: a separator, a line end or the end of input.
                if (position >= limit && !fill()) {
                    fields.add(field.toString());
                    return;
                }
                char after = buffer[position];
                if (after == ',') {
                    position++;
                    fields.add(field.toString());
                    field.setLength(0);
                    continue;
                }
                if (after == '\n' || after == '\r') {
                    endLine(after);
                    fields.add(field.toString());
                    return;
                }
                throw new MalformedCsvException(line, "unexpected character '" + after
                        + "' after a closing quote: a quote inside a quoted field is written twice (\"\")");
            }
            // Unquoted field: scan the buffer for the next separator or line end in one pass.
            int start = position;
            while (position < limit) {
                c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw new MalformedCsvException(line,
                            "a quote inside an unquoted field: put the whole field in quotes and double the quote");
                }
                position++;
            }
            if (position >= limit) {
                field.append(buffer, start, position - start);
                continue; // refill and go on with the same field
            }
            // The common case, a field wholly inside the buffer, becomes a string without the builder.
            String value = field.isEmpty() ? new String(buffer, start, position - start)
                    : field.append(buffer, start, position - start).toString();
            field.setLength(0);
            fields.add(value);
            if (c == ',') {
                position++;
                continue;
            }
            endLine(c);
            return;
        }
    }

    private void readQuoted() throws IOException, MalformedCsvException {
        int startLine = line;
        boolean afterCr = false;
        while (true) {
            if (position >= limit && !fill()) {
                throw new MalformedCsvException(startLine, "a quoted field is not closed before the end of the file");
            }
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == '"') {
                    break;
                }
                // CRLF is one line break, counted on its CR
                if (c == '\r' || c == '\n' && !afterCr) {
                    line++;
                }
                afterCr = c == '\r';
                position++;
            }
            field.append(buffer, start, position - start);
            if (position >= limit) {
                continue;
            }
            position++; // the quote
            afterCr = false;
            if (position >= limit && !fill()) {
                return;
            }
            if (buffer[position] == '"') {
                field.append('"');
                position++;
            } else {
                return;
            }
        }
    }

    private void endLine(char c) throws IOException {
        position++;
        if (c == '\r') {
            skipLineFeed();
        }
        line++;
    }

    private void skipLineFeed() throws IOException {
        if ((position < limit || fill()) && buffer[position] == '\n') {
            position++;
        }
    }

    /** Skips the rest of the current physical line after a malformed record, so reading can go on. */
    void skipRestOfLine() throws IOException {
        while (position < limit || fill()) {
            char c = buffer[position];
            if (c == '\n' || c == '\r') {
                endLine(c);
                return;
            }
            position++;
        }
    }

    /** Fills the buffer when it is used up; returns false at the end of input. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
