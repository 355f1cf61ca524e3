package dev.arrears.shared;

import java.util.List;

/**
 * A document that was read but breaks its own rules (a strategy with an unknown key, a CEL type error, a ladder
 * that escalates without notice): answered 422 with every problem, each with its JSON Pointer and line.
 */
public class InvalidDocumentException extends InvalidInputException {

    public InvalidDocumentException(List<FieldError> errors) {
        super(errors);
    }
}
