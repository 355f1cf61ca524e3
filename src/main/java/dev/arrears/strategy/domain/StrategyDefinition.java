package dev.arrears.strategy.domain;

import java.util.List;

/**
 * A strategy as its author wrote it, after parsing and validation. Segments are ordered: the first whose
 * {@code when} holds wins. Conditions are CEL source text over the facts of {@link Facts}.
 *
 * @param priority  lower goes first when several active strategies apply to an account (default 100)
 * @param appliesTo CEL condition selecting the accounts (null or blank: every account)
 * @param stopWhen  CEL condition that pauses the ladder (null: never)
 */
public record StrategyDefinition(String name, String description, int priority, String appliesTo,
                                 List<Segment> segments, String stopWhen) {

    public StrategyDefinition {
        segments = List.copyOf(segments);
    }

    /** A group of accounts with one ladder, optionally split into champion/challenger variants. */
    public record Segment(String name, String when, List<Step> ladder, List<Variant> variants) {
        public Segment {
            ladder = List.copyOf(ladder);
            variants = variants == null ? List.of() : List.copyOf(variants);
        }
    }

    /**
     * One rung of a ladder.
     *
     * @param template message template for SMS, EMAIL, PUSH and LETTER
     * @param queue    call queue for CALL_TASK (or {@code manager})
     * @param manager  named account manager for CALL_TASK; {@code assigned} means the account's own manager
     * @param level    restriction level for RESTRICT_SERVICE: soft or hard
     * @param agency   agency code for PLACE_WITH_AGENCY (null: the business line's default)
     * @param fallback action to fall back to when this contact fails permanently (null: none)
     * @param required part of the minimum notices that a control arm still gets
     */
    public record Step(Offset at, ActionKind action, String template, String queue, String manager, String level,
                       String agency, ActionKind fallback, boolean required) {

        /** Returns a step with only an offset, an action and a template. */
        public static Step of(String at, ActionKind action, String template) {
            return new Step(Offset.parse(at), action, template, null, null, null, null, null, false);
        }
    }

    /**
     * A champion/challenger arm. {@code share} is a whole percentage; a null ladder means the segment's ladder;
     * a control arm with no ladder gets only the minimum notices (see {@link Ladders#controlLadder}).
     */
    public record Variant(String name, int share, List<Step> ladder, boolean control) {
        public Variant {
            ladder = ladder == null ? null : List.copyOf(ladder);
        }
    }
}
