package dev.arrears.ledger.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.importing.ImportKind;
import dev.arrears.ledger.importing.ImportResult;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code POST /api/v1/imports/{kind}}: a CSV file as the multipart part {@code file}. 201 when records were
 * created, 200 when all were already there; a file with bad lines is a 400 problem listing each line and column,
 * and nothing is written unless {@code skipInvalid=true}, in which case the good records are written and the bad
 * ones listed in the 200/201 body.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final Ledger ledger;

    ImportController(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Imports one CSV file of the kind named in the path. */
    @PostMapping("/{kind}")
    ResponseEntity<ImportResponse> importFile(@PathVariable String kind, @RequestPart("file") MultipartFile file,
                                              @RequestParam(defaultValue = "false") boolean skipInvalid) {
        ImportKind importKind = ImportKind.parse(kind);
        ImportResult result;
        try (InputStream in = file.getInputStream()) {
            result = ledger.importCsv(importKind, in, skipInvalid);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file", e);
        }
        if (!result.written()) {
            throw new InvalidInputException(result.errors());
        }
        ImportResponse body = new ImportResponse(importKind.name().toLowerCase(), result.lines(), result.records(),
                result.created(), result.unchanged(), result.skipped(),
                result.errors().stream().map(LineError::of).toList());
        return ResponseEntity.status(result.created() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    /** What an import did; {@code errors} lists the lines skipped with skipInvalid. */
    record ImportResponse(String kind, int lines, int records, int created, int unchanged, int skipped,
                          List<LineError> errors) {
    }

    /** One bad line of the file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineError(int line, String column, String detail) {
        static LineError of(FieldError error) {
            return new LineError(error.line(), error.column(), error.detail());
        }
    }
}
