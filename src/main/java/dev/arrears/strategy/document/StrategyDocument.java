package dev.arrears.strategy.document;

import dev.arrears.shared.FieldError;
import dev.arrears.strategy.TemplateCatalog;
import dev.arrears.strategy.document.YamlReading.Fields;
import dev.arrears.strategy.domain.ActionKind;
import dev.arrears.strategy.domain.Condition;
import dev.arrears.strategy.domain.Ladders;
import dev.arrears.strategy.domain.Offset;
import dev.arrears.strategy.domain.StrategyDefinition;
import dev.arrears.strategy.domain.StrategyDefinition.Segment;
import dev.arrears.strategy.domain.StrategyDefinition.Step;
import dev.arrears.strategy.domain.StrategyDefinition.Variant;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a strategy document (YAML) into a {@link StrategyDefinition} and checks every rule a strategy must keep:
 * its shape (known keys only, types, required keys), offsets, actions and their parameters, known templates,
 * unique names, variant shares, CEL conditions that type-check, and collection practice (a written notice at
 * least {@value Ladders#NOTICE_DAYS} days before each escalation, in every ladder an account can follow). All
 * problems are reported at once, each with a JSON Pointer and its line in the document; a definition comes back
 * only when there are none.
 */
public final class StrategyDocument {

    /** A strategy's name: lower-case letters, digits and hyphens, 2 to 63 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    /** A segment's or variant's name: lower-case letters, digits and hyphens, 1 to 63 characters. */
    public static final Pattern PART_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** A call queue, account manager or agency code. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,62}");
    /** Priority when the document names none; the lowest priority number is tried first. */
    public static final int DEFAULT_PRIORITY = 100;
    public static final int MAX_PRIORITY = 9999;
    public static final int MAX_DESCRIPTION = 2000;

    static final List<String> ROOT_KEYS = List.of("strategy", "description", "priority", "appliesTo", "segments",
            "stopWhen");
    static final List<String> SEGMENT_KEYS = List.of("name", "when", "ladder", "variants");
    static final List<String> STEP_KEYS = List.of("at", "action", "template", "queue", "manager", "level", "agency",
            "fallback", "required");
    static final List<String> VARIANT_KEYS = List.of("name", "share", "ladder", "control");
    static final List<String> LEVELS = List.of("soft", "hard");

    /** The outcome of a reading: the definition when there is no problem, else null and the problems. */
    public record Parsed(StrategyDefinition definition, List<FieldError> errors) {

        public Parsed {
            errors = List.copyOf(errors);
        }

        /** Returns true when the document broke no rule. */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A step as read, with the pointer it sits at (its parts are null where they could not be read). */
    private record Rung(Step step, String pointer, int line) {
    }

    private final YamlReading yaml = new YamlReading();
    private final TemplateCatalog templates;

    private StrategyDocument(TemplateCatalog templates) {
        this.templates = templates;
    }

    /**
     * Reads and checks a document.
     *
     * @param templates the catalogue step templates must be known to; null skips that check (for documents
     *                  stored when they were valid, whose templates may since have been renamed)
     */
    public static Parsed parse(String yaml, TemplateCatalog templates) {
        return new StrategyDocument(templates).read(yaml);
    }

    private Parsed read(String text) {
        Node root = yaml.compose(text);
        if (root == null) {
            return new Parsed(null, yaml.errors());
        }
        Fields doc = yaml.fields(root, "", ROOT_KEYS);
        if (doc == null) {
            return new Parsed(null, yaml.errors());
        }
        String name = doc.text("strategy", true);
        if (name != null && !NAME.matcher(name).matches()) {
            yaml.error(doc.pointer("strategy"), doc.line("strategy"), "'" + YamlReading.abbreviate(name)
                    + "' is not a strategy name: 2 to 63 lower-case letters, digits and hyphens, starting with a "
                    + "letter or digit");
        }
        String description = doc.text("description", false);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            yaml.error(doc.pointer("description"), doc.line("description"),
                    "is longer than " + MAX_DESCRIPTION + " characters");
        }
        Integer priority = doc.whole("priority", false, 0, MAX_PRIORITY);
        String appliesTo = condition(doc, "appliesTo");
        List<Segment> segments = new ArrayList<>();
        List<Node> segmentNodes = doc.list("segments", true, "segments");
        if (segmentNodes != null) {
            if (segmentNodes.isEmpty()) {
                yaml.error(doc.pointer("segments"), doc.line("segments"), "needs at least one segment");
            }
            for (int i = 0; i < segmentNodes.size(); i++) {
                Segment segment = segment(segmentNodes.get(i), "/segments/" + i);
                if (segment != null) {
                    segments.add(segment);
                }
            }
            if (segments.size() == segmentNodes.size()) {
                checkSegmentNames(segments, segmentNodes);
            }
        }
        String stopWhen = condition(doc, "stopWhen");
        if (!yaml.errors().isEmpty()) {
            return new Parsed(null, yaml.errors());
        }
        return new Parsed(new StrategyDefinition(name, description, priority == null ? DEFAULT_PRIORITY : priority,
                appliesTo, segments, stopWhen), List.of());
    }

    /** Reads a CEL condition and reports its compile errors at their lines in the document. */
    private String condition(Fields fields, String key) {
        String source = fields.text(key, false);
        if (source == null) {
            return null;
        }
        Condition.Compiled compiled = Condition.compile(source);
        for (Condition.Error error : compiled.errors()) {
            int line = fields.textLine(key) + error.line() - 1;
            String at = error.line() > 1 ? "line " + error.line() + ", column " + (error.column() + 1)
                    : "column " + (error.column() + 1);
            yaml.error(fields.pointer(key), line, "CEL error at " + at + " of the condition: " + brief(error.message()));
        }
        return source;
    }

    /** Drops CEL's list of candidate overloads, which is longer than it is helpful. */
    private static String brief(String message) {
        int candidates = message.indexOf(" (candidates:");
        return candidates > 0 ? message.substring(0, candidates) : message;
    }

    private Segment segment(Node node, String pointer) {
        Fields fields = yaml.fields(node, pointer, SEGMENT_KEYS);
        if (fields == null) {
            return null;
        }
        String name = fields.text("name", true);
        if (name != null && !PART_NAME.matcher(name).matches()) {
            yaml.error(fields.pointer("name"), fields.line("name"), partName(name));
        }
        String when = condition(fields, "when");
        List<Rung> ladder = ladder(fields, true);
        List<Variant> variants = new ArrayList<>();
        List<Node> variantNodes = fields.list("variants", false, "variants");
        boolean variantsRead = true;
        List<List<Rung>> variantLadders = new ArrayList<>();
        if (variantNodes != null) {
            if (variantNodes.isEmpty()) {
                yaml.error(fields.pointer("variants"), fields.line("variants"),
                        "needs at least one variant, or leave variants out");
            }
            for (int i = 0; i < variantNodes.size(); i++) {
                List<Rung> own = new ArrayList<>();
                Variant variant = variant(variantNodes.get(i), fields.pointer("variants") + "/" + i, own);
                variantsRead &= variant != null;
                if (variant != null) {
                    variants.add(variant);
                    variantLadders.add(own);
                }
            }
        }
        if (ladder != null) {
            checkNotices(ladder);
        }
        variantLadders.forEach(this::checkNotices);
        if (variantNodes != null && variantsRead) {
            checkVariants(fields, variants, variantNodes, ladder);
        }
        return new Segment(name, when, ladder == null ? List.of() : ladder.stream().map(Rung::step).toList(),
                variants);
    }

    private static String partName(String name) {
        return "'" + YamlReading.abbreviate(name) + "' is not a name: 1 to 63 lower-case letters, digits and "
                + "hyphens, starting with a letter or digit";
    }

    /** Reads a mapping's {@code ladder}, or returns null when absent or unreadable. */
    private List<Rung> ladder(Fields fields, boolean required) {
        List<Node> nodes = fields.list("ladder", required, "steps such as { at: \"due+1d\", action: SMS, "
                + "template: overdue_notice }");
        if (nodes == null) {
            return null;
        }
        List<Rung> ladder = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String pointer = fields.pointer("ladder") + "/" + i;
            Step step = step(nodes.get(i), pointer);
            if (step != null) {
                ladder.add(new Rung(step, pointer, YamlReading.line(nodes.get(i))));
            }
        }
        return ladder;
    }

    private Step step(Node node, String pointer) {
        Fields f = yaml.fields(node, pointer, STEP_KEYS);
        if (f == null) {
            return null;
        }
        Offset at = null;
        String atText = f.text("at", true);
        if (atText != null) {
            try {
                at = Offset.parse(atText);
            } catch (IllegalArgumentException e) {
                yaml.error(f.pointer("at"), f.line("at"), e.getMessage());
            }
        }
        ActionKind action = action(f, "action", true);
        ActionKind fallback = action(f, "fallback", false);
        String template = f.text("template", false);
        String queue = code(f, "queue");
        String manager = code(f, "manager");
        String level = f.text("level", false);
        String agency = code(f, "agency");
        Boolean required = f.flag("required");
        if (action != null) {
            checkFallback(f, action, fallback);
            checkTemplate(f, action, fallback, template);
            checkParameters(f, action, queue, manager, level, agency);
        }
        return new Step(at, action, template, queue, manager, level, agency, fallback,
                required != null && required);
    }

    private ActionKind action(Fields f, String key, boolean required) {
        String text = f.text(key, required);
        if (text == null) {
            return null;
        }
        try {
            return ActionKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            yaml.error(f.pointer(key), f.line(key), "unknown action '" + YamlReading.abbreviate(text)
                    + "'; one of " + Arrays.stream(ActionKind.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
            return null;
        }
    }

    private String code(Fields f, String key) {
        String text = f.text(key, false);
        if (text != null && !CODE.matcher(text).matches()) {
            yaml.error(f.pointer(key), f.line(key), "'" + YamlReading.abbreviate(text) + "' is not a " + key
                    + " code: up to 63 letters, digits and . _ @ -");
            return null;
        }
        return text;
    }

    private void checkFallback(Fields f, ActionKind action, ActionKind fallback) {
        if (fallback == null) {
            return;
        }
        if (action.channel() == null) {
            yaml.error(f.pointer("fallback"), f.line("fallback"), "only a contact step (SMS, EMAIL, PUSH, LETTER, "
                    + "CALL_TASK) has a fallback, not " + action);
        } else if (fallback.channel() == null) {
            yaml.error(f.pointer("fallback"), f.line("fallback"), "must be a contact action (SMS, EMAIL, PUSH, "
                    + "LETTER, CALL_TASK), not " + fallback);
        } else if (fallback == action) {
            yaml.error(f.pointer("fallback"), f.line("fallback"), "must be another channel than the step's own ("
                    + action + ")");
        }
    }

    private void checkTemplate(Fields f, ActionKind action, ActionKind fallback, String template) {
        boolean forFallback = fallback != null && fallback != action && fallback.needsTemplate();
        if (template == null) {
            if (!f.has("template") && action.needsTemplate()) {
                yaml.error(f.pointer("template"), f.line(), action + " needs a template");
            } else if (!f.has("template") && forFallback) {
                yaml.error(f.pointer("template"), f.line(), "a fallback to " + fallback + " needs a template");
            }
            return;
        }
        if (!action.needsTemplate() && !forFallback) {
            yaml.error(f.pointer("template"), f.line("template"), "applies to SMS, EMAIL, PUSH and LETTER steps "
                    + "(or a fallback to one), not " + action);
            return;
        }
        if (templates == null) {
            return;
        }
        for (ActionKind kind : new ActionKind[]{action, fallback}) {
            if (kind != null && kind.needsTemplate() && !templates.knows(kind, template)) {
                List<String> known = templates.names().stream().filter(n -> templates.knows(kind, n)).sorted()
                        .toList();
                yaml.error(f.pointer("template"), f.line("template"), "unknown template '"
                        + YamlReading.abbreviate(template) + "' for " + kind + (kind == fallback && kind != action
                        ? " (the fallback)" : "") + "; known: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
    }

    private void checkParameters(Fields f, ActionKind action, String queue, String manager, String level,
                                 String agency) {
        onlyFor(f, "queue", action, ActionKind.CALL_TASK);
        onlyFor(f, "manager", action, ActionKind.CALL_TASK);
        onlyFor(f, "level", action, ActionKind.RESTRICT_SERVICE);
        onlyFor(f, "agency", action, ActionKind.PLACE_WITH_AGENCY);
        if (action == ActionKind.CALL_TASK && !f.has("queue") && !f.has("manager")) {
            yaml.error(f.pointer("queue"), f.line(), "CALL_TASK needs a queue or a manager (manager: assigned "
                    + "for the account's own manager)");
        }
        if (action == ActionKind.RESTRICT_SERVICE) {
            if (!f.has("level")) {
                yaml.error(f.pointer("level"), f.line(), "RESTRICT_SERVICE needs a level: soft or hard");
            } else if (level != null && !LEVELS.contains(level)) {
                yaml.error(f.pointer("level"), f.line("level"), "must be soft or hard, not '"
                        + YamlReading.abbreviate(level) + "'");
            }
        }
    }

    private void onlyFor(Fields f, String key, ActionKind action, ActionKind owner) {
        if (f.has(key) && action != owner) {
            yaml.error(f.pointer(key), f.line(key), "applies to " + owner + " steps only, not " + action);
        }
    }

    private Variant variant(Node node, String pointer, List<Rung> own) {
        Fields f = yaml.fields(node, pointer, VARIANT_KEYS);
        if (f == null) {
            return null;
        }
        String name = f.text("name", true);
        if (name != null && !PART_NAME.matcher(name).matches()) {
            yaml.error(f.pointer("name"), f.line("name"), partName(name));
        }
        Integer share = f.whole("share", true, 0, 100);
        List<Rung> ladder = ladder(f, false);
        Boolean control = f.flag("control");
        if (ladder != null) {
            own.addAll(ladder);
        }
        return new Variant(name, share == null ? 0 : share, ladder == null ? null : ladder.stream()
                .map(Rung::step).toList(), control != null && control);
    }

    private void checkVariants(Fields segment, List<Variant> variants, List<Node> nodes, List<Rung> ladder) {
        String pointer = segment.pointer("variants");
        Map<String, Integer> seen = new HashMap<>();
        int total = 0;
        int controls = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            total += v.share();
            if (v.name() != null && seen.putIfAbsent(v.name(), i) != null) {
                yaml.error(pointer + "/" + i + "/name", YamlReading.line(nodes.get(i)), "duplicate variant name '"
                        + v.name() + "' (also " + pointer + "/" + seen.get(v.name()) + ")");
            }
            if (v.control()) {
                controls++;
                if (controls > 1) {
                    yaml.error(pointer + "/" + i + "/control", YamlReading.line(nodes.get(i)),
                            "a segment has at most one control arm");
                }
                if (v.ladder() == null && ladder != null) {
                    checkControl(pointer + "/" + i, YamlReading.line(nodes.get(i)), ladder);
                }
            }
        }
        if (total != 100 && !variants.isEmpty()) {
            yaml.error(pointer, segment.line("variants"), "variant shares must add up to 100, not " + total);
        }
    }

    /** Checks the minimum-notice ladder a control arm without a ladder of its own follows. */
    private void checkControl(String pointer, int line, List<Rung> ladder) {
        if (ladder.stream().anyMatch(r -> r.step().at() == null || r.step().action() == null)) {
            return;
        }
        List<Step> control = Ladders.controlLadder(ladder.stream().map(Rung::step).toList());
        if (control.isEmpty()) {
            yaml.error(pointer, line, "a control arm still gets the minimum notices: mark steps of the segment's "
                    + "ladder required: true, or give the ladder a post-due LETTER, EMAIL or SMS");
            return;
        }
        for (Step step : control) {
            if (step.action().escalation() && noticeBefore(step, control) == null) {
                yaml.error(pointer, line, "the control arm's ladder (the segment's required steps) has "
                        + step.action() + " at " + step.at() + " without a written notice (LETTER, EMAIL or SMS) "
                        + "at " + latestNotice(step) + " or earlier: mark one required: true");
            }
        }
    }

    /** Checks collection practice on one ladder: every escalation has a written notice at least 5 days earlier. */
    private void checkNotices(List<Rung> ladder) {
        List<Step> steps = ladder.stream().map(Rung::step).filter(s -> s.at() != null && s.action() != null)
                .toList();
        for (Rung rung : ladder) {
            Step step = rung.step();
            if (step.at() != null && step.action() != null && step.action().escalation()
                    && noticeBefore(step, steps) == null) {
                yaml.error(rung.pointer(), rung.line(), step.action() + " at " + step.at() + " needs a written "
                        + "notice (LETTER, EMAIL or SMS) at " + latestNotice(step) + " or earlier in the same "
                        + "ladder: collection practice asks for " + Ladders.NOTICE_DAYS + " days' notice");
            }
        }
    }

    private static Step noticeBefore(Step escalation, List<Step> ladder) {
        for (Step s : ladder) {
            if (s.action().writtenNotice() && s.at().anchor() == escalation.at().anchor()
                    && s.at().days() <= escalation.at().days() - Ladders.NOTICE_DAYS) {
                return s;
            }
        }
        return null;
    }

    private static String latestNotice(Step escalation) {
        int days = escalation.at().days() - Ladders.NOTICE_DAYS;
        if (escalation.at().anchor() == Offset.Anchor.OPEN) {
            return days < 0 ? "a time before the case opens (impossible: move it later)" : "open+" + days + "d";
        }
        return (days < 0 ? "due-" : "due+") + Math.abs(days) + "d";
    }

    private void checkSegmentNames(List<Segment> segments, List<Node> nodes) {
        Map<String, Integer> seen = new HashMap<>();
        int catchAll = -1;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.name() != null && seen.putIfAbsent(s.name(), i) != null) {
                yaml.error("/segments/" + i + "/name", YamlReading.line(nodes.get(i)), "duplicate segment name '"
                        + s.name() + "' (also /segments/" + seen.get(s.name()) + ")");
            }
            if (catchAll >= 0) {
                yaml.error("/segments/" + i, YamlReading.line(nodes.get(i)), "never reached: segment '"
                        + segments.get(catchAll).name() + "' (/segments/" + catchAll + ") has no when and takes "
                        + "every account that gets this far");
            } else if (s.when() == null) {
                catchAll = i;
            }
        }
    }
}
