package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.LineCategory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Column conversions shared by the ledger's SQL. */
final class Rows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Rows() {
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    /** Reads bill lines from {@code bill.lines}. */
    static List<BillLine> lines(String json) {
        JsonNode array = JSON.readTree(json);
        List<BillLine> lines = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            lines.add(new BillLine(node.get("description").asString(),
                    LineCategory.valueOf(node.get("category").asString()),
                    node.get("amountMinor").asLong()));
        }
        return lines;
    }
}
