package dev.arrears.shared;

/**
 * One problem with one input field. {@code pointer} is a JSON Pointer into the request body ("/0/dueDate");
 * for files, {@code line} and {@code column} say where (line 1 is the header).
 */
public record FieldError(String pointer, int line, String column, String detail) {

    /** Returns an error at a JSON Pointer. */
    public static FieldError at(String pointer, String detail) {
        return new FieldError(pointer, 0, null, detail);
    }

    /** Returns an error at a line and column of a file. */
    public static FieldError atLine(int line, String column, String detail) {
        return new FieldError(null, line, column, detail);
    }

    /** Returns the error as printed for files: {@code line 3, column timeZone: unknown time zone 'Mars/Olympus'}. */
    public String fileMessage() {
        return column == null
                ? "line " + line + ": " + detail
                : "line " + line + ", column " + column + ": " + detail;
    }
}
