package dev.arrears.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arrears score …}: risk scoring from the command line. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Scores accounts with the active model.",
        subcommands = {ScoreRunCommand.class})
class ScoreCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
