package dev.arrears.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** Starts the application for a command: with the web server for {@code serve}, without it for the rest. */
final class Contexts {

    /**
     * The Spring application class, named rather than imported: the root package's main class calls into the
     * command line, so a compile-time reference back would make the modules a cycle.
     */
    static final String APPLICATION = "dev.arrears.ArrearsApplication";

    private Contexts() {
    }

    private static Class<?> application() {
        try {
            return Class.forName(APPLICATION);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The application class " + APPLICATION + " is missing from the jar", e);
        }
    }

    /**
     * Starts the application without a web server for a benchmark: on a fresh embedded database under
     * {@code ./data/bench-postgres} (never the user's data), or on the server {@code ARREARS_DB_URL} names.
     */
    static ConfigurableApplicationContext startForBench() {
        return startForBench("./data/bench-postgres", true);
    }

    /** Starts a context on an embedded database in {@code dataDir} (wiped first when {@code clean}), or on ARREARS_DB_URL. */
    static ConfigurableApplicationContext startForBench(String dataDir, boolean clean) {
        return startForBench(dataDir, clean, Map.of());
    }

    /** Starts a benchmark context as {@link #startForBench(String, boolean)} does, with extra properties. */
    static ConfigurableApplicationContext startForBench(String dataDir, boolean clean, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        String url = System.getenv("ARREARS_DB_URL");
        if (url == null || url.isBlank()) {
            all.put("arrears.db.embedded.data-dir", dataDir);
            all.put("arrears.db.embedded.clean", String.valueOf(clean));
        }
        return start(false, all);
    }

    /**
     * Starts the web application for a page benchmark on a free port, on an embedded database in {@code dataDir}
     * (wiped first and deleted at exit when {@code clean}; kept otherwise), or on the server ARREARS_DB_URL names;
     * no demo load, no dispatch loop, quiet logs.
     */
    static ConfigurableApplicationContext startWebForBench(String dataDir, boolean clean) {
        Map<String, Object> all = new HashMap<>();
        String url = System.getenv("ARREARS_DB_URL");
        if (url == null || url.isBlank()) {
            all.put("arrears.db.embedded.data-dir", dataDir);
            all.put("arrears.db.embedded.clean", String.valueOf(clean));
        }
        all.put("server.port", "0");
        all.put("arrears.demo.enabled", "false");
        all.put("arrears.contact.dispatch.enabled", "false");
        all.put("logging.level.root", "WARN");
        all.put("spring.main.log-startup-info", "false");
        return start(true, all);
    }

    /** Starts the application context; commands other than serve get no web server and no demo load. */
    static ConfigurableApplicationContext start(boolean web, Map<String, Object> properties) {
        Map<String, Object> defaults = new HashMap<>(properties);
        if (!web) {
            defaults.putIfAbsent("arrears.demo.enabled", "false");
            // the dispatch loop runs with the server; `dispatch run` starts it itself
            defaults.putIfAbsent("arrears.contact.dispatch.enabled", "false");
            defaults.putIfAbsent("logging.level.root", "WARN");
            defaults.putIfAbsent("spring.main.log-startup-info", "false");
        }
        return new SpringApplicationBuilder(application())
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .run(defaults.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
