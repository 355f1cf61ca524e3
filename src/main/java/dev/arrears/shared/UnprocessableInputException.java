package dev.arrears.shared;

import java.util.List;

/**
 * Input that is well formed but names something that cannot take it (a call task assigned to a name that is no
 * enabled user working call tasks): answered 422 with its problems by field, where malformed input is a 400.
 */
public class UnprocessableInputException extends InvalidInputException {

    public UnprocessableInputException(FieldError error) {
        super(List.of(error));
    }
}
