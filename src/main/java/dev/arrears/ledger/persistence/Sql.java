package dev.arrears.ledger.persistence;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/** Small SQL utilities: PostgreSQL text-format COPY rows and array parameters. */
final class Sql {

    private Sql() {
    }

    /**
     * Builds rows in COPY text format (tab-separated, \\N for null, backslash escapes) straight into UTF-8 bytes
     * and streams them in 256 KiB pieces, so that PostgreSQL parses while the next rows are built.
     */
    static final class CopyRows {
        private static final int FLUSH_AT = 1 << 18;
        private byte[] buffer = new byte[FLUSH_AT + (1 << 16)];
        private int length;
        private final CopyIn copy;
        private boolean firstField = true;

        CopyRows(Connection connection, String copySql) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        }

        CopyRows field(String value) {
            separator();
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                        case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                        case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                        case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                        default -> put((byte) c);
                    }
                } else {
                    utf8(value, i);
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    }
                }
            }
            return this;
        }

        /**
         * Writes bill lines as the JSON of {@code bill.lines}, escaped for COPY, without building a string:
         * [{"description":"…","category":"SERVICE","amountMinor":1234}, …].
         */
        CopyRows linesJson(java.util.List<dev.arrears.ledger.Commands.BillLine> lines) {
            separator();
            put((byte) '[');
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                if (i > 0) {
                    put((byte) ',');
                }
                ascii("{\"description\":\"");
                jsonText(line.description());
                ascii("\",\"category\":\"");
                ascii(line.category().name());
                ascii("\",\"amountMinor\":");
                number(line.amountMinor());
                put((byte) '}');
            }
            put((byte) ']');
            return this;
        }

        private void ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                put((byte) text.charAt(i));
            }
        }

        /** Writes a string's content JSON-escaped, then COPY-escaped (a JSON backslash doubles for COPY). */
        private void jsonText(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    put((byte) '\\');
                    put((byte) '\\');
                    put((byte) '"');
                } else if (c == '\\') {
                    for (int k = 0; k < 4; k++) {
                        put((byte) '\\');
                    }
                } else if (c < 0x20) {
                    // JSON escape u00XX for a control character, its backslash doubled for COPY
                    put((byte) '\\');
                    put((byte) '\\');
                    ascii(String.format("u%04x", (int) c));
                } else if (c < 0x80) {
                    put((byte) c);
                } else {
                    utf8(value, i);
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    }
                }
            }
        }

        private void utf8(String value, int i) {
            char c = value.charAt(i);
            if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(i + 1));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?');
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }

        private void number(long value) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            if (value < 0) {
                put((byte) '-');
                value = -value;
            }
            int start = length;
            do {
                put((byte) ('0' + (value % 10)));
                value /= 10;
            } while (value > 0);
            for (int a = start, b = length - 1; a < b; a++, b--) {
                byte t = buffer[a];
                buffer[a] = buffer[b];
                buffer[b] = t;
            }
        }

        CopyRows field(long value) {
            separator();
            number(value);
            return this;
        }

        CopyRows field(Long value) {
            return value == null ? field((String) null) : field(value.longValue());
        }

        CopyRows field(LocalDate value) {
            if (value == null) {
                return field((String) null);
            }
            separator();
            int year = value.getYear();
            if (year < 1000 || year > 9999) {
                return raw(value.toString());
            }
            digits(year, 4);
            put((byte) '-');
            digits(value.getMonthValue(), 2);
            put((byte) '-');
            digits(value.getDayOfMonth(), 2);
            return this;
        }

        private CopyRows raw(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                put((byte) ascii.charAt(i));
            }
            return this;
        }

        private void digits(int value, int width) {
            if (length + width + 8 > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            for (int p = width - 1; p >= 0; p--) {
                buffer[length + p] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += width;
        }

        void endRow() throws SQLException {
            put((byte) '\n');
            firstField = true;
            if (length > FLUSH_AT) {
                flush();
            }
        }

        private void separator() {
            if (!firstField) {
                put((byte) '\t');
            }
            firstField = false;
        }

        private void put(byte b) {
            if (length + 8 > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = b;
        }

        /** Sends what is buffered, so that PostgreSQL works on it while the caller does something else. */
        void flush() throws SQLException {
            if (length > 0) {
                copy.writeToCopy(buffer, 0, length);
                length = 0;
            }
        }

        long finish() throws SQLException {
            flush();
            return copy.endCopy();
        }

        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the transaction rolls back anyway
            }
        }
    }
}
