package dev.arrears.shared;

import java.util.List;

/** A query or path parameter that cannot be read; answered as a 400 problem naming each parameter. */
public class BadParameterException extends RuntimeException {

    /** One bad parameter and why. */
    public record BadParameter(String parameter, String detail) {
    }

    private final List<BadParameter> problems;

    public BadParameterException(List<BadParameter> problems) {
        super(problems.stream().map(p -> "parameter '" + p.parameter() + "': " + p.detail())
                .reduce((a, b) -> a + "; " + b).orElse("bad parameter"));
        this.problems = List.copyOf(problems);
    }

    public BadParameterException(String parameter, String detail) {
        this(List.of(new BadParameter(parameter, detail)));
    }

    public List<BadParameter> problems() {
        return problems;
    }
}
