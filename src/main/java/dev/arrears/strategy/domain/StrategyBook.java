package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.Decision.ConditionResult;
import dev.arrears.strategy.domain.Decision.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The active strategies in the order they are tried (priority, then name): the first whose {@code appliesTo}
 * holds decides for the account. Immutable; the cycle takes one book per run so that a strategy activated
 * mid-run takes effect at the next run.
 */
public record StrategyBook(List<CompiledStrategy> strategies) {

    public StrategyBook {
        strategies = strategies.stream()
                .sorted(Comparator.comparingInt((CompiledStrategy s) -> s.definition().priority())
                        .thenComparing(CompiledStrategy::name))
                .toList();
    }

    /** Decides for one account on one date. */
    public Decision decide(Situation situation) {
        List<ConditionResult> trace = new ArrayList<>(8);
        for (CompiledStrategy s : strategies) {
            if (s.applies(situation.facts(), trace)) {
                return s.decide(situation, trace);
            }
        }
        return new Decision(Outcome.NO_STRATEGY, null, -1, null, null, List.of(), List.of(), null, trace,
                situation.facts());
    }

    /** Returns the longest pre-due lead in days over all ladders (3 for a {@code due-3d} step), 0 when none. */
    public int preDueDays() {
        int lead = 0;
        for (CompiledStrategy s : strategies) {
            for (var segment : s.definition().segments()) {
                List<List<StrategyDefinition.Step>> ladders = new ArrayList<>();
                ladders.add(segment.ladder());
                segment.variants().forEach(v -> {
                    if (v.ladder() != null) {
                        ladders.add(v.ladder());
                    }
                });
                for (var ladder : ladders) {
                    for (var step : ladder) {
                        if (step.at().anchor() == Offset.Anchor.DUE) {
                            lead = Math.max(lead, -step.at().days());
                        }
                    }
                }
            }
        }
        return lead;
    }
}
