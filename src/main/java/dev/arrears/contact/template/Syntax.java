package dev.arrears.contact.template;

import dev.arrears.contact.template.Variables.Kind;
import dev.arrears.contact.template.Variables.Scope;
import dev.arrears.contact.template.Variables.Variable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template syntax, strict and small, parsed once into nodes whose variables are already resolved:
 * <ul>
 *   <li>{@code {{customer.name}}} inserts a value (HTML-escaped in HTML parts);</li>
 *   <li>{@code {{#bills}}…{{/bills}}} repeats for each item of a list, whose fields are then in scope
 *       ({@code {{#lines}}{{description}} {{amount}}{{/lines}}} inside it);</li>
 *   <li>{@code {{#if account.overdue}}…{{else}}…{{/if}}} keeps one branch: a flag that is yes, a text that is not
 *       empty, a list that is not empty;</li>
 *   <li>{@code {{! a comment }}} renders to nothing.</li>
 * </ul>
 * A line that holds nothing but one section, condition, else or comment tag (and blanks) disappears with its line
 * break, so that block tags may stand on lines of their own. Anything else between braces is an error: unknown
 * variables, unclosed or mismatched sections, a list inserted as text, a flag or text used as a list, unescaped
 * output, partials, inverted sections. Errors carry the 1-based line and column (in code points) of their tag.
 */
public final class Syntax {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

    /** A parsed node. */
    sealed interface Node permits Text, Out, Each, When {
    }

    /** Literal text. */
    record Text(String text) implements Node {
    }

    /** A value inserted as text. */
    record Out(Variable variable) implements Node {
    }

    /** A section repeated for each item of a list. */
    record Each(Variable list, List<Node> body) implements Node {
    }

    /** A condition with its two branches. */
    record When(Variable condition, List<Node> then, List<Node> otherwise) implements Node {
    }

    /** One problem, with the position of its tag. */
    public record Problem(int line, int column, String detail) {
    }

    /**
     * The result of a parse: the nodes (usable only when there are no problems), the problems in source order, and
     * every variable the template inserts as text somewhere.
     */
    public record Parsed(List<Node> nodes, List<Problem> problems, Set<Variable> inserts) {

        /** Returns true when the template has no problem. */
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private enum TagKind { VARIABLE, OPEN_SECTION, OPEN_IF, ELSE, CLOSE, COMMENT, INVALID }

    /** A tag as read: its kind, its argument (a name), its position and its span in the source. */
    private record Tag(TagKind kind, String argument, int line, int column, int start, int end, String problem) {
        boolean block() {
            return kind != TagKind.VARIABLE && kind != TagKind.INVALID;
        }
    }

    /** Literal text between tags, kept as a span of the source that standalone tags may trim at either end. */
    private static final class Span {
        final int start;
        final int end;
        int keepFrom;
        int keepTo;

        Span(int start, int end) {
            this.start = start;
            this.end = end;
            this.keepFrom = start;
            this.keepTo = end;
        }
    }

    /** A block open while parsing: a section or a condition, with the nodes collected so far. */
    private static final class Block {
        final Tag tag;
        final Variable variable;
        final boolean condition;
        final List<Node> then = new ArrayList<>();
        List<Node> otherwise;

        Block(Tag tag, Variable variable, boolean condition) {
            this.tag = tag;
            this.variable = variable;
            this.condition = condition;
        }

        List<Node> current() {
            return otherwise != null ? otherwise : then;
        }
    }

    private final String source;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Variable> inserts = new LinkedHashSet<>();
    private int[] lineStarts;

    private Syntax(String source) {
        this.source = source;
    }

    /** Parses a template part. */
    public static Parsed parse(String source) {
        return new Syntax(source == null ? "" : source).parse();
    }

    private Parsed parse() {
        lineStarts = lineStarts(source);
        List<Object> tokens = tokenize();
        trimStandalone(tokens);
        List<Node> nodes = build(tokens);
        problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return new Parsed(nodes, List.copyOf(problems), Set.copyOf(inserts));
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private List<Object> tokenize() {
        List<Object> tokens = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                tokens.add(new Span(at, source.length()));
                break;
            }
            if (open > at) {
                tokens.add(new Span(at, open));
            }
            int close = source.indexOf("}}", open + 2);
            int nextOpen = source.indexOf("{{", open + 2);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                problem(open, "'{{' is not closed by '}}'" + (close < 0 ? "" : " before the next '{{'"));
                tokens.add(new Span(open, close < 0 ? source.length() : nextOpen));
                at = close < 0 ? source.length() : nextOpen;
                continue;
            }
            int end = close + 2;
            String inner = source.substring(open + 2, close);
            if (inner.startsWith("{") && end < source.length() && source.charAt(end) == '}') {
                end++;
            }
            tokens.add(tag(inner, open, end));
            at = end;
        }
        return tokens;
    }

    private Tag tag(String inner, int start, int end) {
        int line = line(start);
        int column = column(start, line);
        String t = inner.strip();
        if (t.isEmpty()) {
            return invalid(line, column, start, end, "empty tag {{}}");
        }
        char first = t.charAt(0);
        String rest = t.substring(1).strip();
        return switch (first) {
            case '!' -> new Tag(TagKind.COMMENT, null, line, column, start, end, null);
            case '{', '&' -> invalid(line, column, start, end, "unescaped output {{" + first + "…}} is not supported: "
                    + "write {{name}}, values are always inserted as text");
            case '>' -> invalid(line, column, start, end, "partials {{>…}} are not supported");
            case '^' -> invalid(line, column, start, end, "inverted sections {{^…}} are not supported: write "
                    + "{{#if name}}{{else}}…{{/if}}");
            case '#' -> {
                if (rest.equals("if") || rest.startsWith("if ") || rest.startsWith("if\t")) {
                    String condition = rest.substring(2).strip();
                    yield condition.isEmpty()
                            ? invalid(line, column, start, end,
                                    "{{#if}} needs a variable, as in {{#if account.overdue}}")
                            : named(TagKind.OPEN_IF, condition, line, column, start, end);
                }
                yield named(TagKind.OPEN_SECTION, rest, line, column, start, end);
            }
            case '/' -> named(TagKind.CLOSE, rest, line, column, start, end);
            default -> t.equals("else") ? new Tag(TagKind.ELSE, null, line, column, start, end, null)
                    : named(TagKind.VARIABLE, t, line, column, start, end);
        };
    }

    private Tag named(TagKind kind, String name, int line, int column, int start, int end) {
        if (!NAME.matcher(name).matches()) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            return invalid(line, column, start, end, "'" + shown + "' is not a variable name such as customer.name");
        }
        return new Tag(kind, name, line, column, start, end, null);
    }

    private static Tag invalid(int line, int column, int start, int end, String problem) {
        return new Tag(TagKind.INVALID, null, line, column, start, end, problem);
    }

    /** Trims the line of every block tag that stands alone on it: blanks before it, blanks and the break after. */
    private void trimStandalone(List<Object> tokens) {
        int last = tokens.size() - 1;
        for (int i = 0; i <= last; i++) {
            if (!(tokens.get(i) instanceof Tag tag) || !tag.block()) {
                continue;
            }
            int lineStart = 0;
            Span before = null;
            if (i > 0) {
                if (!(tokens.get(i - 1) instanceof Span s)) {
                    continue; // another tag right before it on the same line
                }
                before = s;
                lineStart = startOfLineIn(s, i - 1 == 0);
            }
            int lineEnd = source.length();
            Span after = null;
            if (i < last) {
                if (!(tokens.get(i + 1) instanceof Span s)) {
                    continue;
                }
                after = s;
                lineEnd = endOfLineIn(s, i + 1 == last);
            }
            if (lineStart < 0 || lineEnd < 0) {
                continue;
            }
            if (before != null) {
                before.keepTo = Math.min(before.keepTo, lineStart);
            }
            if (after != null) {
                after.keepFrom = Math.max(after.keepFrom, lineEnd);
            }
        }
    }

    /**
     * Returns where the last line of a span starts when that line holds only blanks (the span then ends the text
     * before a tag that may stand alone), or -1. A span without a line break counts only at the template's start.
     */
    private int startOfLineIn(Span span, boolean first) {
        int i = span.end;
        while (i > span.start && (source.charAt(i - 1) == ' ' || source.charAt(i - 1) == '\t')) {
            i--;
        }
        if (i == span.start) {
            return first ? span.start : -1;
        }
        return source.charAt(i - 1) == '\n' ? i : -1;
    }

    /**
     * Returns where the first line of a span ends, after its line break, when it holds only blanks before the
     * break, or -1. A span without a line break counts only at the template's end.
     */
    private int endOfLineIn(Span span, boolean last) {
        int i = span.start;
        while (i < span.end && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
            i++;
        }
        if (i == span.end) {
            return last ? span.end : -1;
        }
        if (source.charAt(i) == '\r' && i + 1 < span.end && source.charAt(i + 1) == '\n') {
            return i + 2;
        }
        return source.charAt(i) == '\n' ? i + 1 : -1;
    }

    // -------------------------------------------------------------------------------------------------- tree

    private List<Node> build(List<Object> tokens) {
        List<Node> root = new ArrayList<>();
        List<Block> open = new ArrayList<>();
        List<Scope> scopes = new ArrayList<>();
        for (Object token : tokens) {
            List<Node> into = open.isEmpty() ? root : open.getLast().current();
            if (token instanceof Span span) {
                if (span.keepTo > span.keepFrom) {
                    into.add(new Text(source.substring(span.keepFrom, span.keepTo)));
                }
                continue;
            }
            Tag tag = (Tag) token;
            switch (tag.kind()) {
                case INVALID -> problems.add(new Problem(tag.line(), tag.column(), tag.problem()));
                case COMMENT -> { }
                case VARIABLE -> {
                    Variable v = lookUp(tag, scopes);
                    if (v != null && v.kind() == Kind.LIST) {
                        problem(tag, "'" + v.name() + "' is a list: repeat for each item with {{#" + v.name()
                                + "}}…{{/" + v.name() + "}}");
                    } else if (v != null && v.kind() == Kind.FLAG) {
                        problem(tag, "'" + v.name() + "' is a yes/no flag: use it as {{#if " + v.name()
                                + "}}…{{/if}}");
                    } else if (v != null) {
                        into.add(new Out(v));
                        inserts.add(v);
                    }
                }
                case OPEN_SECTION -> {
                    Variable v = lookUp(tag, scopes);
                    if (v != null && v.kind() != Kind.LIST) {
                        problem(tag, "'" + v.name() + "' is not a list; for a condition write {{#if " + v.name()
                                + "}}");
                        v = null;
                    }
                    open.add(new Block(tag, v, false));
                    scopes.add(v == null ? null : v.items());
                }
                case OPEN_IF -> {
                    open.add(new Block(tag, lookUp(tag, scopes), true));
                    scopes.add(null);
                }
                case ELSE -> {
                    Block top = open.isEmpty() ? null : open.getLast();
                    if (top == null || !top.condition) {
                        problem(tag, "{{else}} outside {{#if …}}…{{/if}}");
                    } else if (top.otherwise != null) {
                        problem(tag, "a second {{else}} in {{#if " + top.tag.argument() + "}} (line "
                                + top.tag.line() + ")");
                    } else {
                        top.otherwise = new ArrayList<>();
                    }
                }
                case CLOSE -> close(tag, open, scopes, root);
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            Tag tag = open.get(i).tag;
            problem(tag, tag.kind() == TagKind.OPEN_IF
                    ? "{{#if " + tag.argument() + "}} is not closed: add {{/if}}"
                    : "{{#" + tag.argument() + "}} is not closed: add {{/" + tag.argument() + "}}");
        }
        return root;
    }

    private void close(Tag tag, List<Block> open, List<Scope> scopes, List<Node> root) {
        String name = tag.argument();
        if (open.isEmpty()) {
            problem(tag, "{{/" + name + "}} closes nothing: no section or condition is open");
            return;
        }
        int match = open.size() - 1;
        while (match >= 0 && !closes(name, open.get(match))) {
            match--;
        }
        Block top = open.getLast();
        if (match < 0) {
            problem(tag, "{{/" + name + "}} does not close " + opening(top) + " opened at line " + top.tag.line()
                    + ", column " + top.tag.column() + ": close it first with {{/" + closing(top) + "}}");
            return;
        }
        if (match < open.size() - 1) {
            problem(tag, "{{/" + name + "}} comes while " + opening(top) + " opened at line " + top.tag.line()
                    + ", column " + top.tag.column() + " is still open: add {{/" + closing(top) + "}} before it");
            while (open.size() - 1 > match) {
                open.removeLast();
                scopes.removeLast();
            }
            top = open.getLast();
        }
        open.removeLast();
        scopes.removeLast();
        List<Node> into = open.isEmpty() ? root : open.getLast().current();
        if (top.variable == null) {
            return; // already reported; its contents are dropped
        }
        if (top.condition) {
            into.add(new When(top.variable, List.copyOf(top.then),
                    top.otherwise == null ? List.of() : List.copyOf(top.otherwise)));
        } else {
            into.add(new Each(top.variable, List.copyOf(top.then)));
        }
    }

    private static boolean closes(String name, Block block) {
        return block.condition ? name.equals("if") : name.equals(block.tag.argument());
    }

    private static String opening(Block block) {
        return block.condition ? "{{#if " + block.tag.argument() + "}}" : "{{#" + block.tag.argument() + "}}";
    }

    private static String closing(Block block) {
        return block.condition ? "if" : block.tag.argument();
    }

    private Variable lookUp(Tag tag, List<Scope> scopes) {
        List<Scope> open = scopes.stream().filter(s -> s != null).toList();
        Variable v = Variables.resolve(tag.argument(), open);
        if (v == null) {
            problem(tag, Variables.unknown(tag.argument(), open));
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------- positions

    private void problem(Tag tag, String detail) {
        problems.add(new Problem(tag.line(), tag.column(), detail));
    }

    private void problem(int offset, String detail) {
        int line = line(offset);
        problems.add(new Problem(line, column(offset, line), detail));
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns the 1-based line of an offset. */
    private int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** Returns the 1-based column of an offset on its line, counted in code points. */
    private int column(int offset, int line) {
        return source.codePointCount(lineStarts[line - 1], offset) + 1;
    }
}
