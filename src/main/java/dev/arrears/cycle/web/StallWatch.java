package dev.arrears.cycle.web;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells when a RUNNING run has stopped moving: no partition finished and no account evaluated for a while. A run
 * whose process died stays RUNNING until a start for its date resumes it; its event stream then ends with a
 * {@code stalled} event instead of polling until the stream times out. Not thread-safe: one per stream.
 */
final class StallWatch {

    private final Duration after;
    private long partitionsDone = -1;
    private long accountsEvaluated = -1;
    private Instant lastMove;

    StallWatch(Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a stall is a positive duration, not " + after);
        }
        this.after = after;
    }

    /** Records what the run shows at {@code now}; returns true when it has not moved for the whole duration. */
    boolean stalled(long partitionsDone, long accountsEvaluated, Instant now) {
        if (lastMove == null || partitionsDone != this.partitionsDone || accountsEvaluated != this.accountsEvaluated) {
            this.partitionsDone = partitionsDone;
            this.accountsEvaluated = accountsEvaluated;
            lastMove = now;
            return false;
        }
        return !now.isBefore(lastMove.plus(after));
    }
}
