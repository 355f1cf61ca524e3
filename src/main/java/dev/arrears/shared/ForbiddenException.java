package dev.arrears.shared;

/** The caller is known but may not do this (a maker approving their own request, an amount above their limit). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
