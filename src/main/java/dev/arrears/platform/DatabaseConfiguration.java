package dev.arrears.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * Chooses the database: the server named by {@code ARREARS_DB_URL} (with {@code ARREARS_DB_USER} and
 * {@code ARREARS_DB_PASSWORD}), or else the embedded PostgreSQL under {@code arrears.db.embedded.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    DatabaseTarget databaseTarget(@Value("${arrears.db.url:}") String url,
                                  @Value("${arrears.db.user:}") String user,
                                  @Value("${arrears.db.password:}") String password,
                                  @Value("${arrears.db.embedded.data-dir:./data/postgres}") String dataDir,
                                  @Value("${arrears.db.embedded.clean:false}") boolean clean) {
        if (url != null && !url.isBlank()) {
            return new DatabaseTarget(url, user, password, false);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(Path.of(dataDir), clean);
        return new DatabaseTarget(server.jdbcUrl(), "postgres", "", true);
    }

    @Bean
    HikariDataSource dataSource(DatabaseTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("arrears");
        config.setJdbcUrl(target.url());
        if (target.user() != null && !target.user().isBlank()) {
            config.setUsername(target.user());
        }
        if (target.password() != null && !target.password().isBlank()) {
            config.setPassword(target.password());
        }
        // four admitted API writes need up to twelve (see WriteAdmission), the ledger's two payment writers up to
        // six (each write's after-commit listeners take their own), the dispatch workers and the cycle the rest
        config.setMaximumPoolSize(24);
        // idle connections are given back after a minute down to two: several contexts (CLI commands beside a
        // running server, cached test contexts) share the server's max_connections
        config.setMinimumIdle(2);
        config.setIdleTimeout(60_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "arrears");
        return new HikariDataSource(config);
    }

    /** Where the data lives; {@code embedded} is true for the PostgreSQL that Arrears runs itself. */
    public record DatabaseTarget(String url, String user, String password, boolean embedded) {

        /** Returns the URL without credentials, safe to log. */
        public String displayUrl() {
            return url.replaceAll("password=[^&]*", "password=***");
        }
    }

}
