package dev.arrears.ledger.web;

import java.util.List;

/** A query or path parameter that cannot be read; answered as a 400 problem naming each parameter. */
class BadParameterException extends RuntimeException {

    /** One bad parameter and why. */
    record BadParameter(String parameter, String detail) {
    }

    private final List<BadParameter> problems;

    BadParameterException(List<BadParameter> problems) {
        super(problems.stream().map(p -> "parameter '" + p.parameter() + "': " + p.detail())
                .reduce((a, b) -> a + "; " + b).orElse("bad parameter"));
        this.problems = List.copyOf(problems);
    }

    BadParameterException(String parameter, String detail) {
        this(List.of(new BadParameter(parameter, detail)));
    }

    List<BadParameter> problems() {
        return problems;
    }
}
