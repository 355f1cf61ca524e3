package dev.arrears.shared;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Streams rows into one PostgreSQL {@code COPY … FROM STDIN} in text format: fields separated by tabs, rows ended
 * by a newline, {@code \N} for null, and backslash, tab, newline and carriage return escaped with a backslash.
 * Rows are built straight into UTF-8 bytes (a lone surrogate becomes {@code ?}) and sent in pieces of about
 * 256 KiB, so that PostgreSQL parses while the next rows are built. One COPY at a time per connection: finish
 * (or cancel) one before opening the next. Subclasses may add writers of their own field formats through the
 * protected byte-level hooks of {@link RowBytes}, which write raw bytes and leave the COPY escaping to them.
 */
public class CopyRows extends RowBytes {

    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte BACKSLASH = '\\';

    private final CopyIn copy;
    private boolean firstField = true;

    /** Opens the COPY, for example {@code copy bill (id, external_ref) from stdin}. */
    public CopyRows(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /**
     * Collects rows in memory, to be sent in one piece by {@link #copyTo} later: for a caller that builds rows
     * while it still reads a result set on the same connection.
     */
    public CopyRows() {
        this.copy = null;
    }

    /** Sends the rows collected in memory through a COPY; returns the number of rows PostgreSQL took. */
    public final long copyTo(Connection connection, String copySql) throws SQLException {
        if (copy != null) {
            throw new IllegalStateException("these rows stream into their own COPY");
        }
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            in.writeToCopy(buffer, 0, length);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Returns true when no row was added. */
    public final boolean isEmpty() {
        return length == 0;
    }

    /** Adds a text field, escaped; null is SQL null. */
    public final CopyRows field(String value) {
        if (value == null) {
            return nullField();
        }
        beginField();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { put(BACKSLASH); put(BACKSLASH); }
                    case '\t' -> { put(BACKSLASH); put((byte) 't'); }
                    case '\n' -> { put(BACKSLASH); put((byte) 'n'); }
                    case '\r' -> { put(BACKSLASH); put((byte) 'r'); }
                    default -> put((byte) c);
                }
            } else {
                i += putUtf8(value, i) - 1;
            }
        }
        return this;
    }

    /** Adds an integer field. */
    public final CopyRows field(long value) {
        beginField();
        putDecimal(value);
        return this;
    }

    /** Adds an integer field; null is SQL null. */
    public final CopyRows field(Long value) {
        return value == null ? nullField() : field(value.longValue());
    }

    /** Adds an integer field; null is SQL null. */
    public final CopyRows field(Integer value) {
        return value == null ? nullField() : field(value.longValue());
    }

    /** Adds a boolean field as {@code t} or {@code f}. */
    public final CopyRows field(boolean value) {
        beginField();
        put(value ? (byte) 't' : (byte) 'f');
        return this;
    }

    /** Adds a boolean field; null is SQL null. */
    public final CopyRows field(Boolean value) {
        return value == null ? nullField() : field(value.booleanValue());
    }

    /** Adds a date field in ISO form ({@code 2026-11-23}); null is SQL null. */
    public final CopyRows field(LocalDate value) {
        if (value == null) {
            return nullField();
        }
        beginField();
        int year = value.getYear();
        if (year < 1000 || year > 9999) {
            putAscii(value.toString());
            return this;
        }
        digits(year, 4);
        put((byte) '-');
        digits(value.getMonthValue(), 2);
        put((byte) '-');
        digits(value.getDayOfMonth(), 2);
        return this;
    }

    /** Adds an SQL null. */
    public final CopyRows nullField() {
        beginField();
        put(BACKSLASH);
        put((byte) 'N');
        return this;
    }

    /** Ends the row; sends the buffer when it is full enough. */
    public final void endRow() throws SQLException {
        put(NEWLINE);
        firstField = true;
        if (copy != null && length > FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered, so that PostgreSQL works on it while the caller does something else. */
    public final void flush() throws SQLException {
        if (copy != null && length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    /** Sends the rest and ends the COPY; returns the number of rows PostgreSQL took. */
    public final long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Abandons the COPY if it is still open (the transaction is failing anyway). */
    public final void cancel() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction rolls back anyway
        }
    }

    // ---------------------------------------------------------------- hooks for field formats of subclasses

    /** Starts a field: writes the separator unless it is the row's first. */
    protected final void beginField() {
        if (!firstField) {
            put(TAB);
        }
        firstField = false;
    }

    private void digits(int value, int width) {
        ensure(width);
        for (int p = width - 1; p >= 0; p--) {
            buffer[length + p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }
}
