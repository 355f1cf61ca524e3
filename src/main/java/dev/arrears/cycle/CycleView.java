package dev.arrears.cycle;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A cycle run and how far it got.
 *
 * @param state          RUNNING, DONE or FAILED
 * @param elapsedSeconds from start to finish, or to now while running
 */
public record CycleView(long id, LocalDate asOf, String state, int partitions, int partitionsDone,
                        long accountsEvaluated, long actionsPlanned, long casesOpened, long casesClosed,
                        Instant startedAt, Instant finishedAt, double elapsedSeconds) {
}
