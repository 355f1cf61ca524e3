package dev.arrears.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arrears score …}: risk scoring from the command line: score accounts, evaluate models. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores accounts with the active model; trains, evaluates and watches risk models.",
        subcommands = {ScoreRunCommand.class, ScoreEvaluateCommand.class, ScoreTrainCommand.class,
                ScoreDriftCommand.class})
class ScoreCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
