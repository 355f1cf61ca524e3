package dev.arrears.ledger.persistence;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;

/** Small SQL utilities: PostgreSQL text-format COPY rows and array parameters. */
final class Sql {

    private Sql() {
    }

    /** Builds rows in COPY text format (tab-separated, \N for null, backslash escapes) and streams them. */
    static final class CopyRows {
        private final StringBuilder buffer = new StringBuilder(1 << 16);
        private final CopyIn copy;
        private boolean firstField = true;

        CopyRows(Connection connection, String copySql) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        }

        CopyRows field(String value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
            return this;
        }

        CopyRows field(long value) {
            separator();
            buffer.append(value);
            return this;
        }

        CopyRows field(Long value) {
            return value == null ? field((String) null) : field(value.longValue());
        }

        CopyRows field(LocalDate value) {
            return field(value == null ? null : value.toString());
        }

        void endRow() throws SQLException {
            buffer.append('\n');
            firstField = true;
            if (buffer.length() > (1 << 16)) {
                flush();
            }
        }

        private void separator() {
            if (!firstField) {
                buffer.append('\t');
            }
            firstField = false;
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
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

    static String[] texts(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    static Long[] longs(Collection<Long> values) {
        return values.toArray(Long[]::new);
    }

    /** Escapes a string for a JSON string literal. */
    static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
