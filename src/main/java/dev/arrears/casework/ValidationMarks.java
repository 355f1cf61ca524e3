package dev.arrears.casework;

import dev.arrears.shared.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a strategy document's validation errors in its text for the editor: each error at a 1-based line and
 * column, and the set of lines that carry one. The validator gives the line and, in its message, where in a CEL
 * condition or a YAML construct the problem is; the column is found from those and the line's text (the key an
 * error names, the start of the condition plus the column CEL gives), else the line's first non-blank character.
 */
public final class ValidationMarks {

    /** An error at a line and column of the document. */
    public record Mark(int line, int column, String pointer, String detail) {
    }

    private static final Pattern YAML_COLUMN = Pattern.compile("at column (\\d+)\\s*$");
    private static final Pattern CEL_COLUMN = Pattern.compile(
            "^CEL error at (?:line (\\d+), )?column (\\d+) of the condition");
    private static final Pattern NAMED_KEY = Pattern.compile("^(?:unknown|duplicate) key '([^']*)'");

    private final List<Mark> marks;

    private ValidationMarks(List<Mark> marks) {
        this.marks = List.copyOf(marks);
    }

    /** Places the errors in the document. */
    public static ValidationMarks of(String yaml, List<FieldError> errors) {
        String[] lines = yaml == null ? new String[0] : yaml.split("\\r\\n|\\r|\\n", -1);
        List<Mark> marks = new ArrayList<>();
        for (FieldError e : errors) {
            int line = Math.max(1, e.line());
            String text = line <= lines.length ? lines[line - 1] : "";
            marks.add(new Mark(line, column(text, e), e.pointer(), e.detail()));
        }
        return new ValidationMarks(marks);
    }

    /** Returns the errors, placed, in the validator's order. */
    public List<Mark> marks() {
        return marks;
    }

    /** Returns the lines that carry an error. */
    public Set<Integer> lines() {
        Set<Integer> lines = new TreeSet<>();
        marks.forEach(m -> lines.add(m.line()));
        return lines;
    }

    /** Returns true when the line carries an error. */
    public boolean marked(int line) {
        return marks.stream().anyMatch(m -> m.line() == line);
    }

    /** Returns the errors on a line. */
    public List<Mark> on(int line) {
        return marks.stream().filter(m -> m.line() == line).toList();
    }

    /** Returns the 1-based column of an error on its line's text. */
    static int column(String text, FieldError e) {
        String detail = e.detail() == null ? "" : e.detail();
        if (e.column() != null && e.column().matches("\\d{1,6}")) {
            return Math.max(1, Integer.parseInt(e.column()));
        }
        Matcher yaml = YAML_COLUMN.matcher(detail);
        if (detail.startsWith("not valid YAML") && yaml.find()) {
            return Integer.parseInt(yaml.group(1));
        }
        Matcher cel = CEL_COLUMN.matcher(detail);
        if (cel.find()) {
            int within = Integer.parseInt(cel.group(2));
            boolean firstLine = cel.group(1) == null || cel.group(1).equals("1");
            int start = firstLine ? valueStart(text, lastSegment(e.pointer())) : firstNonBlank(text);
            return start + within;
        }
        Matcher named = NAMED_KEY.matcher(detail);
        if (named.find()) {
            int at = keyAt(text, named.group(1));
            if (at >= 0) {
                return at + 1;
            }
        }
        String key = lastSegment(e.pointer());
        if (key != null) {
            int at = keyAt(text, key);
            if (at >= 0) {
                return at + 1;
            }
        }
        return firstNonBlank(text) + 1;
    }

    /** Returns the 0-based index where a key's value starts (after an opening quote), else the first non-blank. */
    private static int valueStart(String text, String key) {
        int at = key == null ? -1 : keyAt(text, key);
        if (at < 0) {
            return firstNonBlank(text);
        }
        int i = text.indexOf(':', at + key.length()) + 1;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        return i;
    }

    /** Returns the 0-based index of a key written on the line (bare or quoted, followed by a colon), or -1. */
    private static int keyAt(String text, String key) {
        if (key == null || key.isEmpty()) {
            return -1;
        }
        Matcher m = Pattern.compile("(?<![\\w-])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static String lastSegment(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return null;
        }
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        return last.matches("\\d+") ? null : last;
    }

    private static int firstNonBlank(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i == text.length() ? 0 : i;
    }
}
