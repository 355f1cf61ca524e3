package dev.arrears.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** The top-level {@code arrears} command; without a subcommand it serves the web application. */
@Command(name = "arrears", mixinStandardHelpOptions = true, version = "Arrears 0.1.0",
        description = "Arrears: collections and dunning. Without a command, starts the server on port 8080.",
        subcommands = {ServeCommand.class, DemoCommand.class, AgingCommand.class, ImportCommand.class, CycleCommand.class,
                ComplianceCommand.class, AuditCommand.class, PrivacyCommand.class, DispatchCommand.class, TokenCommand.class,
                UserCommand.class, BenchCommand.class, ScoreCommand.class, DebitCommand.class,
                CommandLine.HelpCommand.class})
public class ArrearsCommand implements Runnable {

    private static final Set<String> LONG_RUNNING = Set.of("serve");

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(effective);
    }

    /** Returns true when the command leaves a server running after {@code main} returns. */
    public static boolean keepsRunning(String... args) {
        return args.length == 0 || LONG_RUNNING.contains(args[0]);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
