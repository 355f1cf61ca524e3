package dev.arrears.shared;

import java.util.Arrays;
import java.util.List;

/**
 * One problem with one input field. {@code pointer} is a JSON Pointer into the request body ("/0/dueDate");
 * for files, {@code line} and {@code column} say where (line 1 is the header). {@code detail} is the English the API
 * answers with; a problem the pages show may also carry a message key ({@code code}, null when none) and its
 * arguments, so that a page renders it in the reader's language (the bundles' {@code problem.*} keys).
 */
public record FieldError(String pointer, int line, String column, String detail, String code, List<String> args) {

    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** An error without a message key. */
    public FieldError(String pointer, int line, String column, String detail) {
        this(pointer, line, column, detail, null, List.of());
    }

    /** Returns an error at a JSON Pointer. */
    public static FieldError at(String pointer, String detail) {
        return new FieldError(pointer, 0, null, detail);
    }

    /**
     * Returns an error at a JSON Pointer with the English detail and the message key (with its arguments, written
     * as text) that the pages show instead.
     */
    public static FieldError coded(String pointer, String detail, String code, Object... args) {
        return new FieldError(pointer, 0, null, detail, code,
                Arrays.stream(args).map(String::valueOf).toList());
    }

    /** Returns an error at a line and column of a file. */
    public static FieldError atLine(int line, String column, String detail) {
        return new FieldError(null, line, column, detail);
    }

    /** Returns the same error at another JSON Pointer. */
    public FieldError movedTo(String otherPointer) {
        return new FieldError(otherPointer, line, column, detail, code, args);
    }

    /** Returns the error as printed for files: {@code line 3, column timeZone: unknown time zone 'Mars/Olympus'}. */
    public String fileMessage() {
        return column == null
                ? "line " + line + ": " + detail
                : "line " + line + ", column " + column + ": " + detail;
    }
}
