package dev.arrears.shared;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY text-format writer against a real PostgreSQL: what goes in comes back out, field for field. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CopyRowsTest {

    @Autowired
    DataSource dataSource;

    private record Row(String text, Long number, LocalDate date, Boolean flag) {
    }

    private static final List<Row> AWKWARD = List.of(
            new Row("plain", 0L, LocalDate.of(2026, 11, 23), true),
            new Row("tab\there", -1L, LocalDate.of(999, 1, 2), false),
            new Row("line\nbreak and\r\ncrlf", Long.MAX_VALUE, LocalDate.of(2000, 2, 29), null),
            new Row("back\\slash, \\N, \\t and a trailing \\", Long.MIN_VALUE, null, true),
            new Row("\\N", 42L, LocalDate.of(1970, 1, 1), false),
            new Row("", null, LocalDate.of(9999, 12, 31), true),
            new Row(null, 7L, LocalDate.of(2026, 1, 1), false),
            new Row("é ß ñ ü — 张伟 繁體 ¥ €", 123_456_789L, LocalDate.of(2026, 6, 30), true),
            new Row("surrogate pairs: 😀 𠜎 🇨🇳 at the end 😀", -987_654_321L, LocalDate.of(2026, 7, 1), null),
            new Row("control \u0001\u001f and quotes \"' and delete \u007f", 1L, LocalDate.of(2026, 7, 2), true));

    @Test
    void awkwardFields_comeBackUnchangedThroughCopy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                CopyRows rows = new CopyRows(connection, "copy copy_rows_test (id, t, n, d, b) from stdin");
                for (int i = 0; i < AWKWARD.size(); i++) {
                    Row row = AWKWARD.get(i);
                    rows.field(i).field(row.text()).field(row.number()).field(row.date()).field(row.flag()).endRow();
                }
                assertThat(rows.finish()).isEqualTo(AWKWARD.size());
                assertThat(read(connection)).containsExactlyElementsOf(AWKWARD);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void loneSurrogate_isWrittenAsQuestionMark() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                CopyRows rows = new CopyRows(connection, "copy copy_rows_test (id, t) from stdin");
                rows.field(1).field("high \uD83D alone, low \uDE00 alone, reversed \uDE00\uD83D").endRow();
                rows.finish();
                assertThat(read(connection)).extracting(Row::text)
                        .containsExactly("high ? alone, low ? alone, reversed ??");
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void rowsBeyondOneBuffer_allArriveInOrder() throws SQLException {
        int count = 30_000; // about 1.5 MB: several flushes, some in the middle of multi-byte text
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                CopyRows rows = new CopyRows(connection, "copy copy_rows_test (id, t, n) from stdin");
                for (int i = 0; i < count; i++) {
                    rows.field(i).field("行 " + i + "\t😀\\").field((long) i * i).endRow();
                }
                assertThat(rows.finish()).isEqualTo(count);
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("""
                             select count(*), count(*) filter (where t = '行 ' || id || E'\\t😀\\\\' and n = id * id)
                             from copy_rows_test""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(count);
                    assertThat(rs.getLong(2)).isEqualTo(count);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void fieldThatBreaksAColumnType_failsTheCopy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                CopyRows rows = new CopyRows(connection, "copy copy_rows_test (id, n) from stdin");
                rows.field(1).field("not a number").endRow();
                assertThatThrownBy(rows::finish).isInstanceOf(SQLException.class)
                        .hasMessageContaining("bigint");
            } finally {
                connection.rollback();
            }
        }
    }

    private static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table copy_rows_test (id int primary key, t text, n bigint, d date, b boolean)
                    on commit drop""");
        }
    }

    private static List<Row> read(Connection connection) throws SQLException {
        List<Row> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select t, n, d, b from copy_rows_test order by id")) {
            while (rs.next()) {
                result.add(new Row(rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, Boolean.class)));
            }
        }
        return result;
    }
}
