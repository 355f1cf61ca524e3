package dev.arrears.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a YAML document into numbered lines of coloured spans for the strategy pages: keys, quoted strings,
 * numbers, literals (true, false, null), comments, punctuation and the CEL conditions of the condition keys
 * ({@code appliesTo}, {@code when}, {@code stopWhen}), in block and flow style, with block scalars ({@code |},
 * {@code >}) carried over their lines. A highlighter, not a parser: any text yields lines whose spans, joined, give
 * the line back exactly, so the page shows what was written even where the YAML is broken. Pure: no Spring, no I/O.
 */
public final class YamlHighlighting {

    /** The kinds of span, each with its CSS class (null: plain text). */
    public enum Kind {
        KEY("y-key"), STRING("y-str"), NUMBER("y-num"), LITERAL("y-lit"), COMMENT("y-com"), CEL("y-cel"),
        PUNCT("y-pun"), PLAIN(null);

        private final String css;

        Kind(String css) {
            this.css = css;
        }

        /** Returns the CSS class of the kind, or null for plain text. */
        public String css() {
            return css;
        }
    }

    /** A run of text of one kind. */
    public record Span(Kind kind, String text) {

        /** Returns the span's CSS class, or null for plain text. */
        public String css() {
            return kind.css();
        }
    }

    /** A line of the document, numbered from 1, as spans. */
    public record Line(int number, List<Span> spans) {

        /** Returns the line's text (the spans joined). */
        public String text() {
            StringBuilder text = new StringBuilder();
            spans.forEach(s -> text.append(s.text()));
            return text.toString();
        }
    }

