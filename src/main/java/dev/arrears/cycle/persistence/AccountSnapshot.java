package dev.arrears.cycle.persistence;

import dev.arrears.cycle.domain.CaseRow;
import dev.arrears.strategy.domain.Situation;

/** One account as the cycle reads it: its situation for the strategy and its open case (null when none). */
public record AccountSnapshot(long customerId, Situation situation, CaseRow openCase) {
}
