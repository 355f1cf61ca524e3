package dev.arrears.contact.web;

import dev.arrears.shared.Parameters;

/** Reads ids from request paths (400 naming {@code id} when it is not one). */
final class Paths {

    private Paths() {
    }

    /** Returns the id in a path segment. */
    static long id(String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id("id", text);
        parameters.required("id", id, "/42");
        parameters.check();
        return id;
    }
}