    /** The keys whose values are CEL conditions. */
    static final Set<String> CONDITION_KEYS = Set.of("appliesTo", "when", "stopWhen");

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*)(\\.\\d+)?([eE][-+]?\\d+)?|[-+]?\\.\\d+");
    private static final Set<String> LITERALS = Set.of("true", "false", "null", "~", "True", "False", "Null", "TRUE",
            "FALSE", "NULL", "yes", "no", "on", "off");
    private static final Pattern BLOCK_INDICATOR = Pattern.compile("[|>][-+]?\\d?|[|>]\\d?[-+]?");

    private YamlHighlighting() {
    }

    /** Returns the lines of a document with their spans; a trailing line break starts no extra line. */
    public static List<Line> lines(String yaml) {
        List<Line> lines = new ArrayList<>();
        if (yaml == null || yaml.isEmpty()) {
            return lines;
        }
        String[] texts = yaml.split("\\r\\n|\\r|\\n", -1);
        int count = texts.length;
        if (count > 1 && texts[count - 1].isEmpty()) {
            count--;
        }
        // a block scalar (key: |) continues on the lines indented deeper than its key
        int blockKeyIndent = -1;
        Kind blockKind = null;
        for (int i = 0; i < count; i++) {
            String text = texts[i];
            if (blockKind != null) {
                int indent = indent(text);
                if (text.isBlank() || indent > blockKeyIndent) {
                    lines.add(new Line(i + 1, block(text, indent, blockKind)));
                    continue;
                }
                blockKind = null;
            }
            Tokenizer tokenizer = new Tokenizer(text);
            lines.add(new Line(i + 1, tokenizer.run()));
            if (tokenizer.blockOpened != null) {
                blockKind = tokenizer.blockOpened;
                blockKeyIndent = tokenizer.keyIndent;
            }
        }
        return lines;
    }

    /** Returns the spans of one line read alone (no block scalar before it). */
    public static List<Span> spans(String line) {
        return new Tokenizer(line).run();
    }

    private static List<Span> block(String text, int indent, Kind kind) {
        List<Span> spans = new ArrayList<>();
        int cut = Math.min(indent, text.length());
        if (cut > 0) {
            spans.add(new Span(Kind.PLAIN, text.substring(0, cut)));
        }
        if (cut < text.length()) {
            spans.add(new Span(kind, text.substring(cut)));
        }
        return spans;
    }

    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Reads one line left to right, remembering the last key read so that its value gets the key's kind. */
    private static final class Tokenizer {

        private final String text;
        private final List<Span> spans = new ArrayList<>();
        private int pos;
        /** Nesting of flow collections ({ and [): inside them , ] and } end a plain scalar. */
        private int flow;
        /** The key whose value comes next, or null. */
        private String pendingKey;
        /** Only indentation and sequence dashes so far on this line. */
        private boolean lineStart = true;
        /** The kind of block scalar this line's last key opened (CEL or STRING), or null. */
        private Kind blockOpened;
        /** The column of the key that opened the block scalar. */
        private int keyIndent;
        private int lastKeyColumn;

        Tokenizer(String text) {
            this.text = text;
        }

        List<Span> run() {
            int n = text.length();
            while (pos < n) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t') {
                    int start = pos;
                    while (pos < n && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                        pos++;
                    }
                    add(Kind.PLAIN, text.substring(start, pos));
                } else if (c == '#' && (pos == 0 || isSpace(text.charAt(pos - 1)))) {
                    add(Kind.COMMENT, text.substring(pos));
                    pos = n;
                } else if (c == '-' && lineStart && (pos + 1 == n || isSpace(text.charAt(pos + 1)))) {
                    add(Kind.PUNCT, "-");
                    pos++;
                } else if (lineStart && pos == 0 && (text.startsWith("---") || text.startsWith("..."))
                        && (n == 3 || isSpace(text.charAt(3)))) {
                    add(Kind.PUNCT, text.substring(0, 3));
                    pos = 3;
                } else if (c == '{' || c == '[') {
                    flow++;
                    punct(c);
                } else if (c == '}' || c == ']') {
                    flow = Math.max(0, flow - 1);
                    punct(c);
                } else if (c == ',' && flow > 0) {
                    pendingKey = null;
                    punct(c);
                } else if (c == ':' && endsKey(pos)) {
                    punct(c);
                } else if (c == '"' || c == '\'') {
                    quoted(c);
                } else {
                    plain();
                }
            }
            return spans;
        }

        private void punct(char c) {
            lineStart = false;
            add(Kind.PUNCT, String.valueOf(c));
            pos++;
        }

        private void quoted(char quote) {
            lineStart = false;
            int start = pos;
            int n = text.length();
            pos++;
            while (pos < n) {
                char c = text.charAt(pos);
                if (quote == '"' && c == '\\' && pos + 1 < n) {
                    pos += 2;
                    continue;
                }
                if (c == quote) {
                    if (quote == '\'' && pos + 1 < n && text.charAt(pos + 1) == '\'') {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                pos++;
            }
            String token = text.substring(start, pos);
            int colon = skipSpaces(pos);
            if (colon < n && text.charAt(colon) == ':' && endsKey(colon)) {
                key(token, start, token.length() >= 2 ? token.substring(1, token.length() - 1) : token);
            } else {
                add(pendingKey != null && CONDITION_KEYS.contains(pendingKey) ? Kind.CEL : Kind.STRING, token);
                pendingKey = null;
            }
        }

        private void plain() {
            lineStart = false;
            int start = pos;
            int n = text.length();
            while (pos < n) {
                char c = text.charAt(pos);
                if (c == ':' && endsKey(pos)) {
                    break;
                }
                if (c == '#' && isSpace(text.charAt(pos - 1))) {
                    break;
                }
                if (flow > 0 && (c == ',' || c == '}' || c == ']' || c == '{' || c == '[')) {
                    break;
                }
                pos++;
            }
            // trailing blanks belong to the gap, not the scalar
            int end = pos;
            while (end > start && isSpace(text.charAt(end - 1))) {
                end--;
            }
            String token = text.substring(start, end);
            pos = end;
            if (pos < n && text.charAt(pos) == ':' && endsKey(pos)) {
                key(token, start, token);
                return;
            }
            if (pendingKey != null && CONDITION_KEYS.contains(pendingKey)) {
                if (BLOCK_INDICATOR.matcher(token).matches()) {
                    add(Kind.PUNCT, token);
                    open(Kind.CEL);
                } else {
                    add(Kind.CEL, token);
                }
            } else if (BLOCK_INDICATOR.matcher(token).matches() && pendingKey != null) {
                add(Kind.PUNCT, token);
                open(Kind.STRING);
            } else if (NUMBER.matcher(token).matches()) {
                add(Kind.NUMBER, token);
            } else if (LITERALS.contains(token)) {
                add(Kind.LITERAL, token);
            } else {
                add(Kind.PLAIN, token);
            }
            pendingKey = null;
        }

        private void open(Kind kind) {
            blockOpened = kind;
            keyIndent = lastKeyColumn;
        }

        private void key(String token, int column, String name) {
            add(Kind.KEY, token);
            pendingKey = name;
            lastKeyColumn = column;
        }

        /** Returns true when the colon at {@code i} ends a key: a blank, the end or (in a flow) , ] } follows. */
        private boolean endsKey(int i) {
            if (i + 1 >= text.length()) {
                return true;
            }
            char next = text.charAt(i + 1);
            return isSpace(next) || (flow > 0 && (next == ',' || next == '}' || next == ']'));
        }

        private int skipSpaces(int i) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private void add(Kind kind, String token) {
            if (token.isEmpty()) {
                return;
            }
            if (!spans.isEmpty() && kind == Kind.PLAIN && spans.getLast().kind() == Kind.PLAIN) {
                spans.set(spans.size() - 1, new Span(Kind.PLAIN, spans.getLast().text() + token));
            } else {
                spans.add(new Span(kind, token));
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
