package dev.arrears.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arrears score …}: risk models, built and evaluated from the command line. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Evaluates risk scoring models.",
        subcommands = {ScoreEvaluateCommand.class})
class ScoreCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
