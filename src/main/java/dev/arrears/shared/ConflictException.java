package dev.arrears.shared;

import java.util.List;

/** A record with the same external reference exists with different content; names the fields that differ. */
public class ConflictException extends RuntimeException {

    private final List<FieldError> errors;

    public ConflictException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
