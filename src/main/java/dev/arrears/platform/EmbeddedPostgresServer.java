package dev.arrears.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded PostgreSQL 17 that Arrears starts itself when no server URL is configured, one per data
 * directory and JVM. When another Arrears process (the server) already runs PostgreSQL on the same data
 * directory, the CLI connects to that one instead of starting a second, found through {@code postmaster.pid}.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final int port;
    private final boolean startedHere;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, int port, boolean startedHere) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = port;
        this.startedHere = startedHere;
    }

    /** Returns the server for the data directory, starting it (or attaching to a running one) on first use. */
    public static EmbeddedPostgresServer forDirectory(Path dataDirectory, boolean clean) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(dir, d -> open(d, clean));
    }

    private static EmbeddedPostgresServer open(Path dir, boolean clean) {
        if (!clean) {
            Integer port = runningPort(dir);
            if (port != null) {
                log.info("Using the embedded PostgreSQL already running on port {} for {}", port, dir);
                return new EmbeddedPostgresServer(dir, null, port, false);
            }
        }
        try {
            Files.createDirectories(dir.getParent());
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("wal_buffers", "64MB")
                    .setServerConfig("checkpoint_timeout", "30min")
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("timezone", "UTC")
                    // a fresh database fills fast (a demo, an import, a benchmark): look at it every 15 s rather than
                    // every minute, so its statistics and the vacuum of often-rewritten rows (account_state) follow
                    .setServerConfig("autovacuum_naptime", "15s");
            extraSettings(System.getProperty("arrears.db.embedded.settings", "")).forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, postgres, postgres.getPort(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
            log.info("Started embedded PostgreSQL on port {} with data in {} ({} ms)", server.port, dir,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir
                    + " (set ARREARS_DB_URL to use a PostgreSQL server instead)", e);
        }
    }

    /**
     * Parses extra server settings for investigation ({@code -Darrears.db.embedded.settings=
     * "shared_preload_libraries=pg_stat_statements;log_lock_waits=on"}): {@code name=value} pairs separated by
     * semicolons, applied after the defaults above.
     */
    static Map<String, String> extraSettings(String text) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arrears.db.embedded.settings: \"" + pair.strip()
                        + "\" is not name=value");
            }
            settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return settings;
    }

    /** Returns the port of a live postmaster on the directory, or null when none runs. */
    private static Integer runningPort(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return null;
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && listening(port)) {
                return port;
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the JDBC URL of the database Arrears uses on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Returns true when this process started the server, false when it attached to a running one. */
    public boolean startedHere() {
        return startedHere;
    }

    private void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            }
        }
    }
}
