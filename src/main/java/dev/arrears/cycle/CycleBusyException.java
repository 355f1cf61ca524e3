package dev.arrears.cycle;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;

import java.util.List;

/** A run was asked for while another one this server started is still at work; names that run. */
public class CycleBusyException extends ConflictException {

    private final transient CycleView running;

    public CycleBusyException(CycleView running) {
        super("Cycle run " + running.id() + " for " + running.asOf() + " is still running; start another when it is "
                + "done", List.of(FieldError.at("/asOf", "run " + running.id() + " is running")));
        this.running = running;
    }

    /** Returns the run that is still at work. */
    public CycleView running() {
        return running;
    }
}
