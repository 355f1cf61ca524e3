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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY binary-format writer against a real PostgreSQL: what goes in comes back out, field for field. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BinaryCopyRowsTest {

    @Autowired
    DataSource dataSource;

    private record Row(String text, Long number, Integer small, LocalDate date, Instant at) {
    }

    private static final List<Row> AWKWARD = List.of(
            new Row("plain", 0L, 0, LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T08:15:30.123456Z")),
            new Row("tab\there", -1L, -1, LocalDate.of(999, 1, 2), Instant.parse("1999-12-31T23:59:59.999999Z")),
            new Row("line\nbreak and\r\ncrlf", Long.MAX_VALUE, Integer.MAX_VALUE, LocalDate.of(2000, 1, 1),
                    Instant.parse("2000-01-01T00:00:00Z")),
            new Row("back\\slash, \\N and a trailing \\", Long.MIN_VALUE, Integer.MIN_VALUE, LocalDate.of(1999, 12,
                    31), Instant.parse("1970-01-01T00:00:00Z")),
            new Row("", null, null, null, null),
            new Row(null, 7L, 7, LocalDate.of(9999, 12, 31), Instant.parse("2100-03-01T12:00:00.000001Z")),
            new Row("é ß ñ ü — 张伟 繁體 ¥ €", 123_456_789L, 42, LocalDate.of(2026, 6, 30),
                    Instant.parse("2026-06-30T16:00:00Z")),
            new Row("surrogate pairs: 😀 𠜎 🇨🇳 at the end 😀", -987_654_321L, 1, LocalDate.of(2026, 7, 1),
                    Instant.parse("2026-07-01T00:00:00.5Z")),
            new Row("control \u0001\u001f and quotes \"' and delete \u007f", 1L, 2, LocalDate.of(1970, 1, 1),
                    Instant.parse("2026-03-29T01:30:00Z")));

    @Test
    void awkwardFields_comeBackUnchangedThroughCopy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                BinaryCopyRows rows = new BinaryCopyRows(connection,
                        "copy binary_copy_test (id, t, n, i, d, ts) from stdin (format binary)");
                for (int i = 0; i < AWKWARD.size(); i++) {
                    Row row = AWKWARD.get(i);
                    rows.int4(i).text(row.text()).int8(row.number()).int4(row.small()).date(row.date())
                            .timestamptz(row.at()).endRow();
                }
                assertThat(rows.finish()).isEqualTo(AWKWARD.size());
                assertThat(read(connection)).containsExactlyElementsOf(AWKWARD);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void nanosecondsBeyondMicroseconds_areDropped_andCharAndJsonColumnsTakeText() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                BinaryCopyRows rows = new BinaryCopyRows(connection,
                        "copy binary_copy_test (id, ts, c, j) from stdin (format binary)");
                rows.int4(1).timestamptz(Instant.parse("2026-11-23T08:15:30.123456789Z")).text("CNY")
                        .text("[{\"description\":\"月费 \\\"plan\\\"\",\"amountMinor\":-5}]").endRow();
                rows.finish();
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(
                             "select ts, c, j->0->>'description', (j->0->>'amountMinor')::int from binary_copy_test")) {
                    rs.next();
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
                            .isEqualTo(Instant.parse("2026-11-23T08:15:30.123456Z"));
                    assertThat(rs.getString(2)).isEqualTo("CNY");
                    assertThat(rs.getString(3)).isEqualTo("月费 \"plan\"");
                    assertThat(rs.getInt(4)).isEqualTo(-5);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void rowsBeyondOneBuffer_allArriveInOrder() throws SQLException {
        int count = 30_000; // about 1.5 MB: several flushes
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                BinaryCopyRows rows = new BinaryCopyRows(connection,
                        "copy binary_copy_test (id, t, n) from stdin (format binary)");
                for (int i = 0; i < count; i++) {
                    rows.int4(i).text("行 " + i + "\t😀\\").int8((long) i * i).endRow();
                }
                assertThat(rows.finish()).isEqualTo(count);
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("""
                             select count(*), count(*) filter (where t = '行 ' || id || E'\\t😀\\\\' and n = id * id)
                             from binary_copy_test""")) {
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
    void invalidJson_orAFieldOfTheWrongWidth_failsTheCopy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                BinaryCopyRows rows = new BinaryCopyRows(connection,
                        "copy binary_copy_test (id, j) from stdin (format binary)");
                rows.int4(1).text("{not json").endRow();
                assertThatThrownBy(rows::finish).isInstanceOf(SQLException.class).hasMessageContaining("json");
            } finally {
                connection.rollback();
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                createTable(connection);
                BinaryCopyRows rows = new BinaryCopyRows(connection,
                        "copy binary_copy_test (id, n) from stdin (format binary)");
                rows.int4(1).int4(5).endRow(); // an integer where the column is bigint
                assertThatThrownBy(rows::finish).isInstanceOf(SQLException.class);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void aTextCopyStatement_isRefused() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThatThrownBy(() -> new BinaryCopyRows(connection, "copy binary_copy_test (id) from stdin"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format binary");
        }
    }

    private static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create temp table binary_copy_test (id int primary key, t text, n bigint, i int, d date,
                        ts timestamptz, c char(3), j json) on commit drop""");
        }
    }

    private static List<Row> read(Connection connection) throws SQLException {
        List<Row> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select t, n, i, d, ts from binary_copy_test order by id")) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                result.add(new Row(rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, Integer.class),
                        rs.getObject(4, LocalDate.class), at == null ? null : at.toInstant()));
            }
        }
        return result;
    }
}
