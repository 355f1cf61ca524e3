package dev.arrears.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code arrears serve [--port N]}: starts the web application and the API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the server: UI on http://localhost:<port>/, API under /api/v1.")
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        Contexts.start(true, Map.of("server.port", String.valueOf(port)));
        return 0;
    }
}
