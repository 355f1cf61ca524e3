package dev.arrears.shared;

import java.util.List;

/** Input that cannot be accepted; carries every problem found, so the caller can fix them all at once. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.size() + " invalid field(s): " + errors.getFirst().detail());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
