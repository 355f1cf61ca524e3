package dev.arrears;

import dev.arrears.cli.ArrearsCommand;

/** Entry point of the jar: the picocli command line; no arguments means {@code serve}. */
public final class Arrears {

    private Arrears() {
    }

    public static void main(String[] args) {
        int code = ArrearsCommand.run(args);
        if (code != 0 || !ArrearsCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }
}
