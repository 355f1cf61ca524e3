package dev.arrears.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arrears bench …}: performance measurements against a fresh database. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs a benchmark.",
        subcommands = {BenchImportCommand.class, BenchAgingCommand.class, BenchCycleCommand.class,
                BenchAuditCommand.class, BenchDispatchCommand.class, BenchPaymentsCommand.class,
                BenchLettersCommand.class, BenchCamtCommand.class, BenchScoreCommand.class,
                BenchTrainCommand.class, BenchPagesCommand.class})
class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
