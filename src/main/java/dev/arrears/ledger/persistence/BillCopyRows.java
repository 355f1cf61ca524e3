package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.shared.CopyRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * COPY rows of the {@code bill} table: the shared text-format writer plus the bill lines written as the JSON of
 * {@code bill.lines} straight into the stream, without building a string per bill.
 */
final class BillCopyRows extends CopyRows {

    BillCopyRows(Connection connection, String copySql) throws SQLException {
        super(connection, copySql);
    }

    /** Adds the lines as [{"description":"…","category":"SERVICE","amountMinor":1234}, …], escaped for COPY. */
    BillCopyRows linesJson(List<BillLine> lines) {
        beginField();
        put((byte) '[');
        for (int i = 0; i < lines.size(); i++) {
            BillLine line = lines.get(i);
            if (i > 0) {
                put((byte) ',');
            }
            putAscii("{\"description\":\"");
            jsonText(line.description());
            putAscii("\",\"category\":\"");
            putAscii(line.category().name());
            putAscii("\",\"amountMinor\":");
            putNumber(line.amountMinor());
            put((byte) '}');
        }
        put((byte) ']');
        return this;
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
                // the JSON escape u00XX of a control character, its backslash doubled for COPY
                put((byte) '\\');
                put((byte) '\\');
                putAscii(String.format("u%04x", (int) c));
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                i += putUtf8(value, i) - 1;
            }
        }
    }
}
