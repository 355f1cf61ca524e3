package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.shared.BinaryCopyRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Binary COPY rows of the {@code bill} table: the shared binary writer plus the bill lines written as the JSON of
 * {@code bill.lines} straight into the stream, without building a string per bill.
 */
final class BillCopyRows extends BinaryCopyRows {

    BillCopyRows(Connection connection, String copySql) throws SQLException {
        super(connection, copySql);
    }

    /** Adds the lines as [{"description":"…","category":"SERVICE","amountMinor":1234}, …] (a {@code json} field). */
    BillCopyRows linesJson(List<BillLine> lines) {
        beginVariable();
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
            putDecimal(line.amountMinor());
            put((byte) '}');
        }
        put((byte) ']');
        endVariable();
        return this;
    }

    /** Writes a string's content JSON-escaped as UTF-8. */
    private void jsonText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20) {
                putAscii(String.format("\\u%04x", (int) c));
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                i += putUtf8(value, i) - 1;
            }
        }
    }
}
