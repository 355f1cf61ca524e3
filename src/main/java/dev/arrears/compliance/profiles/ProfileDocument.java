package dev.arrears.compliance.profiles;

import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.Profile.RuleSetting;
import dev.arrears.compliance.domain.Profile.Window;
import dev.arrears.compliance.domain.RuleId;
import dev.arrears.shared.FieldError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a jurisdiction profile file (YAML) into a {@link Profile}: known keys only, each value of its type, the
 * window as {@code HH:mm} with start before end, real zone ids, known rule ids with a citation and the caps the
 * counting rules need, and the contact window and hold rules present. Reads with SnakeYAML's composer (nodes that
 * keep their lines; no objects are constructed, so no tag can run code) and reports every problem at once, each
 * with a JSON Pointer and a 1-based line.
 */
public final class ProfileDocument {

    /** A profile id: upper-case letters, digits and hyphens, 2 to 40 characters. */
    public static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9-]{1,39}");
    /** An ISO 3166-2 subdivision code such as {@code US-MA}. */
    public static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    static final List<String> ROOT_KEYS = List.of("id", "version", "title", "window", "defaultZones", "rules");
    static final List<String> WINDOW_KEYS = List.of("start", "end", "unlessConsented");
    private static final int MAX_CHARS = 200_000;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    /** The outcome of a reading: the profile when there is no problem, else null and the problems. */
    public record Parsed(Profile profile, List<FieldError> errors) {

        public Parsed {
            errors = List.copyOf(errors);
        }
    }

    private final List<FieldError> errors = new ArrayList<>();
    /** The line of the key each mapping value was read under, for problems with a value as a whole. */
    private final Map<Node, Integer> keyLines = new IdentityHashMap<>();

    private ProfileDocument() {
    }

    /** Reads and checks one profile file's text. */
    public static Parsed parse(String yaml) {
        return new ProfileDocument().read(yaml);
    }

    /** Returns the parameters a rule takes besides its citation; limit and days are required where listed. */
    static List<String> parameters(RuleId rule) {
        return switch (rule) {
            case SEVEN_IN_SEVEN -> List.of("limit", "days");
            case CONVERSATION_BLOCK -> List.of("days");
            case MA_TWO_IN_SEVEN -> List.of("limit", "days", "regions");
            case CN_CONNECTED_CALLS, CN_UNANSWERED_CALLS -> List.of("limit");
            default -> List.of();
        };
    }

    private Parsed read(String text) {
        Node root = compose(text);
        Map<String, Node> doc = root == null ? null : fields(root, "", ROOT_KEYS);
        if (doc == null) {
            return new Parsed(null, errors);
        }
        String id = text(doc, root, "", "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            error("/id", line(doc.get("id")), "'" + id + "' is not a profile id: 2 to 40 upper-case letters, digits "
                    + "and hyphens, starting with a letter");
        }
        Integer version = whole(doc, root, "", "version", true, 1, 1_000_000);
        String title = text(doc, root, "", "title", true);
        Window window = window(doc, root);
        List<ZoneId> zones = zones(doc, root);
        Map<RuleId, RuleSetting> rules = rules(doc, root);
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new Profile(id, version, title, window, zones, rules), errors);
    }

    private Window window(Map<String, Node> doc, Node root) {
        Node node = required(doc, root, "", "window");
        Map<String, Node> window = node == null ? null : fields(node, "/window", WINDOW_KEYS);
        if (window == null) {
            return null;
        }
        LocalTime start = time(window, node, "/window", "start");
        LocalTime end = time(window, node, "/window", "end");
        Boolean unlessConsented = flag(window, "/window", "unlessConsented");
        if (start != null && end != null && !start.isBefore(end)) {
            error("/window/end", line(window.get("end")), "must be after start (" + start + "); the window is "
                    + "start ≤ t < end within one local day");
            return null;
        }
        return start == null || end == null ? null
                : new Window(start, end, unlessConsented != null && unlessConsented);
    }

    private List<ZoneId> zones(Map<String, Node> doc, Node root) {
        Node node = required(doc, root, "", "defaultZones");
        if (node == null) {
            return null;
        }
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            error("/defaultZones", line(node), "must be a non-empty list of time zone ids such as Asia/Shanghai");
            return null;
        }
        List<ZoneId> zones = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String pointer = "/defaultZones/" + i;
            String text = scalar(item, pointer);
            if (text == null) {
                continue;
            }
            try {
                zones.add(ZoneId.of(text));
            } catch (DateTimeException e) {
                error(pointer, line(item), "unknown time zone '" + abbreviate(text) + "'; use an IANA id such as "
                        + "America/New_York");
            }
        }
        return zones;
    }

    private Map<RuleId, RuleSetting> rules(Map<String, Node> doc, Node root) {
        Node node = required(doc, root, "", "rules");
        if (node == null) {
            return null;
        }
        if (!(node instanceof MappingNode mapping)) {
            error("/rules", line(node), "must be a mapping of rule ids to their citation and caps");
            return null;
        }
        String known = String.join(", ", Arrays.stream(RuleId.values()).map(RuleId::suffix).toList());
        Map<RuleId, RuleSetting> rules = new EnumMap<>(RuleId.class);
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            RuleId rule = RuleId.ofSuffix(key);
            String pointer = "/rules/" + (key == null ? "" : escape(key));
            if (rule == null) {
                error(pointer, line(tuple.getKeyNode()), "unknown rule '" + abbreviate(String.valueOf(key))
                        + "'; known: " + known);
                continue;
            }
            if (rules.containsKey(rule)) {
                error(pointer, line(tuple.getKeyNode()), "duplicate rule '" + key + "'");
                continue;
            }
            RuleSetting setting = setting(rule, tuple.getValueNode(), pointer);
            if (setting != null) {
                rules.put(rule, setting);
            }
        }
        for (RuleId required : List.of(RuleId.CONTACT_WINDOW, RuleId.HOLD)) {
            if (!rules.containsKey(required) && errors.stream().noneMatch(e -> e.pointer().equals("/rules/"
                    + required.suffix()))) {
                error("/rules", keyLines.getOrDefault(node, line(node)), "every profile applies the rule '"
                        + required.suffix() + "'");
            }
        }
        return rules;
    }

    private RuleSetting setting(RuleId rule, Node node, String pointer) {
        List<String> parameters = parameters(rule);
        List<String> keys = new ArrayList<>(parameters.size() + 1);
        keys.add("citation");
        keys.addAll(parameters);
        Map<String, Node> fields = fields(node, pointer, keys);
        if (fields == null) {
            return null;
        }
        int before = errors.size();
        String citation = text(fields, node, pointer, "citation", true);
        int limit = 0;
        int days = 0;
        Set<String> regions = Set.of();
        if (parameters.contains("limit")) {
            Integer value = whole(fields, node, pointer, "limit", true, 1, 1000);
            limit = value == null ? 0 : value;
        }
        if (parameters.contains("days")) {
            Integer value = whole(fields, node, pointer, "days", true, 1, 31);
            days = value == null ? 0 : value;
        }
        if (parameters.contains("regions") && fields.containsKey("regions")) {
            regions = regions(fields.get("regions"), pointer + "/regions");
        }
        return errors.size() > before ? null : new RuleSetting(citation, limit, days, regions);
    }

    private Set<String> regions(Node node, String pointer) {
        if (!(node instanceof SequenceNode sequence)) {
            error(pointer, line(node), "must be a list of ISO 3166-2 regions such as US-MA");
            return Set.of();
        }
        Set<String> regions = new LinkedHashSet<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String text = scalar(item, pointer + "/" + i);
            if (text != null && !REGION.matcher(text).matches()) {
                error(pointer + "/" + i, line(item), "'" + abbreviate(text) + "' is not an ISO 3166-2 region such as "
                        + "US-MA");
            } else if (text != null) {
                regions.add(text);
            }
        }
        return regions;
    }

    // ---- reading nodes ----

    private Node compose(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            error("", 1, "the file is empty");
            return null;
        }
        if (yaml.length() > MAX_CHARS) {
            error("", 1, "the file is longer than " + MAX_CHARS + " characters");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with their lines rather than as one exception
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CHARS * 2);
        try {
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root == null) {
                error("", 1, "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            error("", mark == null ? 1 : mark.getLine() + 1, "not valid YAML: " + problem
                    + (mark == null ? "" : " at column " + (mark.getColumn() + 1)));
            return null;
        } catch (YAMLException e) {
            error("", 1, "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    /** Returns the members of a mapping by key, recording unknown and duplicate keys; null when no mapping. */
    private Map<String, Node> fields(Node node, String pointer, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            error(pointer, line(node), "must be a mapping of " + String.join(", ", allowed));
            return null;
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()) ? s.getValue() : null;
            if (key == null) {
                error(pointer, line(keyNode), "keys must be plain names");
            } else if (!allowed.contains(key)) {
                error(pointer + "/" + escape(key), line(keyNode), "unknown key '" + abbreviate(key) + "'; allowed: "
                        + String.join(", ", allowed));
            } else if (values.containsKey(key)) {
                error(pointer + "/" + escape(key), line(keyNode), "duplicate key '" + key + "'");
            } else {
                values.put(key, tuple.getValueNode());
                keyLines.put(tuple.getValueNode(), line(keyNode));
            }
        }
        return values;
    }

    private Node required(Map<String, Node> fields, Node parent, String pointer, String key) {
        Node node = fields.get(key);
        if (node == null || Tag.NULL.equals(node.getTag())) {
            error(pointer + "/" + key, line(node == null ? parent : node), "is required");
            return null;
        }
        return node;
    }

    private String scalar(Node node, String pointer) {
        if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(node.getTag())) {
            error(pointer, line(node), "must be text");
            return null;
        }
        return scalar.getValue();
    }

    private String text(Map<String, Node> fields, Node parent, String pointer, String key, boolean required) {
        Node node = required ? required(fields, parent, pointer, key) : fields.get(key);
        if (node == null) {
            return null;
        }
        String text = scalar(node, pointer + "/" + key);
        if (text != null && text.isBlank()) {
            error(pointer + "/" + key, line(node), "must not be blank");
            return null;
        }
        return text;
    }

    private Integer whole(Map<String, Node> fields, Node parent, String pointer, String key, boolean required,
                          int min, int max) {
        Node node = required ? required(fields, parent, pointer, key) : fields.get(key);
        if (node == null) {
            return null;
        }
        String range = "must be a whole number from " + min + " to " + max;
        if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(node.getTag())) {
            error(pointer + "/" + key, line(node), range);
            return null;
        }
        try {
            int value = Integer.parseInt(scalar.getValue().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(pointer + "/" + key, line(node), range + ", not " + abbreviate(scalar.getValue()));
        return null;
    }

    private Boolean flag(Map<String, Node> fields, String pointer, String key) {
        Node node = fields.get(key);
        if (node == null || Tag.NULL.equals(node.getTag())) {
            return null;
        }
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(node.getTag())) {
            return scalar.getValue().equalsIgnoreCase("true") || scalar.getValue().equalsIgnoreCase("yes")
                    || scalar.getValue().equalsIgnoreCase("on");
        }
        error(pointer + "/" + key, line(node), "must be true or false");
        return null;
    }

    private LocalTime time(Map<String, Node> fields, Node parent, String pointer, String key) {
        Node node = required(fields, parent, pointer, key);
        if (node == null) {
            return null;
        }
        String text = node instanceof ScalarNode s ? s.getValue() : null;
        try {
            if (text != null) {
                return LocalTime.parse(text, HOURS);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        error(pointer + "/" + key, line(node), "must be a local time HH:mm such as \"08:00\" (quoted)");
        return null;
    }

    private void error(String pointer, int line, String detail) {
        errors.add(new FieldError(pointer, Math.max(1, line), null, detail));
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
