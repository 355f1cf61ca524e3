package dev.arrears.strategy.domain;

import dev.arrears.strategy.domain.Decision.ConditionResult;
import dev.arrears.strategy.domain.Decision.Outcome;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import dev.arrears.strategy.domain.StrategyDefinition.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One stored version of a strategy with its CEL conditions compiled once, ready to decide for any number of
 * accounts. Immutable and safe to share between threads.
 *
 * @param id      the stored version's id (what planned actions refer to)
 * @param version the version number within the strategy's name
 */
public record CompiledStrategy(long id, int version, StrategyDefinition definition, Condition appliesTo,
                               List<Condition> segmentConditions, Condition stopWhen,
                               List<FactCatalog.Fact> reads) {

    /** Compiles a validated definition; throws IllegalArgumentException when a condition does not compile. */
    public static CompiledStrategy compile(long id, int version, StrategyDefinition definition) {
        Condition applies = blank(definition.appliesTo()) ? null : Condition.of(definition.appliesTo());
        Condition stop = blank(definition.stopWhen()) ? null : Condition.of(definition.stopWhen());
        List<Condition> segments = new ArrayList<>();
        TreeSet<Integer> read = new TreeSet<>();
        for (Segment s : definition.segments()) {
            Condition c = blank(s.when()) ? null : Condition.of(s.when());
            segments.add(c);
            if (c != null) {
                c.reads().forEach(f -> read.add(f.index()));
            }
        }
        for (Condition c : new Condition[]{applies, stop}) {
            if (c != null) {
                c.reads().forEach(f -> read.add(f.index()));
            }
        }
        return new CompiledStrategy(id, version, definition, applies, java.util.Collections.unmodifiableList(segments),
                stop, read.stream().map(i -> FactCatalog.all().get(i)).toList());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Returns the strategy's name. */
    public String name() {
        return definition.name();
    }

    /** Returns whether the strategy applies to the account, adding the check to the trace. */
    public boolean applies(Facts facts, List<ConditionResult> trace) {
        if (appliesTo == null) {
            return true;
        }
        boolean result = appliesTo.test(facts);
        trace.add(new ConditionResult(name() + "/appliesTo", appliesTo.source(), result));
        return result;
    }

    /** Decides for an account this strategy applies to; the trace already holds the appliesTo checks. */
    public Decision decide(Situation situation, List<ConditionResult> trace) {
        Facts facts = situation.facts();
        int chosen = -1;
        for (int i = 0; i < segmentConditions.size() && chosen < 0; i++) {
            Condition c = segmentConditions.get(i);
            boolean holds = c == null || c.test(facts);
            if (c != null) {
                trace.add(new ConditionResult(name() + "/segments/" + i + "/when", c.source(), holds));
            }
            if (holds) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            return new Decision(Outcome.NO_SEGMENT, this, -1, null, null, List.of(), List.of(), null, trace, facts);
        }
        Segment segment = definition.segments().get(chosen);
        Variant variant = variantOf(facts.accountId(), segment, situation.openCase());
        String variantName = variant == null ? Variants.CHAMPION : variant.name();
        List<Step> ladder = ladderOf(segment, variant);
        if (stopWhen != null) {
            boolean stop = stopWhen.test(facts);
            trace.add(new ConditionResult(name() + "/stopWhen", stopWhen.source(), stop));
            if (stop) {
                return new Decision(Outcome.STOPPED, this, chosen, segment.name(), variantName, List.of(), List.of(),
                        null, trace, facts);
            }
        }
        Situation.OpenCase open = situation.openCase();
        Ladders.Due due = Ladders.due(ladder, situation.asOf(), situation.oldestOpenDue(),
                open == null ? situation.asOf() : open.openedOn(),
                open == null ? null : open.lastStepOn(), open == null ? null : open.lastNoticeOn());
        Outcome outcome = !due.planned().isEmpty() ? Outcome.PLANNED
                : due.waitingForNotice() ? Outcome.WAITING_FOR_NOTICE : Outcome.NOTHING_DUE;
        return new Decision(outcome, this, chosen, segment.name(), variantName, due.planned(), due.skipped(),
                due.nextStepOn(), trace, facts);
    }

    /** Returns the arm of an account: the open case's arm while the segment still has it, else the hash's. */
    private Variant variantOf(long accountId, Segment segment, Situation.OpenCase open) {
        if (open != null && open.variant() != null) {
            for (Variant v : segment.variants()) {
                if (v.name().equals(open.variant())) {
                    return v;
                }
            }
        }
        return Variants.assign(accountId, name(), segment.variants());
    }

    /** Returns the ladder an arm follows. */
    public static List<Step> ladderOf(Segment segment, Variant variant) {
        if (variant == null) {
            return segment.ladder();
        }
        if (variant.ladder() != null) {
            return variant.ladder();
        }
        return variant.control() ? Ladders.controlLadder(segment.ladder()) : segment.ladder();
    }
}
