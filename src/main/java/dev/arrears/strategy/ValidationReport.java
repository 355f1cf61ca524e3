package dev.arrears.strategy;

import dev.arrears.shared.FieldError;

import java.util.List;

/**
 * What the validator found in a strategy document: every problem with its JSON Pointer and line, or, for a valid
 * document, its name, segments and the facts its conditions read.
 *
 * @param name     the strategy's name when it could be read
 * @param segments the segments' names in order (empty when invalid)
 * @param reads    the facts the conditions read, in catalogue order (empty when invalid)
 */
public record ValidationReport(boolean valid, String name, List<String> segments, List<String> reads,
                               List<FieldError> errors) {

    public ValidationReport {
        segments = List.copyOf(segments);
        reads = List.copyOf(reads);
        errors = List.copyOf(errors);
    }
}
