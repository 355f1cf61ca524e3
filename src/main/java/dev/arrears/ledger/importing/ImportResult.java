package dev.arrears.ledger.importing;

import dev.arrears.shared.FieldError;

import java.util.List;

/**
 * The outcome of a CSV import. {@code written} is false when bad lines stopped the whole file; with
 * skip-invalid the good records are written and the bad ones listed.
 *
 * @param records records read (a bill of several lines counts once)
 * @param created records created; {@code unchanged} records were already there, identical
 */
public record ImportResult(boolean written, int lines, int records, int created, int unchanged, int skipped,
                           List<FieldError> errors) {

    public ImportResult {
        errors = List.copyOf(errors);
    }
}
