package dev.arrears.strategy.document;

import dev.arrears.shared.FieldError;
import org.yaml.snakeyaml.DumperOptions;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One reading of a YAML document as a tree of nodes that keep their lines (SnakeYAML's composer: no objects are
 * constructed, so no tag can run code), with typed access by key that records every problem as a
 * {@link FieldError} with a JSON Pointer and a 1-based line. Reading goes on after a problem, so that a caller
 * gets all of them at once.
 */
final class YamlReading {

    /** Largest document read, in characters: a strategy is a few kilobytes. */
    static final int MAX_CHARS = 1_000_000;

    private final List<FieldError> errors = new ArrayList<>();

    /** Returns the problems found so far, in the order found. */
    List<FieldError> errors() {
        return errors;
    }

    /** Records a problem. */
    void error(String pointer, int line, String detail) {
        errors.add(new FieldError(pointer, Math.max(1, line), null, detail));
    }

    /** Returns the root node, or null after recording why there is none. */
    Node compose(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            error("", 1, "the document is empty");
            return null;
        }
        if (yaml.length() > MAX_CHARS) {
            error("", 1, "the document is longer than " + MAX_CHARS + " characters");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below, with their lines, rather than as one exception
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CHARS * 2);
        try {
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root == null) {
                error("", 1, "the document is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            error("", mark == null ? 1 : mark.getLine() + 1, "not valid YAML: " + problem + context
                    + (mark == null ? "" : " at column " + (mark.getColumn() + 1)));
            return null;
        } catch (YAMLException e) {
            error("", 1, "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    /** Returns the 1-based line a node starts on. */
    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Returns a JSON Pointer to a member: {@code ~} and {@code /} escaped as RFC 6901 asks. */
    static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** Returns the fields of a mapping node, or null (recording why) when the node is no mapping. */
    Fields fields(Node node, String pointer, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            error(pointer, line(node), "must be a mapping of " + String.join(", ", allowed));
            return null;
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || isNull(scalar)) {
                error(pointer, line(keyNode), "keys must be plain names");
                continue;
            }
            String key = scalar.getValue();
            if (!allowed.contains(key)) {
                error(pointer(pointer, key), line(keyNode), "unknown key '" + abbreviate(key) + "'; allowed: "
                        + String.join(", ", allowed));
            } else if (values.containsKey(key)) {
                error(pointer(pointer, key), line(keyNode), "duplicate key '" + key + "'");
            } else {
                values.put(key, tuple.getValueNode());
            }
        }
        return new Fields(pointer, line(node), values);
    }

    /** Returns the nodes of a sequence, or null (recording why) when the node is no sequence. */
    List<Node> items(Node node, String pointer, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            error(pointer, line(node), "must be a list of " + what);
            return null;
        }
        return sequence.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Shortens user text quoted in a message. */
    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** The members of one mapping, read by key with their pointers and lines. */
    final class Fields {

        private final String pointer;
        private final int line;
        private final Map<String, Node> values;

        private Fields(String pointer, int line, Map<String, Node> values) {
            this.pointer = pointer;
            this.line = line;
            this.values = values;
        }

        /** Returns the mapping's own pointer. */
        String pointer() {
            return pointer;
        }

        /** Returns the pointer of a member. */
        String pointer(String key) {
            return YamlReading.pointer(pointer, key);
        }

        /** Returns the line of a member's value, or of the mapping when the member is absent. */
        int line(String key) {
            Node node = values.get(key);
            return node == null ? line : YamlReading.line(node);
        }

        /** Returns the line of the mapping. */
        int line() {
            return line;
        }

        /** Returns true when the member is present with a non-null value. */
        boolean has(String key) {
            Node node = values.get(key);
            return node != null && !isNull(node);
        }

        /** Returns a member's node, null when absent or null (recording "is required" when it must be there). */
        Node node(String key, boolean required) {
            Node node = values.get(key);
            if (node == null || isNull(node)) {
                if (required) {
                    error(pointer(key), node == null ? line : YamlReading.line(node), "is required");
                }
                return null;
            }
            return node;
        }

        /** Returns a member as text, or null when absent or not text. */
        String text(String key, boolean required) {
            Node node = node(key, required);
            if (node == null) {
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                error(pointer(key), YamlReading.line(node), "must be text, not a " + kind(node));
                return null;
            }
            String text = scalar.getValue();
            if (text.isBlank() && required) {
                error(pointer(key), YamlReading.line(node), "must not be blank");
                return null;
            }
            return text;
        }

        /**
         * Returns the line inside the document on which the member's text starts: a block scalar ({@code |} or
         * {@code >}) starts on the line after its key.
         */
        int textLine(String key) {
            Node node = values.get(key);
            if (node instanceof ScalarNode scalar && (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED)) {
                return YamlReading.line(node) + 1;
            }
            return line(key);
        }

        /** Returns a member as a whole number, or null when absent or not one. */
        Integer whole(String key, boolean required, int min, int max) {
            Node node = node(key, required);
            if (node == null) {
                return null;
            }
            String range = "must be a whole number from " + min + " to " + max;
            if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(node.getTag())) {
                error(pointer(key), YamlReading.line(node), range + ", not "
                        + (node instanceof ScalarNode s ? "'" + abbreviate(s.getValue()) + "'" : "a " + kind(node)));
                return null;
            }
            try {
                int value = Integer.parseInt(scalar.getValue().replace("_", "").replaceFirst("^\\+", ""));
                if (value < min || value > max) {
                    error(pointer(key), YamlReading.line(node), range + ", not " + value);
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                error(pointer(key), YamlReading.line(node), range + ", not '" + abbreviate(scalar.getValue()) + "'");
                return null;
            }
        }

        /** Returns a member as true or false, or null when absent or not a boolean. */
        Boolean flag(String key) {
            Node node = node(key, false);
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar && Tag.BOOL.equals(node.getTag())) {
                String value = scalar.getValue().toLowerCase(Locale.ROOT);
                return value.equals("true") || value.equals("yes") || value.equals("on");
            }
            error(pointer(key), YamlReading.line(node), "must be true or false");
            return null;
        }

        /** Returns a member as a list of nodes, or null when absent or not a list. */
        List<Node> list(String key, boolean required, String what) {
            Node node = node(key, required);
            return node == null ? null : items(node, pointer(key), what);
        }
    }

    private static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "mapping";
            case sequence -> "list";
            case scalar -> "value";
            case anchor -> "anchor";
        };
    }
}
