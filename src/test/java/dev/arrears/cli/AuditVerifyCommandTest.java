package dev.arrears.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code arrears audit verify} end to end, on a database of its own created on the tests' server (the shared test
 * database's chain is never broken): a fresh installation's chain (the shipped strategies' creations and
 * activations) verifies, and after a row is changed behind the trigger's back the last line names its position and
 * the exit code is 1.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuditVerifyCommandTest {

    @Autowired
    HikariDataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    record Run(int exitCode, List<String> lines) {
        String last() {
            return lines.getLast();
        }
    }

    /** Runs the command line with the database URL set for its context, capturing standard output. */
    Run run(String url, String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setProperty("arrears.db.url", url);
        System.setProperty("arrears.db.user", dataSource.getUsername());
        if (dataSource.getPassword() != null) {
            System.setProperty("arrears.db.password", dataSource.getPassword());
        }
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = ArrearsCommand.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        } finally {
            System.setOut(before);
            System.clearProperty("arrears.db.url");
            System.clearProperty("arrears.db.user");
            System.clearProperty("arrears.db.password");
        }
    }

    @Test
    void verify_printsOkForAnIntactChain_andThePositionOfAChangedRow() throws Exception {
        String database = "audit_cli_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create database " + database).update();
        // the same server as the tests' database (embedded, or the PostgreSQL server of CI), another database on it
        String url = dataSource.getJdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
        try {
            Run intact = run(url, "audit", "verify");
            assertThat(intact.exitCode()).as(intact.lines().toString()).isZero();
            assertThat(intact.last()).matches("audit entries=\\d+ ok");
            long entries = Long.parseLong(intact.last().replaceAll("\\D", ""));
            // the shipped strategies were installed on first start: each created and activated
            assertThat(entries).isGreaterThanOrEqualTo(2);
            assertThat(intact.lines())
                    .anyMatch(l -> l.matches("audit head position=" + entries + " link=[0-9a-f]{64}"));

            try (Connection c = DriverManager.getConnection(url, dataSource.getUsername(), dataSource.getPassword());
                 Statement s = c.createStatement()) {
                // the table's owner may switch its triggers off; it cannot rebuild the chain without the key
                s.execute("alter table audit_entry disable trigger user");
                assertThat(s.executeUpdate("update audit_entry set actor = 'mallory' where position = 2")).isEqualTo(1);
            }
            Run broken = run(url, "audit", "verify");
            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.last()).isEqualTo("audit broken at entry=2");
        } finally {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
        }
    }
}
